import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EarlyIndex, indexSiteCached, outputFileOf } from '../../src/lib/search/index-site.ts';
import { openSearchIndex } from '../support/pagefind.ts';

const GLOB = '[0-9][0-9][0-9][0-9]/*/index.html';

describe('outputFileOf', () => {
  test('a page is its folder’s index.html, the 404 page 404.html, an endpoint its own path', () => {
    expect(outputFileOf('/2020/slug/', 'page')).toBe('2020/slug/index.html');
    expect(outputFileOf('/2020/slug', 'page')).toBe('2020/slug/index.html');
    expect(outputFileOf('/', 'page')).toBe('index.html');
    expect(outputFileOf('/404', 'page')).toBe('404.html');
    expect(outputFileOf('/2020/slug/comments.xml', 'endpoint')).toBe('2020/slug/comments.xml');
  });
});

const path_ = (pathname: string, type = 'page') => ({ pathname, route: { type } });

describe('EarlyIndex.order', () => {
  test('puts the pages the index reads first, keeping each group’s order', () => {
    const early = new EarlyIndex(mkdtempSync(path.join(tmpdir(), 'early-')), GLOB);
    const paths = [
      path_('/tags/a/'),
      path_('/2020/b/'),
      path_('/2020/b/comments.xml', 'endpoint'),
      path_('/'),
      path_('/2019/a/'),
      path_('/archive/2020/'),
    ];
    expect(early.order(paths).map((p) => p.pathname)).toEqual([
      '/2020/b/',
      '/2019/a/',
      '/tags/a/',
      '/2020/b/comments.xml',
      '/',
      '/archive/2020/',
    ]);
    expect(early.wants('/2020/b/', 'page')).toBe(true);
    expect(early.wants('/2020/b/comments.xml', 'endpoint')).toBe(false);
    expect(early.wants('/tags/a/', 'page')).toBe(false);
  });

  test('leaves the order alone when two paths write one file (Astro keeps the first)', () => {
    const early = new EarlyIndex(mkdtempSync(path.join(tmpdir(), 'early-')), GLOB);
    const paths = [path_('/tags/a/'), path_('/2020/b/'), path_('/2020/b')];
    expect(early.order(paths)).toEqual(paths);
    expect(early.wants('/2020/b/', 'page')).toBe(false);
  });
});

const page = (i: number, extra = '') =>
  `<!doctype html><html lang="en"><head><title>Page ${i}</title></head><body><main data-pagefind-body><h1>Page ${i}</h1>
<div hidden data-pagefind-ignore data-search-record><span data-pagefind-meta="title[data-value]" data-value="Page ${i}"></span><span data-pagefind-sort="date[data-value]" data-value="20${String(10 + i)}-01-01T00:00:00.000Z"></span></div>
<p>Channel partners and margins, page ${i}. ${extra}</p></main></body></html>`;

/** What a build does: the prerenderer's paths in order, each indexed page rendered (handed over) and written. */
function build(out: string, early: EarlyIndex, pages: Record<number, string>, others = ['/tags/a/', '/']) {
  const paths = [...others.map((p) => path_(p)), ...Object.keys(pages).map((i) => path_(`/20${10 + Number(i)}/p${i}/`))];
  for (const p of early.order(paths)) {
    const file = outputFileOf(p.pathname, p.route.type);
    const i = /\/p(\d+)\/$/.exec(p.pathname)?.[1];
    const html = i === undefined ? '<!doctype html><html lang="en"><body><p>Listing</p></body></html>' : page(Number(i), pages[Number(i)]);
    if (early.wants(p.pathname, p.route.type)) early.add(p.pathname, p.route.type, html);
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), html);
  }
}

const limits = { shardPages: 1000, minPages: 5, maxShare: 0.2, ballast: 2 };

/** A fresh output folder and search cache. */
const folders = () => ({ out: mkdtempSync(path.join(tmpdir(), 'early-out-')), cache: mkdtempSync(path.join(tmpdir(), 'early-cache-')) });

/** What a search on the index in `dir` finds, as URLs, in Pagefind's order. */
async function urls(dir: string, term: string, options?: Record<string, unknown>): Promise<string[]> {
  const index = await openSearchIndex(dir);
  try {
    return (await index.search(term, options)).map((r) => r.url);
  } finally {
    await index.close();
  }
}

