import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  type BasePage,
  dateScore,
  deltaParts,
  mergeResults,
  ONE_INDEX,
  type PagePrint,
  planIndex,
  type SearchParts,
} from '../../src/lib/search/delta.ts';
import { indexSiteCached } from '../../src/lib/search/index-site.ts';
import { openSearchIndex } from '../support/pagefind.ts';

const limits = { shardPages: 1000, minPages: 10, maxShare: 0.2, ballast: 4 };
const prints = (entries: [string, string, string?][]) =>
  new Map<string, PagePrint>(entries.map(([rel, hash, date]) => [rel, { hash, date }]));
const baseOf = (entries: [string, string, string?, string?][]): Record<string, BasePage> =>
  Object.fromEntries(entries.map(([rel, hash, date, id]) => [rel, { hash, date, id }]));
const many = (n: number, hash = (i: number) => `h${i}`) =>
  Array.from(
    { length: n },
    (_, i) =>
      [`p${String(i).padStart(2, '0')}/index.html`, hash(i), `2020-01-${String(i + 1).padStart(2, '0')}`] as [string, string, string],
  );

describe('planIndex', () => {
  test('no base, or the same pages as the base', () => {
    expect(planIndex(undefined, prints(many(20)), limits)).toMatchObject({ kind: 'full' });
    expect(planIndex(baseOf(many(20)), prints(many(20)), limits)).toEqual({ kind: 'base' });
    // Unchanged pages need no index even on a small site.
    expect(planIndex(baseOf(many(3)), prints(many(3)), limits)).toEqual({ kind: 'base' });
  });

  test('a few changed or removed pages of many: a delta, with an even spread of unchanged pages as ballast', () => {
    const now = many(20, (i) => (i === 5 ? 'new' : `h${i}`)).slice(0, 19);
    const plan = planIndex(baseOf(many(20)), prints([...now, ['extra/index.html', 'x', '2021-01-01']]), limits);
    expect(plan).toMatchObject({ kind: 'delta', changed: ['p05/index.html', 'extra/index.html'], removed: ['p19/index.html'] });
    if (plan.kind !== 'delta') throw new Error('expected a delta');
    expect(plan.ballast).toHaveLength(4);
    expect(new Set(plan.ballast).size).toBe(4);
    expect(plan.ballast.some((rel) => plan.changed.includes(rel))).toBe(false);
    // Spread over the unchanged pages, not the first four.
    expect((plan.ballast.at(-1) ?? '') > 'p10').toBe(true);
  });

  test('too many changes, or too few pages, rebuild the whole index', () => {
    const changedSix = many(20, (i) => (i < 6 ? 'new' : `h${i}`));
    expect(planIndex(baseOf(many(20)), prints(changedSix), limits)).toMatchObject({ kind: 'full', reason: '6 of 20 pages changed' });
    const small = many(8, (i) => (i === 0 ? 'new' : `h${i}`));
    expect(planIndex(baseOf(many(8)), prints(small), limits)).toMatchObject({ kind: 'full' });
  });
});

describe('dateScore', () => {
  const dates = ['2020-01-01', '2020-02-01', '2020-03-01'];
  test('puts a delta page among the base pages by date, on their position scale', () => {
    expect(dateScore(dates, '2019-12-31')).toBe(-0.5);
    expect(dateScore(dates, '2020-02-15')).toBe(1.5);
    expect(dateScore(dates, '2020-02-01')).toBe(0.5);
    expect(dateScore(dates, '2030-01-01')).toBe(2.5);
  });
});

