import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleGlob } from '../../src/lib/permalink.ts';
import { indexSiteCached } from '../../src/lib/search/index-site.ts';
import { site } from '../../src/site.config.ts';
import { horizontalOverflow, launchBrowser, newContext, type PageProblems, runAxe, unlessBroken, watchPage } from './support/browser.ts';
import { type StaticServer, serveStatic } from './support/server.ts';
import { RESULTS, SAMPLE_ARTICLE, sites } from './support/sites.ts';

// The search page on the built sample site, in real Chromium: Pagefind's index as the build
// wrote it, the page's own result rendering, the URL as the search's state, and axe.

const SAMPLE_TITLE = 'Microsoft Channel Chief Concedes: I Need to Learn About MSPs';
const ERIK = 'comment-2010-07-14t1802-erik-walczak';
const GERARD = 'comment-2010-07-15t0847-gerard-kane';

let browser: Browser;
let server: StaticServer;
let light: BrowserContext;
let dark: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveStatic(sites.sample);
  light = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  dark = await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` and records the problems a reader's browser would report. */
async function open(context: BrowserContext, urlPath: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems = await watchPage(page);
  const response = await page.goto(server.origin + urlPath, { waitUntil: 'load' });
  expect(response?.status(), `${urlPath} status`).toBe(200);
  return { page, problems };
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search articles and reader comments' });
const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
const status = (page: Page) => page.getByRole('status');
/** Titles of the results shown, in order. */
const titles = (page: Page) => results(page).getByRole('heading', { level: 2 }).allTextContents();

/** Waits until the status line says `text`: a state, not a time budget, so a slow machine only waits longer. */
async function settled(page: Page, text: RegExp): Promise<void> {
  await unlessBroken(page, status(page).filter({ hasText: text }).waitFor());
}

describe('the search page', () => {
  test('a word from the sample article’s body finds it, and the query goes into the URL', async () => {
    const { page, problems } = await open(light, '/search/');
    try {
      await searchBox(page).fill('Roskill');
      await searchBox(page).press('Enter');
      await settled(page, /^1 article matches “Roskill”\.$/);
      expect(await titles(page)).toEqual([SAMPLE_TITLE]);
      const link = results(page).first().getByRole('link', { name: SAMPLE_TITLE });
      expect(await link.getAttribute('href')).toBe(SAMPLE_ARTICLE);
      expect(await results(page).first().locator('mark').first().textContent()).toMatch(/^Roskill/);
      expect(new URL(page.url()).search).toBe('?q=Roskill');
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await page.close();
    }
  });

  test.each(['Roskill’s', "Roskill's"])(
    '“%s” finds the article whether the apostrophe is typographic (a phone’s keyboard) or plain',
    async (word) => {
      const { page, problems } = await open(light, `/search/?q=${encodeURIComponent(word)}`);
      try {
        await settled(page, /^1 article matches/);
        expect(await titles(page)).toEqual([SAMPLE_TITLE]);
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      } finally {
        await page.close();
      }
    },
  );

  test.each([
    { word: 'accounnts', comment: ERIK, writer: 'Erik Walczak, Ingram Micro' },
    { word: 'pudding', comment: GERARD, writer: 'Gerard Kane, MSP Services Network' },
  ])('“$word”, written only in a reader’s comment, finds the article and links the comment', async ({ word, comment, writer }) => {
    const { page, problems } = await open(light, `/search/?q=${word}`);
    try {
      await settled(page, /^1 article matches/);
      expect(await titles(page)).toEqual([SAMPLE_TITLE]);
      const note = results(page).first().locator('.search-in-comments');
      expect((await note.textContent())?.replace(/\s+/g, ' ')).toBe(`Matched in a reader’s comment: ${writer}`);
      expect(await note.getByRole('link', { name: writer }).getAttribute('href')).toBe(`${SAMPLE_ARTICLE}#${comment}`);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await page.close();
    }
  });

  test('a topic filter narrows the results and stands in the URL', async () => {
    const { page, problems } = await open(light, '/search/?q=channel');
    try {
      // "articles" (plural) means at least two; the list shows exactly the count announced.
      await settled(page, /^\d+ articles match “channel”\.$/);
      const announced = Number((await status(page).textContent())?.split(' ')[0]);
      expect(await titles(page)).toHaveLength(announced);
      await page.getByRole('combobox', { name: 'Topic' }).selectOption('azure');
      await settled(page, /^1 article matches “channel”\.$/);
      expect(await titles(page)).toEqual([SAMPLE_TITLE]);
      expect(new URL(page.url()).search).toBe('?q=channel&tag=azure');
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await page.close();
    }
  });

  test('results come newest first unless best match is chosen', async () => {
    const { page } = await open(light, '/search/?q=channel');
    try {
      await settled(page, /articles match/);
      const dates = await results(page)
        .locator('time')
        .evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
      expect(dates).toEqual([...dates].sort().reverse());
      await page.getByRole('combobox', { name: 'Order' }).selectOption('relevance');
      await page.waitForURL((url) => url.search === '?q=channel&sort=relevance');
    } finally {
      await page.close();
    }
  });

  test('?q= runs the search on load, and Back returns to the previous search', async () => {
    const { page } = await open(light, '/search/?q=pudding');
    try {
      await settled(page, /“pudding”/);
      expect(await searchBox(page).inputValue()).toBe('pudding');
      await searchBox(page).fill('Roskill');
      await searchBox(page).press('Enter');
      await settled(page, /“Roskill”/);
      await page.goBack();
      await settled(page, /“pudding”/);
      expect(new URL(page.url()).search).toBe('?q=pudding');
      expect(await searchBox(page).inputValue()).toBe('pudding');
    } finally {
      await page.close();
    }
  });

  test.each([
    ['light', () => light],
    ['dark', () => dark],
  ] as const)('axe finds no violations with results showing (%s mode)', async (_, context) => {
    const { page, problems } = await open(context(), '/search/?q=channel');
    try {
      await settled(page, /articles match/);
      await results(page)
        .first()
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.decode());
      const { violations, passed } = await runAxe(page);
      expect(violations).toEqual([]);
      expect(passed).toContain('color-contrast');
      expect(passed).toContain('label');
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      await page.screenshot({ path: path.join(RESULTS, `search-${_}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  test('nothing overflows sideways at 375 px with results showing', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      const { page } = await open(context, '/search/?q=channel&tag=azure');
      await settled(page, /article/);
      const { overflow, culprits } = await horizontalOverflow(page);
      expect(overflow, `elements reaching past the edge: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});

describe('the header search form', () => {
  test('submits to the search page with a plain GET, JavaScript or not', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const { page } = await open(context, SAMPLE_ARTICLE);
      const box = page.getByRole('searchbox', { name: 'Search articles and comments' });
      await box.fill('azure');
      await Promise.all([page.waitForURL('**/search/?q=azure'), box.press('Enter')]);
      // Without JavaScript the page says why there are no results and where to browse instead.
      const note = page.locator('.search-note', { hasText: 'needs JavaScript' });
      expect(await note.count()).toBe(1);
      expect(await note.getByRole('link', { name: 'topics' }).getAttribute('href')).toBe('/tags/');
      expect(await note.getByRole('link', { name: 'archive by year' }).getAttribute('href')).toBe('/archive/');
    } finally {
      await context.close();
    }
  });

  test('leads to results when JavaScript runs', async () => {
    const { page, problems } = await open(light, '/');
    try {
      await page.getByRole('searchbox', { name: 'Search articles and comments' }).fill('pudding');
      await page.getByRole('searchbox', { name: 'Search articles and comments' }).press('Enter');
      await page.waitForURL('**/search/?q=pudding');
      await settled(page, /^1 article matches “pudding”\.$/);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await page.close();
    }
  });
});

describe('Pagefind loads on the search page only', () => {
  test('an article page requests nothing from /pagefind/', async () => {
    const { page } = await open(light, SAMPLE_ARTICLE);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.reload({ waitUntil: 'networkidle' });
      expect(requests.filter((u) => u.includes('/pagefind/'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('a search fetches the library, its metadata, the parts file, index chunks and fragments, and no worker script', async () => {
    const { page, problems } = await open(light, '/search/');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    try {
      await searchBox(page).fill('Roskill');
      await searchBox(page).press('Enter');
      await settled(page, /^1 article matches/);
      const kinds = new Set(requests.filter((p) => p.startsWith('/pagefind/')).map((p) => p.replace(/^\/pagefind\/([a-z-]+).*$/, '$1')));
      expect([...kinds].sort()).toEqual(['fragment', 'index', 'pagefind', 'pagefind-entry', 'parts', 'wasm']);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await page.close();
    }
  });
});

// A big site's full index is written in date-range shards (src/lib/search/shards.ts), and a
// rebuild that changed a few pages indexes only those, beside the last full index
// (src/lib/search/delta.ts). The search page must then show each article once, in its current
// text, in the same order as one index would: checked on a copy of the generated corpus site,
// with the limits lowered so that its 50 articles make three shards and a delta.
describe('a search over a sharded full index and a delta of changed pages', () => {
  const WORD = 'quetzalcoatlus';
  let copy: string;
  let copyServer: StaticServer;
  let changedUrl: string;
  let baseline: { status: string; titles: string[] };
  let sharded: { status: string; titles: string[]; urls: string[] };

  /** The status line and the result titles for `query` on the copy. */
  async function searchCopy(query: string): Promise<{ status: string; titles: string[]; urls: string[]; problems: PageProblems }> {
    const page = await light.newPage();
    const problems = await watchPage(page);
    try {
      await page.goto(`${copyServer.origin}/search/?${query}`);
      await settled(page, /match/);
      while (await page.getByRole('button', { name: 'Show more results' }).isVisible()) {
        const before = await results(page).count();
        await page.getByRole('button', { name: 'Show more results' }).click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] > li').length > n, before);
      }
      const urls = await results(page)
        .locator('h2 a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      return { status: (await status(page).textContent()) ?? '', titles: await titles(page), urls, problems };
    } finally {
      await page.close();
    }
  }

  beforeAll(async () => {
    copy = mkdtempSync(path.join(tmpdir(), 'e2e-search-delta-'));
    cpSync(sites.corpus, copy, { recursive: true });
    copyServer = await serveStatic(copy);
    // One index first, as a small site gets: the order every later search must keep.
    const one = await indexSiteCached(copy, articleGlob(site.permalink), mkdtempSync(path.join(tmpdir(), 'e2e-search-one-')));
    expect(one.shards).toBe(1);
    const before = await searchCopy('q=partner');
    const cache = mkdtempSync(path.join(tmpdir(), 'e2e-search-delta-cache-'));
    const limits = { shardPages: 20, minPages: 10, maxShare: 0.2, ballast: 10 };
    const full = await indexSiteCached(copy, articleGlob(site.permalink), cache, limits);
    expect(full.shards).toBe(3);
    sharded = await searchCopy('q=partner');
    // One article gets a word no page has, as a new comment would bring.
    const year = readdirSync(copy).find((d) => /^\d{4}$/.test(d)) as string;
    const article = readdirSync(path.join(copy, year), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('index.html'));
    if (!article) throw new Error('the corpus site has no article page');
    const file = path.join(copy, year, article);
    changedUrl = `/${year}/${article.replace(/index\.html$/, '')}`;
    const html = readFileSync(file, 'utf8');
    const at = html.indexOf('>', html.indexOf('data-pagefind-body')) + 1;
    writeFileSync(file, `${html.slice(0, at)}<p>A ${WORD} of a comment.</p>${html.slice(at)}`);
    const report = await indexSiteCached(copy, articleGlob(site.permalink), cache, limits);
    expect(report.delta?.changed).toBe(1);
    expect(existsSync(path.join(copy, 'pagefind/delta/pagefind-entry.json'))).toBe(true);
    baseline = before;
  });

  afterAll(async () => {
    await copyServer?.close();
  });

  test('three shards find the same articles in the same order (newest first) as one index', async () => {
    expect(sharded.status).toBe(baseline.status);
    expect(sharded.titles).toEqual(baseline.titles);
    expect(sharded.urls.length).toBeGreaterThan(10);
  });

  test('the changed article is found by its new word, once', async () => {
    const { status: line, urls, problems } = await searchCopy(`q=${WORD}`);
    expect(line).toBe(`1 article matches “${WORD}”.`);
    expect(urls).toEqual([changedUrl]);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
  });

  test('a common word finds the same articles in the same order (newest first) as before the change', async () => {
    const after = await searchCopy('q=partner');
    expect(after.status).toBe(baseline.status);
    expect(after.titles).toEqual(baseline.titles);
    expect(after.titles.length).toBeGreaterThan(10);
  });

  test('without a readable parts file the page searches the first shard and says results may be missing', async () => {
    const partsFile = path.join(copy, 'pagefind/parts.json');
    const good = readFileSync(partsFile, 'utf8');
    const note = (page: Page) => page.getByText('Some articles may be missing from these results');
    try {
      for (const broken of [
        '{"shards": ["../../evil/"], "delta": null, "superseded": [], "duplicates": [], "dateScores": {}}',
        'not json',
        null,
      ]) {
        if (broken === null) rmSync(partsFile);
        else writeFileSync(partsFile, broken);
        const page = await light.newPage();
        const requests: string[] = [];
        page.on('request', (r) => requests.push(new URL(r.url()).pathname));
        try {
          await page.goto(`${copyServer.origin}/search/?q=partner`);
          await settled(page, /match/);
          await expect.poll(() => note(page).isVisible()).toBe(true);
          const shown = Number(/^(\d+) articles match/.exec((await status(page).textContent()) ?? '')?.[1]);
          const all = Number(/^(\d+) articles match/.exec(baseline.status)?.[1]);
          expect(shown).toBeGreaterThan(0);
          expect(shown).toBeLessThan(all);
          expect(requests.filter((p) => p.includes('evil') || !p.startsWith('/'))).toEqual([]);
        } finally {
          await page.close();
        }
      }
      // With the file back, no note.
      writeFileSync(partsFile, good);
      const page = await light.newPage();
      try {
        await page.goto(`${copyServer.origin}/search/?q=partner`);
        await settled(page, /match/);
        expect(await status(page).textContent()).toBe(baseline.status);
        expect(await note(page).isVisible()).toBe(false);
      } finally {
        await page.close();
      }
    } finally {
      writeFileSync(partsFile, good);
    }
  });
});
