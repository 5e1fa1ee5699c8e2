import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext, POLICY_VIOLATION, watchPage } from './support/browser.ts';
import { headersFor, parseHeadersFile } from './support/headers.ts';
import { type StaticServer, serveStatic } from './support/server.ts';
import { sites } from './support/sites.ts';

// The browser tests see the site with the headers the host would send, so a page the
// Content-Security-Policy breaks fails them. These tests show both halves work: the server sends
// the built _headers, and a policy violation reaches a test as a console error.

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>before</title></head>
<body><main><h1>CSP</h1><img alt="" src="/pixel.svg"><script>document.title = 'ran';</script></main></body></html>`;
const PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

let browser: Browser;
let context: BrowserContext;
let fixture: string;
let fixtureServer: StaticServer;
let sample: StaticServer;

beforeAll(async () => {
  fixture = mkdtempSync(path.join(tmpdir(), 'backchannel-csp-'));
  writeFileSync(path.join(fixture, 'index.html'), PAGE);
  writeFileSync(path.join(fixture, 'pixel.svg'), PIXEL);
  writeFileSync(
    path.join(fixture, '_headers'),
    "/*\n  Content-Security-Policy: default-src 'self'; script-src 'none'\n\n/report-only/*\n  ! Content-Security-Policy\n  Content-Security-Policy-Report-Only: img-src 'none'\n",
  );
  writeFileSync(path.join(fixture, '404.html'), PAGE);
  fixtureServer = await serveStatic(fixture);
  sample = await serveStatic(sites.sample);
  browser = await launchBrowser();
  context = await newContext(browser);
});

afterAll(async () => {
  await browser?.close();
  await fixtureServer?.close();
  await sample?.close();
  rmSync(fixture, { recursive: true, force: true });
});

describe('the e2e server', () => {
  test('answers each path of the built sample site with the headers its _headers file gives that path', async () => {
    const rules = parseHeadersFile(readFileSync(path.join(sites.sample, '_headers'), 'utf8'));
    for (const p of ['/', '/search/', '/rss.xml', '/favicon.svg']) {
      const response = await fetch(sample.origin + p);
      expect(response.status, p).toBe(200);
      const expected = headersFor(rules, p);
      // Every path gets the policy: that is what makes a page the policy breaks fail the browser tests.
      expect(Object.keys(expected), p).toEqual(
        expect.arrayContaining(['content-security-policy', 'x-content-type-options', 'cache-control']),
      );
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), `${p} ${name}`).toBe(value);
    }
  });

  test('does not serve the host’s own configuration files', async () => {
    for (const p of ['/_headers', '/_redirects']) expect((await fetch(sample.origin + p)).status, p).toBe(404);
  });
});

describe('a Content-Security-Policy violation fails the page', () => {
  test('an inline script the policy refuses is reported as a console error, twice over', async () => {
    const page = await context.newPage();
    try {
      const problems = await watchPage(page);
      await page.goto(fixtureServer.origin, { waitUntil: 'load' });
      expect(await page.title()).toBe('before');
      expect(problems.failedRequests).toEqual([]);
      // Chromium's own message ("Refused to execute…" in older versions), then the event's.
      expect(
        problems.consoleErrors.filter((e) => e.includes("violates the following Content Security Policy directive 'script-src 'none''")),
      ).toHaveLength(1);
      expect(problems.consoleErrors.filter((e) => e.startsWith(`${POLICY_VIOLATION} script-src-elem blocked inline`))).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  test('a report-only policy, which Chromium does not enforce, is reported through the violation event', async () => {
    const page = await context.newPage();
    try {
      const problems = await watchPage(page, { url: `${fixtureServer.origin}/report-only/`, status: 404 });
      await page.goto(`${fixtureServer.origin}/report-only/`, { waitUntil: 'load' });
      expect(await page.title()).toBe('ran');
      expect(
        problems.consoleErrors.filter((e) => e.startsWith(`${POLICY_VIOLATION} img-src blocked ${fixtureServer.origin}/pixel.svg`)),
      ).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});