describe('indexSiteCached with an EarlyIndex', () => {
  test('a cold build uses the index begun as the pages rendered; it searches like one made after them', async () => {
    const pages = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i, i === 3 ? 'It mentions quokkastale.' : '']));
    const { out, cache } = folders();
    const early = new EarlyIndex(cache, GLOB, limits);
    build(out, early, pages);
    const report = await indexSiteCached(out, GLOB, cache, limits, early);
    expect(report).toMatchObject({ indexed: 8, read: 8, fullBecause: 'no earlier index' });
    expect(report.early?.waitedMs).toBeGreaterThanOrEqual(0);
    // Nothing left of the early bundle beside what the cache keeps.
    expect(readdirSync(cache).filter((f) => f.startsWith('early-'))).toEqual([]);

    // The same pages indexed the usual way, after the build.
    const plainOut = mkdtempSync(path.join(tmpdir(), 'early-plain-'));
    for (const i of Object.keys(pages)) {
      mkdirSync(path.join(plainOut, `20${10 + Number(i)}`, `p${i}`), { recursive: true });
      writeFileSync(path.join(plainOut, `20${10 + Number(i)}`, `p${i}`, 'index.html'), page(Number(i), pages[Number(i)]));
    }
    const plain = await indexSiteCached(plainOut, GLOB, mkdtempSync(path.join(tmpdir(), 'early-plain-cache-')), limits);
    expect(plain.early).toBeUndefined();
    expect(report.files).toBe(plain.files);

    for (const dir of [out, plainOut]) {
      expect(await urls(dir, 'quokkastale')).toEqual(['/2013/p3/']);
      expect(await urls(dir, 'partners', { sort: { date: 'desc' } })).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map((i) => `/20${10 + i}/p${i}/`));
    }

    // The next build with one changed page: a delta after the pages, nothing begun early.
    const next = new EarlyIndex(cache, GLOB, limits);
    build(out, next, { ...pages, 5: 'A new comment mentions zanzibarite.' });
    const second = await indexSiteCached(out, GLOB, cache, limits, next);
    expect(second.early).toBeUndefined();
    expect(second.delta).toMatchObject({ changed: 1, removed: 0 });
    expect(await urls(out, 'zanzibarite')).toEqual(['/2015/p5/']);
  }, 120_000);

  test('an output that holds pages the prerenderer never handed over is indexed from the output instead', async () => {
    const pages = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i, '']));
    const { out, cache } = folders();
    const early = new EarlyIndex(cache, GLOB, limits);
    build(out, early, pages);
    // A page restored from Astro's cache, say: in the output, never rendered.
    mkdirSync(path.join(out, '2030', 'p20'), { recursive: true });
    writeFileSync(path.join(out, '2030', 'p20', 'index.html'), page(20, 'Restored with wombatite.'));
    const report = await indexSiteCached(out, GLOB, cache, limits, early);
    expect(report.early).toBeUndefined();
    expect(report).toMatchObject({ indexed: 7, read: 7 });
    expect(readdirSync(cache).filter((f) => f.startsWith('early-'))).toEqual([]);
    expect(existsSync(path.join(cache, 'pages', '2030', 'p20', 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(cache, 'pages.json'), 'utf8'))).toHaveProperty(['2030/p20/index.html']);
    expect(await urls(out, 'wombatite')).toEqual(['/2030/p20/']);
  }, 120_000);

  test('a build that changed most pages begins the whole index early again', async () => {
    const pages = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i, '']));
    const { out, cache } = folders();
    const first = new EarlyIndex(cache, GLOB, limits);
    build(out, first, pages);
    await indexSiteCached(out, GLOB, cache, limits, first);
    const changed = Object.fromEntries(Object.keys(pages).map((i) => [i, `Rewritten with numbatite ${i}.`]));
    const early = new EarlyIndex(cache, GLOB, limits);
    build(out, early, changed);
    const report = await indexSiteCached(out, GLOB, cache, limits, early);
    expect(report.early).toBeDefined();
    expect(report.indexed).toBe(6);
    expect(report.fullBecause).toMatch(/6 of 6 pages changed/);
    expect(await urls(out, 'numbatite')).toHaveLength(6);
  }, 120_000);
});
