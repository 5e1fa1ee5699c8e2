import { describe, expect, test } from 'vitest';
import { splitEmoji, twemojiDir, twemojiName } from '../../src/lib/cards/emoji.ts';
import { countLines, fitTitle } from '../../src/lib/cards/fit.ts';
import { chooseFonts, cjkFamilyFor, loadFontRegistry, parseUnicodeRange } from '../../src/lib/cards/fonts.ts';
import { createProgress } from '../../src/lib/cards/progress.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../../src/lib/cards/size.ts';
import { isRtl, titleBox, titleLayout } from '../../src/lib/cards/template.ts';
import { paths } from '../../src/lib/urls.ts';

const registry = loadFontRegistry();
const base = (f: { file: string }) => f.file.split('/').pop();

describe('card paths', () => {
  test('each kind has its folder under /og/', () => {
    expect([paths.card('article', 'a-b'), paths.card('author', 'joe'), paths.card('tag', 'c-sharp'), paths.card('site')]).toEqual([
      '/og/articles/a-b.png',
      '/og/authors/joe.png',
      '/og/tags/c-sharp.png',
      '/og/site.png',
    ]);
    expect([CARD_WIDTH, CARD_HEIGHT]).toEqual([1200, 630]);
  });

  test('a card other than the site card needs an id', () => {
    expect(() => paths.card('tag')).toThrowErrorMatchingInlineSnapshot(`[Error: paths.card('tag') needs the tag segment]`);
  });
});

describe('title fitting', () => {
  test('a short title gets the largest size on one line', () => {
    expect(fitTitle('Partner news', titleBox(false))).toEqual({ fontSize: 72, lines: 1 });
  });

  test('a 200-character title shrinks and wraps to fit the box, without being cut', () => {
    const title =
      'Why every distributor, vendor and managed service provider in the channel should rethink partner incentives, cloud marketplaces, recurring revenue and margins now';
    const long = `${title} ${'and more '.repeat(10)}`.slice(0, 200);
    expect([...long]).toHaveLength(200);
    for (const hasImage of [false, true]) {
      const layout = titleLayout({ kind: 'article', siteName: 'B', title: long, byline: [], tags: [], hasImage });
      expect(layout.text).toBe(long);
      expect(layout.fontSize).toBeLessThan(72);
      expect(layout.fontSize).toBeGreaterThanOrEqual(layout.box.minSize);
      expect(layout.lines).toBeGreaterThan(2);
      expect(layout.lines * layout.fontSize * layout.box.lineHeight).toBeLessThanOrEqual(layout.box.height);
    }
  });

  test('a 200-character word is broken rather than overflowing', () => {
    const word = 'x'.repeat(200);
    const { fontSize, lines } = fitTitle(word, titleBox(false));
    expect(lines).toBe(countLines(word, fontSize, titleBox(false).width));
    expect(lines).toBeGreaterThan(1);
  });

  test('a title too long for any size is shortened with an ellipsis', () => {
    const layout = titleLayout({ kind: 'article', siteName: 'B', title: 'word '.repeat(200), byline: [], tags: [], hasImage: false });
    expect(layout.text.endsWith('…')).toBe(true);
    expect(layout.lines * layout.fontSize * layout.box.lineHeight).toBeLessThanOrEqual(layout.box.height);
  });

  test('CJK text wraps between characters', () => {
    expect(countLines('渠道合作伙伴'.repeat(20), 60, 600)).toBeGreaterThan(10);
  });
});

