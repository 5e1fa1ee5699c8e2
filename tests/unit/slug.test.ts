import { describe, expect, test } from 'vitest';
import { assignTagSegments, SLUG_PATTERN, shortHash, slugify, tagKey } from '../../src/lib/slug.ts';

describe('slugify', () => {
  test.each([
    ["Microsoft's Q3 Plans!", 'microsofts-q3-plans'],
    ['  Cloud   Billing -- Control  ', 'cloud-billing-control'],
    ['AT&T Partner Exchange', 'at-and-t-partner-exchange'],
    ['Café Résumé Naïve', 'cafe-resume-naive'],
    ['MSPs’ “All In” Moment', 'msps-all-in-moment'],
    ['2011: What I’ll Be Watching', '2011-what-ill-be-watching'],
  ])('%j becomes %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  test('a title without letters or digits gives an empty slug', () => {
    expect(slugify('!!! ???')).toBe('');
    expect(slugify('日本語')).toBe('');
  });

  test('long titles are cut to 80 characters without a trailing hyphen', () => {
    const slug = slugify(`${'word '.repeat(40)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  test('every non-empty result is a valid file-name slug', () => {
    for (const t of ['A  B', '-x-', 'Ünïcödé!', 'C++ & C#', '<script>alert(1)</script>', '../../etc/passwd']) {
      const s = slugify(t);
      expect(s).toMatch(SLUG_PATTERN);
    }
  });
});

describe('tagKey', () => {
  test('tags differing only in case are one tag', () => {
    expect(tagKey('Cloud')).toBe(tagKey('cloud'));
    expect(tagKey('CLOUD')).toBe('cloud');
  });

  test('spacing and Unicode form do not make a different tag', () => {
    expect(tagKey('  Channel   Chiefs ')).toBe('channel chiefs');
    expect(tagKey('Cafe\u0301')).toBe(tagKey('Café'));
    expect(tagKey('Ｃ＋＋')).toBe('c++');
  });

  test('different punctuation makes a different tag', () => {
    expect(new Set([tagKey('C++'), tagKey('C#'), tagKey('C')]).size).toBe(3);
  });
});

describe('assignTagSegments', () => {
  test('C++, C# and C get different, readable URLs', () => {
    const segs = assignTagSegments(['c++', 'c#', 'c']);
    expect(Object.fromEntries(segs)).toEqual({ 'c++': 'c-plus-plus', 'c#': 'c-sharp', c: 'c' });
  });

  test('"Cloud" and "cloud" share a key and so a segment', () => {
    const segs = assignTagSegments([tagKey('Cloud'), tagKey('cloud')]);
    expect(segs.size).toBe(1);
    expect(segs.get('cloud')).toBe('cloud');
  });

  test('non-ASCII tags keep their letters', () => {
    const segs = assignTagSegments(['café', '日本', 'мsp партнёры']);
    expect(segs.get('café')).toBe('café');
    expect(segs.get('日本')).toBe('日本');
    expect(segs.get('мsp партнёры')).toBe('мsp-партнёры');
  });

  test('a tag made only of punctuation still gets a segment', () => {
    expect(assignTagSegments(['!!!']).get('!!!')).toBe('tag');
  });

  test('colliding tags never share a segment; the key that is the segment keeps it', () => {
    const keys = ['c-plus-plus', 'c++', 'c plus plus', 'c  plus plus!'];
    const segs = assignTagSegments(keys);
    expect(segs.get('c-plus-plus')).toBe('c-plus-plus');
    expect(segs.get('c++')).toBe(`c-plus-plus-${shortHash('c++')}`);
    expect(new Set(segs.values()).size).toBe(keys.length);
  });

  test('colliding tags with no owner all get hash suffixes', () => {
    const segs = assignTagSegments(['.net', 'net!']);
    expect(segs.get('.net')).toMatch(/^net-[0-9a-z]{6}$/);
    expect(segs.get('net!')).toMatch(/^net-[0-9a-z]{6}$/);
    expect(segs.get('.net')).not.toBe(segs.get('net!'));
  });

  test('a new unrelated tag never changes existing segments', () => {
    const before = assignTagSegments(['c++', 'c plus plus', 'cloud', 'msp', '.net', 'net']);
    const after = assignTagSegments(['c++', 'c plus plus', 'cloud', 'msp', '.net', 'net', 'azure', 'c#', 'vars']);
    for (const [key, seg] of before) expect(after.get(key)).toBe(seg);
  });

  test('the result does not depend on the order of the keys', () => {
    const keys = ['c++', 'c-plus-plus', 'c plus plus', 'net', '.net', 'cloud'];
    const a = assignTagSegments(keys);
    const b = assignTagSegments([...keys].reverse());
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
  });

  test('segments are URL-safe: no slash, no space, no question mark or hash', () => {
    const segs = assignTagSegments(['a/b', 'q?', 'x y', '#hash', '../up', '<script>']);
    for (const seg of segs.values()) expect(seg).toMatch(/^[\p{L}\p{N}-]+$/u);
  });
});
