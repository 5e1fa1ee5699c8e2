import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { horizontalOverflow, launchBrowser, newContext, type PageProblems, runAxe, unlessBroken, watchPage } from './support/browser.ts';
import { htmlFiles } from './support/links.ts';
import { type StaticServer, serveStatic } from './support/server.ts';
import { OVERFLOW_ARTICLE, RESULTS, SAMPLE_ARTICLE, SAMPLE_NEWSLETTER_ISSUE, type SiteName, sites } from './support/sites.ts';

interface Template {
  name: string;
  site: SiteName;
  path: string;
  /** HTTP status of the document; 200 unless said. */
  status?: number;
}

/** Site path of the generated article with the awkward comments (7-deep replies, a table, a 200-character word, injection attempts). */
function corpusShowcasePath(): string {
  const slug = inject('corpus').commentsClosed[0];
  const file = htmlFiles(sites.corpus).find((f) => f.endsWith(`/${slug}/index.html`));
  if (!file) throw new Error(`the corpus build has no page for article ${slug}`);
  return `/${file.slice(0, -'index.html'.length)}`;
}

// One page of every template. Page 2 needs more articles than the sample has; the wide-content
// article holds a 200-character word and a wide table in its body and comments.
const templates: Template[] = [
  { name: 'home', site: 'sample', path: '/' },
  { name: 'page 2', site: 'corpus', path: '/page/2/' },
  { name: 'article with comments', site: 'sample', path: SAMPLE_ARTICLE },
  { name: 'author', site: 'sample', path: '/authors/joe-panettieri/' },
  { name: 'tag', site: 'sample', path: '/tags/msp/' },
  { name: 'tags index', site: 'sample', path: '/tags/' },
  { name: 'archive', site: 'sample', path: '/archive/' },
  { name: 'archive year', site: 'sample', path: '/archive/2010/' },
  { name: 'about', site: 'sample', path: '/about/' },
  { name: 'newsletter archive', site: 'sample', path: '/newsletter/' },
  { name: 'newsletter issue', site: 'sample', path: SAMPLE_NEWSLETTER_ISSUE },
  { name: '404', site: 'sample', path: '/no-such-page/', status: 404 },
  { name: 'article with wide content', site: 'overflow', path: OVERFLOW_ARTICLE },
  { name: 'generated article with awkward comments', site: 'corpus', path: corpusShowcasePath() },
];

let browser: Browser;
const servers = {} as Record<SiteName, StaticServer>;
let light: BrowserContext;
let dark: BrowserContext;
let mobile: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  for (const name of Object.keys(sites) as SiteName[]) servers[name] = await serveStatic(sites[name]);
  light = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  dark = await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  mobile = await newContext(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

/** Opens a template's page in `context` and checks that it answered with the expected status. */
async function open(context: BrowserContext, t: Template): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const url = servers[t.site].origin + t.path;
  const status = t.status ?? 200;
  const problems = await watchPage(page, { url, status });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status(), `${t.path} status`).toBe(status);
  return { page, problems };
}

describe.each(templates)('$name ($path)', (t) => {
  test('loads without console errors or failed requests, with one h1 and a main landmark', async () => {
    const { page, problems } = await open(light, t);
    try {
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      // After the load event the document is parsed: count now, no polling against a clock.
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  test('axe finds no WCAG 2.2 A/AA violations in light mode', async () => {
    const { page } = await open(light, t);
    try {
      const { violations, passed } = await runAxe(page);
      expect(violations).toEqual([]);
      expect(passed).toContain('color-contrast');
    } finally {
      await page.close();
    }
  });

  test('axe finds no violations in dark mode, colour contrast included', async () => {
    const { page } = await open(dark, t);
    try {
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      const { violations, passed } = await runAxe(page);
      expect(violations).toEqual([]);
      expect(passed).toContain('color-contrast');
    } finally {
      await page.close();
    }
  });

  test('nothing overflows sideways at 375 px', async () => {
    const { page } = await open(mobile, t);
    try {
      const { overflow, culprits } = await horizontalOverflow(page);
      expect(overflow, `${t.path} is ${overflow}px too wide; elements reaching past the edge: ${culprits.join(', ')}`).toBeLessThanOrEqual(
        0,
      );
    } finally {
      await page.close();
    }
  });
});

describe('keyboard', () => {
  test('Tab focuses the skip link first and Enter moves focus to main', async () => {
    const { page } = await open(light, { name: 'article', site: 'sample', path: SAMPLE_ARTICLE });
    try {
      const skip = page.getByRole('link', { name: 'Skip to content' });
      await page.keyboard.press('Tab');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0, 'the focused skip link is on screen').toBe(true);
      await page.keyboard.press('Enter');
      await unlessBroken(
        page,
        page.waitForURL((url) => url.hash === '#main'),
      );
      // Waits for the state (main focused), however long a loaded machine takes to get there.
      await unlessBroken(page, page.locator('main:focus').waitFor());
    } finally {
      await page.close();
    }
  });
});

describe('screenshots', () => {
  test.each([
    ['light', () => light],
    ['dark', () => dark],
    ['mobile', () => mobile],
  ] as const)('the article page renders in %s', async (mode, context) => {
    const { page } = await open(context(), { name: 'article', site: 'sample', path: SAMPLE_ARTICLE });
    try {
      const file = path.join(RESULTS, `article-${mode}.png`);
      const png = await page.screenshot({ path: file, fullPage: true });
      expect(png.byteLength).toBeGreaterThan(10_000);
    } finally {
      await page.close();
    }
  });
});