describe('deltaParts and mergeResults', () => {
  const base = baseOf([
    ['a/index.html', 'ha', '2020-01-01', 'en_a'],
    ['b/index.html', 'hb', '2020-02-01', 'en_b'],
    ['c/index.html', 'hc', '2020-03-01', 'en_c'],
    ['d/index.html', 'hd', '2020-04-01', 'en_d'],
  ]);
  const current = prints([
    ['a/index.html', 'ha', '2020-01-01'],
    ['b/index.html', 'hb2', '2020-02-01'],
    ['c/index.html', 'hc2', '2020-03-01'],
    ['e/index.html', 'he', '2020-05-01'],
  ]);
  const plan = {
    kind: 'delta' as const,
    changed: ['b/index.html', 'c/index.html', 'e/index.html'],
    removed: ['d/index.html'],
    ballast: [],
  };

  test('supersedes the base copies of changed and removed pages; an identical entry is a duplicate', () => {
    const parts = deltaParts(
      base,
      ['shard-1/'],
      plan,
      current,
      new Map([
        ['b/index.html', 'en_b2'],
        ['c/index.html', 'en_c'],
        ['e/index.html', 'en_e'],
      ]),
    );
    expect(parts).toEqual({
      shards: ['shard-1/'],
      delta: 'delta/',
      superseded: ['en_b', 'en_d'],
      duplicates: ['en_c'],
      dateScores: { en_b2: 0.5, en_e: 3.5 },
    });
  });

  test('a delta page whose id is a superseded base id cannot be merged', () => {
    expect(deltaParts(base, [], plan, current, new Map([['b/index.html', 'en_d']]))).toBeUndefined();
  });

  test('merged results: stale copies gone, duplicates once, newest first across both parts', () => {
    const parts: SearchParts = {
      shards: [],
      delta: 'delta/',
      superseded: ['en_b', 'en_d'],
      duplicates: ['en_c'],
      dateScores: { en_b2: 0.5, en_e: 3.5 },
    };
    // Pagefind's merged order by raw score: base positions (0..3) and delta positions (0..2) interleaved.
    const raw = [
      { id: 'en_d', score: 3 },
      { id: 'en_c', score: 2 },
      { id: 'en_e', score: 2 },
      { id: 'en_b', score: 1 },
      { id: 'en_c', score: 1 },
      { id: 'en_a', score: 0 },
      { id: 'en_b2', score: 0 },
    ];
    expect(mergeResults(raw, parts, true).map((r) => r.id)).toEqual(['en_e', 'en_c', 'en_b2', 'en_a']);
    expect(mergeResults(raw, parts, false).map((r) => r.id)).toEqual(['en_c', 'en_e', 'en_a', 'en_b2']);
    expect(mergeResults(raw, ONE_INDEX, true)).toEqual(raw);
  });
});

