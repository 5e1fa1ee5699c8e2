import { describe, expect, test } from 'vitest';
import { headersFile } from '../../src/lib/hosting.ts';
import { headersFor, parseHeadersFile } from '../e2e/support/headers.ts';

// The e2e server applies the build's _headers the way Cloudflare Pages does; these pin that reading.

const FILE = `# site-wide
/*
  X-Content-Type-Options: nosniff
  Cache-Control: public, max-age=300

/_astro/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable

/static/*
  X-Robots-Tag: nosnippet

/*.css
  X-Robots-Tag: noindex

/movies/:title
  X-Movie: :title
  Link: </movies/:title/poster.png>; rel=preload

/search/
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
`;

describe('the e2e server reads _headers like Cloudflare Pages', () => {
  const rules = parseHeadersFile(FILE);

  test('every matching rule applies, in file order', () => {
    expect(headersFor(rules, '/about/')).toEqual({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' });
    expect(headersFor(rules, '/search/')).toEqual({
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=300',
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
    });
  });

  test('"! Name" removes what an earlier rule set, so the later value stands alone', () => {
    expect(headersFor(rules, '/_astro/app.1a2b.css')['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('a header set by two rules is joined with a comma', () => {
    expect(headersFor(rules, '/static/site.css')['x-robots-tag']).toBe('nosnippet, noindex');
    expect(headersFor(rules, '/static/logo.png')['x-robots-tag']).toBe('nosnippet');
  });

  test('* matches across slashes; :name matches one segment and fills the value', () => {
    expect(headersFor(rules, '/a/b/c.css')['x-robots-tag']).toBe('noindex');
    expect(headersFor(rules, '/movies/alien')).toMatchObject({ 'x-movie': 'alien', link: '</movies/alien/poster.png>; rel=preload' });
    expect(headersFor(rules, '/movies/alien/extra')['x-movie']).toBeUndefined();
  });

  test('patterns match the whole path, and regex characters in them are literal', () => {
    const dots = parseHeadersFile('/a.b\n  X: 1\n');
    expect(headersFor(dots, '/a.b')).toEqual({ x: '1' });
    expect(headersFor(dots, '/aXb')).toEqual({});
    expect(headersFor(dots, '/a.b/more')).toEqual({});
  });

  test('lines it cannot read are errors naming the line', () => {
    expect(() => parseHeadersFile('  X-Frame-Options: DENY\n')).toThrowErrorMatchingInlineSnapshot(
      `[Error: _headers:1: a header line comes before any path pattern]`,
    );
    expect(() => parseHeadersFile('/*\n  no colon here\n')).toThrowErrorMatchingInlineSnapshot(
      `[Error: _headers:2: "no colon here" is not "Name: value"]`,
    );
    expect(() => parseHeadersFile('/*\n  !\n')).toThrowErrorMatchingInlineSnapshot(`[Error: _headers:2: "!" names no header to remove]`);
    expect(() => parseHeadersFile('https://example.com/*\n  X: 1\n')).toThrowErrorMatchingInlineSnapshot(
      `[Error: _headers:1: "https://example.com/*" is not a path pattern (absolute URLs are not used by this site)]`,
    );
    expect(() => parseHeadersFile('/a/*/b/*\n  X: 1\n')).toThrowErrorMatchingInlineSnapshot(
      `[Error: _headers:1: "/a/*/b/*" has more than one *]`,
    );
  });

  test('the site’s own _headers parses, and each path gets one Cache-Control', () => {
    const site = parseHeadersFile(headersFile());
    for (const p of ['/', '/_astro/app.1a2b.css', '/og/site.png', '/pagefind/pagefind.js', '/favicon.svg']) {
      const cacheControl = headersFor(site, p)['cache-control'];
      expect(cacheControl, p).toMatch(/^public, max-age=\d+(, [a-z-]+)?$/);
    }
    expect(headersFor(site, '/_astro/app.1a2b.css')['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
