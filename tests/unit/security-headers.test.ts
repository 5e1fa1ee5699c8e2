import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, headersFile } from '../../src/lib/hosting.ts';
import { headersFor, parseHeadersFile } from '../e2e/support/headers.ts';

/** A policy as a map of directive → sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );
}

describe('security headers in _headers', () => {
  const rules = parseHeadersFile(
    headersFile({
      formActions: ['https://staticman.example.net/v3/entry/github/acme/blog/main/comments', undefined, 'https://buttondown.example/api/x'],
    }),
  );

  test('every page gets nosniff, a referrer policy, no framing and a CSP with no inline script or style', () => {
    for (const p of ['/', '/2010/07/14/a/', '/search/', '/rss.xml', '/tags/msp/']) {
      const h = headersFor(rules, p);
      expect(h['x-content-type-options'], p).toBe('nosniff');
      expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(h['x-frame-options']).toBe('DENY');
      const csp = directives(h['content-security-policy'] ?? '');
      expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
    }
  });

  test('forms may post to the site and to the configured comment and sign-up services only', () => {
    const csp = directives(headersFor(rules, '/')['content-security-policy'] ?? '');
    expect(csp['form-action']).toEqual(["'self'", 'https://buttondown.example', 'https://staticman.example.net']);
    expect(directives(contentSecurityPolicy())['form-action']).toEqual(["'self'"]);
  });

  test('only /newsletter/ (e-mail HTML styled inline for mail clients) allows inline styles', () => {
    const csp = directives(headersFor(rules, '/newsletter/2010-07-12/email.html')['content-security-policy'] ?? '');
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});
