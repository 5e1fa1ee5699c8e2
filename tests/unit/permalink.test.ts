import { describe, expect, test } from 'vitest';
import { absoluteUrl, articlePath, normaliseAlias, pagePath } from '../../src/lib/permalink.ts';

const NY = 'America/New_York';
const PATTERN = '/:year/:month/:day/:slug/';

describe('articlePath', () => {
  test('fills the default pattern with zero-padded date parts', () => {
    expect(articlePath(PATTERN, 'hello', new Date('2010-03-04T15:00:00Z'), NY)).toBe('/2010/03/04/hello/');
  });

  test('uses the date in the site time zone, not in UTC', () => {
    // 02:00 UTC on the 15th is 22:00 on the 14th in New York.
    expect(articlePath(PATTERN, 'wpc10', new Date('2010-07-15T02:00:00Z'), NY)).toBe('/2010/07/14/wpc10/');
    expect(articlePath(PATTERN, 'wpc10', new Date('2010-07-15T02:00:00Z'), 'UTC')).toBe('/2010/07/15/wpc10/');
  });

  test('a New Year article written late on 31 December stays in the old year', () => {
    expect(articlePath(PATTERN, 'eve', new Date('2011-01-01T03:00:00Z'), NY)).toBe('/2010/12/31/eve/');
  });

  test('other patterns use only their tokens', () => {
    expect(articlePath('/:slug/', 'x', new Date('2010-07-14T12:00:00Z'), NY)).toBe('/x/');
    expect(articlePath('/blog/:year/:slug/', 'x', new Date('2010-07-14T12:00:00Z'), NY)).toBe('/blog/2010/x/');
  });
});

describe('normaliseAlias', () => {
  test.each([
    ['/old/path', '/old/path/'],
    ['old/path/', '/old/path/'],
    ['  /old/path/  ', '/old/path/'],
    ['/2010/07/14/post/?utm=x#top', '/2010/07/14/post/'],
    ['https://old.example.com/2010/07/post?p=1', '/2010/07/post/'],
    ['HTTP://OLD.example.com/a', '/a/'],
    ['/feed.xml', '/feed.xml'],
    ['/index.php', '/index.php'],
    ['/', '/'],
  ])('%j becomes %j', (alias, path) => {
    expect(normaliseAlias(alias)).toBe(path);
  });
});

describe('pagePath', () => {
  test('page 1 lives at the base', () => {
    expect(pagePath('/', 1)).toBe('/');
    expect(pagePath('/tags/msp/', 1)).toBe('/tags/msp/');
    expect(pagePath('/tags/msp/', 0)).toBe('/tags/msp/');
  });

  test('later pages live under page/N/', () => {
    expect(pagePath('/', 2)).toBe('/page/2/');
    expect(pagePath('/tags/msp/', 12)).toBe('/tags/msp/page/12/');
  });
});

describe('absoluteUrl', () => {
  test('joins origin and path with one slash', () => {
    expect(absoluteUrl('https://example.com/', '/2010/07/14/x/')).toBe('https://example.com/2010/07/14/x/');
    expect(absoluteUrl('https://example.com', 'rss.xml')).toBe('https://example.com/rss.xml');
  });
});