describe('font choice', () => {
  test('unicode-range values parse into inclusive ranges, wildcards included', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+1F??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x1f00, 0x1fff],
    ]);
  });

  test('Latin text loads only the Latin subsets of Noto Sans', () => {
    const { files, missing } = chooseFonts([{ text: 'Café déjà vu', weight: 700 }], registry);
    expect(missing).toEqual([]);
    expect(files.map(base).sort()).toEqual(
      [
        'noto-sans-latin-400-normal.woff',
        'noto-sans-latin-700-normal.woff',
        'noto-sans-latin-ext-400-normal.woff',
        'noto-sans-latin-ext-700-normal.woff',
      ].sort(),
    );
  });

  test('CJK fonts are loaded only for the subsets a title uses', () => {
    const latin = chooseFonts([{ text: 'Channel news', weight: 700 }], registry);
    expect(latin.files.some((f) => f.file.includes('noto-sans-sc'))).toBe(false);
    const zh = chooseFonts([{ text: '渠道新闻', weight: 700 }], registry);
    const sc = zh.files.filter((f) => f.file.includes('noto-sans-sc'));
    expect(sc.length).toBeGreaterThan(0);
    expect(sc.length).toBeLessThanOrEqual(4);
    expect(sc.every((f) => f.weight === 700)).toBe(true);
  });

  test('kana picks Japanese and Hangul picks Korean; Han alone picks Simplified Chinese', () => {
    expect([cjkFamilyFor('東京のパートナー'), cjkFamilyFor('파트너 프로그램'), cjkFamilyFor('合作伙伴')]).toEqual([
      'noto-sans-jp',
      'noto-sans-kr',
      'noto-sans-sc',
    ]);
  });

  test('every script the cards promise has a font', () => {
    const samples = [
      'Ÿ œ ß ğ ł',
      'Привет, партнёры',
      'Καλημέρα συνεργάτες',
      'Tiếng Việt: đối tác',
      '渠道合作伙伴',
      'パートナー',
      '파트너',
      'مرحبا',
      'שלום',
    ];
    for (const text of samples) expect(chooseFonts([{ text, weight: 700 }], registry).missing, text).toEqual([]);
  });

  test('a character no font has is reported', () => {
    expect(chooseFonts([{ text: 'a\u{10FFFD}b', weight: 400 }], registry).missing).toEqual(['\u{10FFFD}']);
  });
});

describe('emoji', () => {
  const dir = twemojiDir();
  test('Twemoji names drop FE0F except in ZWJ sequences', () => {
    expect(twemojiName('❤️')).toBe('2764');
    expect(twemojiName('👩‍💻')).toBe('1f469-200d-1f4bb');
  });

  test('emoji become pictures and leave the rest of the text to fonts', () => {
    const split = splitEmoji('Ship it 🚀 👍🏽 🇺🇸 ©', dir, () => true);
    expect(Object.keys(split.images)).toEqual(['🚀', '👍🏽', '🇺🇸']);
    expect(split.rest).toBe('Ship it    ©');
    expect(split.missing).toEqual([]);
  });
});

describe('direction', () => {
  test('Arabic and Hebrew titles are right-to-left, others not', () => {
    expect([isRtl('مرحبا MSP'), isRtl('שלום'), isRtl('MSP مرحبا'), isRtl('2024: שלום')]).toEqual([true, true, false, true]);
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
  };
  let t = 0;
  const clock = () => (t += 50);

  test('a terminal gets one line rewritten in place', () => {
    const { out, stream } = sink(true);
    const p = createProgress(100, 90, stream, clock);
    for (let i = 0; i < 100; i++) p.tick(i < 10);
    p.finish();
    expect(out.every((s) => s.startsWith('\r'))).toBe(true);
    const last = out.at(-2) ?? '';
    expect(last.startsWith('\r\x1b[K')).toBe(true);
    expect(last.slice(4)).toMatch(/^\[cards\] 100\/100 cards · 10 from cache · \d+ cards\/s$/);
  });

  test('a log gets four plain lines', () => {
    const { out, stream } = sink(false);
    const p = createProgress(100, 100, stream, clock);
    for (let i = 0; i < 100; i++) p.tick(false);
    p.finish();
    expect(out).toHaveLength(4);
    expect(out.every((s) => s.endsWith('\n') && !s.includes('\r'))).toBe(true);
  });

  test('a few cards print nothing', () => {
    const { out, stream } = sink(true);
    const p = createProgress(10, 10, stream, clock);
    for (let i = 0; i < 10; i++) p.tick(false);
    p.finish();
    expect(out).toEqual([]);
  });
});

describe('CJK fallback', () => {
  test('a simplified Chinese character in a Japanese title falls back to the Chinese font', () => {
    const { files, missing } = chooseFonts([{ text: 'クラウド 软件', weight: 700 }], registry);
    expect(missing).toEqual([]);
    expect(files.some((f) => f.file.includes('noto-sans-jp'))).toBe(true);
    expect(files.some((f) => f.file.includes('noto-sans-sc'))).toBe(true);
  });
});