// The whole path on real Pagefind: a full index (one, or three date-range shards), then one
// changed, one new and one removed page indexed as a delta, searched with Pagefind's own browser
// library as the search page merges it.
describe.each([
  { shardPages: 1000, shards: 1 },
  { shardPages: 7, shards: 3 },
])('indexSiteCached with a delta, over $shards base index(es)', ({ shardPages, shards }) => {
  const limits = { shardPages, minPages: 10, maxShare: 0.2, ballast: 4 };
  const page = (i: number, extra = '') => {
    const day = `2020-01-${String(i + 1).padStart(2, '0')}`;
    return `<!doctype html><html lang="en"><head><title>Page ${i}</title></head><body><main data-pagefind-body><h1>Page ${i}</h1>
<div hidden data-pagefind-ignore data-search-record><span data-pagefind-meta="title[data-value]" data-value="Page ${i}"></span><span data-pagefind-filter="year[data-value]" data-value="${i % 2 ? '2020' : '2021'}"></span><span data-pagefind-sort="date[data-value]" data-value="${day}T00:00:00.000Z"></span></div>
<p>Common channel words about partners and margins. Page number ${'word'.repeat(1)}${i}. ${extra}</p></main></body></html>`;
  };
  const write = (out: string, i: number, extra = '') => {
    mkdirSync(path.join(out, `p${i}`), { recursive: true });
    writeFileSync(path.join(out, `p${i}`, 'index.html'), page(i, extra));
  };

  test('indexes only what changed, and a search finds each page once, current, in date order', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'search-delta-'));
    const cache = mkdtempSync(path.join(tmpdir(), 'search-delta-cache-'));
    for (let i = 0; i < 20; i++) write(out, i, i === 7 ? 'It mentions quokkastale once.' : '');

    const first = await indexSiteCached(out, undefined, cache, limits);
    expect(first).toMatchObject({ indexed: 20, fullBecause: 'no earlier index', shards });
    expect(first.delta).toBeUndefined();
    const whole = await openSearchIndex(out);
    try {
      // Shards or not, one order: newest first across all of them, every page once.
      const newest = Array.from({ length: 20 }, (_, i) => `/p${19 - i}/`);
      expect((await whole.search('partners', { sort: { date: 'desc' } })).map((r) => r.url)).toEqual(newest);
      expect((await whole.search('partners', { sort: { date: 'asc' } })).map((r) => r.url)).toEqual(newest.slice().reverse());
      expect((await whole.search('quokkastale')).map((r) => r.url)).toEqual(['/p7/']);
      expect((await whole.filters()).year).toEqual({ '2020': 10, '2021': 10 });
    } finally {
      await whole.close();
    }

    write(out, 7, 'A new comment mentions zanzibarite.');
    write(out, 25, 'A new article about zanzibarite.');
    rmSync(path.join(out, 'p3'), { recursive: true });
    const second = await indexSiteCached(out, undefined, cache, limits);
    expect(second.fullBecause).toBeUndefined();
    expect(second.delta).toEqual({ changed: 2, removed: 1, ballast: 4, basePages: 20 });
    expect(second.shards).toBe(shards);
    expect(second.read).toBe(6);
    expect(second.indexed).toBe(20);
    const parts = JSON.parse(readFileSync(path.join(out, 'pagefind', 'parts.json'), 'utf8')) as SearchParts;
    expect(parts.superseded).toHaveLength(2);
    expect(parts.shards).toHaveLength(shards - 1);
    expect(existsSync(path.join(out, 'pagefind', 'delta', 'pagefind-entry.json'))).toBe(true);
    expect(existsSync(path.join(out, 'pagefind', 'delta', 'pagefind.js'))).toBe(false);

    const index = await openSearchIndex(out);
    try {
      expect((await index.search('zanzibarite')).map((r) => r.url).sort()).toEqual(['/p25/', '/p7/']);
      expect(await index.search('quokkastale')).toEqual([]);
      const all = (await index.search('partners', { sort: { date: 'desc' } })).map((r) => r.url);
      const expected = [25, ...Array.from({ length: 20 }, (_, i) => 19 - i).filter((i) => i !== 3)].map((i) => `/p${i}/`);
      expect(all).toEqual(expected);
      const relevance = (await index.search('partners')).map((r) => r.url);
      expect(relevance.slice().sort()).toEqual(expected.slice().sort());
      const odd = (await index.search('partners', { filters: { year: '2020' } })).map((r) => r.url);
      expect(odd.sort()).toEqual(expected.filter((u) => Number(u.slice(2, -1)) % 2 === 1).sort());
    } finally {
      await index.close();
    }

    const again = await indexSiteCached(out, undefined, cache, limits);
    expect(again.fromCache).toBe(true);

    for (let i = 0; i < 10; i++) write(out, i, 'Everything changed.');
    const rebuilt = await indexSiteCached(out, undefined, cache, limits);
    expect(rebuilt.delta).toBeUndefined();
    expect(rebuilt.fullBecause).toMatch(/pages changed/);
    expect(JSON.parse(readFileSync(path.join(out, 'pagefind', 'parts.json'), 'utf8'))).toEqual({
      ...ONE_INDEX,
      shards: Array.from({ length: shards - 1 }, (_, i) => `shard-${i + 1}/`),
    });
  }, 120_000);
});
