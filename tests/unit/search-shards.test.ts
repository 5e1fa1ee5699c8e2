import { describe, expect, test } from 'vitest';
import type { CborValue } from '../../src/lib/search/cbor.ts';
import { ONE_INDEX, type PagePrint, readParts } from '../../src/lib/search/delta.ts';
import { NO_PAGE, offsetDateOrder, planShards } from '../../src/lib/search/shards.ts';

const prints = (entries: [string, string | undefined][]) =>
  new Map<string, PagePrint>(entries.map(([rel, date]) => [rel, { hash: rel, date }]));

describe('planShards', () => {
  test('one shard when the pages fit', () => {
    expect(
      planShards(
        prints([
          ['b', '2021'],
          ['a', '2020'],
        ]),
        2,
      ),
    ).toEqual([{ pages: ['a', 'b'], offset: 0 }]);
    expect(planShards(new Map(), 5)).toEqual([{ pages: [], offset: 0 }]);
  });

  test('contiguous date ranges of near-equal size, with each shard offset by the dated pages before it', () => {
    const pages = prints(Array.from({ length: 10 }, (_, i) => [`p${i}`, `2020-01-${String(10 - i).padStart(2, '0')}`]));
    const plan = planShards(pages, 4);
    expect(plan.map((s) => s.pages.length)).toEqual([3, 4, 3]);
    expect(plan.map((s) => s.offset)).toEqual([0, 3, 7]);
    // Oldest first: p9 is dated the 1st.
    expect(plan.flatMap((s) => s.pages)).toEqual(['p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
    for (const [i, shard] of plan.entries()) {
      const last = pages.get(shard.pages.at(-1) as string)?.date as string;
      const next = plan[i + 1]?.pages[0];
      if (next) expect(last < (pages.get(next)?.date as string)).toBe(true);
    }
  });

  test('undated pages go last and count toward no offset; equal dates are ordered by path', () => {
    const plan = planShards(
      prints([
        ['z', undefined],
        ['b', '2020'],
        ['a', '2020'],
        ['c', '2019'],
      ]),
      2,
    );
    expect(plan).toEqual([
      { pages: ['c', 'a'], offset: 0 },
      { pages: ['b', 'z'], offset: 2 },
    ]);
  });

  test('rejects a shard size below one page', () => {
    expect(() => planShards(prints([['a', '2020']]), 0)).toThrow(/at least one page/);
  });
});

describe('offsetDateOrder', () => {
  const meta = (): CborValue => [
    '1.6.0',
    [],
    [],
    [],
    [
      ['date', [2, 0, 1]],
      ['other', [1, 0, 2]],
    ],
    ['title'],
  ];

  test("moves the date order's positions up by the offset with page numbers no page has, and nothing else", () => {
    const m = meta();
    offsetDateOrder(m, 3, 'x.pf_meta');
    const sorts = (m as CborValue[])[4] as [string, number[]][];
    expect(sorts[0]).toEqual(['date', [NO_PAGE, NO_PAGE, NO_PAGE, 2, 0, 1]]);
    expect(sorts[1]).toEqual(['other', [1, 0, 2]]);
    const untouched = meta();
    offsetDateOrder(untouched, 0, 'x.pf_meta');
    expect(untouched).toEqual(meta());
  });

  test('a metadata layout it does not know is an error naming the file', () => {
    expect(() => offsetDateOrder(['1.6.0', [], [], [], 'nope'], 2, 'pagefind.en_1.pf_meta')).toThrow(/pagefind\.en_1\.pf_meta.*shards\.ts/);
  });
});

describe('readParts', () => {
  test('keeps shard folders, and treats a parts file without them as having none', () => {
    const parts = { shards: ['shard-1/', 'shard-2/'], delta: null, superseded: [], duplicates: [], dateScores: {} };
    expect(readParts(parts)).toEqual(parts);
    const { shards: _, ...older } = { ...parts, delta: 'delta/' };
    expect(readParts(older)).toEqual({ ...older, shards: [] });
  });

  test('a folder that is not one plain name inside the bundle makes the file unreadable', () => {
    for (const bad of ['../x/', '/abs/', 'https://evil.example/', 'shard-1', 'a/b/']) {
      expect(readParts({ ...ONE_INDEX, shards: [bad] })).toBeUndefined();
      expect(readParts({ ...ONE_INDEX, delta: bad })).toBeUndefined();
    }
    for (const bad of [null, 'parts', [], { ...ONE_INDEX, dateScores: null }, { ...ONE_INDEX, superseded: undefined }]) {
      expect(readParts(bad)).toBeUndefined();
    }
  });
});
