import { describe, expect, test } from 'vitest';
import { type CborValue, encodeCbor } from '../../src/lib/search/cbor.ts';
import { CHUNK_BYTES, chunkBody, chunkLimit, chunkWords, cutWords, MIN_CHUNK_BYTES } from '../../src/lib/search/rechunk.ts';

// A chunk as Pagefind 1.6 writes it: [[word, [[page, locations, meta locations], …], extra], …].
const word = (text: string, pages: number): CborValue => [
  text,
  Array.from({ length: pages }, (_, p) => [p, [-25, p * 3, p * 3 + 1], p % 2 ? [-2, 0] : []]),
  [],
];
const chunk = (...words: CborValue[]) => encodeCbor([words]);

describe('chunkWords and chunkBody', () => {
  test("reads each word's text and its item's exact bytes; writing them back gives the same chunk", () => {
    const body = chunk(word('azur', 40), word('b2b', 2), word('bäck', 1));
    const words = chunkWords(body, 'x.pf_index');
    expect(words.map((w) => w.word)).toEqual(['azur', 'b2b', 'bäck']);
    expect(Buffer.from(words[1]?.bytes ?? []).equals(Buffer.from(encodeCbor(word('b2b', 2))))).toBe(true);
    expect(Buffer.from(chunkBody(words)).equals(Buffer.from(body))).toBe(true);
    expect(Buffer.from(chunkBody(words.slice(1))).equals(Buffer.from(chunk(word('b2b', 2), word('bäck', 1))))).toBe(true);
  });

  test('a chunk that is cut short or laid out otherwise is an error naming the file', () => {
    const body = chunk(word('azur', 4));
    expect(() => chunkWords(body.subarray(0, body.length - 3), 'en_1.pf_index')).toThrow(/en_1\.pf_index/);
    expect(() => chunkWords(encodeCbor([[['azur']]]), 'en_2.pf_index')).toThrow(/en_2\.pf_index.*rechunk\.ts/);
    expect(() => chunkWords(encodeCbor([[[7, []]]]), 'en_3.pf_index')).toThrow(/en_3\.pf_index/);
    expect(() => chunkWords(Buffer.concat([body, Buffer.from([0])]), 'en_4.pf_index')).toThrow(/end of the chunk/);
  });
});

describe('cutWords', () => {
  const sized = (...sizes: number[]) => sizes.map((n, i) => ({ id: i, bytes: { length: n } }));

  test('runs of at most the limit, in order, cut only between words', () => {
    const runs = cutWords(sized(10, 20, 30, 5, 40, 1), 50);
    expect(runs.map((r) => r.map((w) => w.id))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    for (const run of runs) expect(run.reduce((n, w) => n + w.bytes.length, 0)).toBeLessThanOrEqual(50);
  });

  test('a word bigger than the limit is a run of its own', () => {
    expect(cutWords(sized(10, 90, 10), 50).map((r) => r.map((w) => w.id))).toEqual([[0], [1], [2]]);
    expect(cutWords([], 50)).toEqual([]);
  });
});

describe('chunkLimit', () => {
  test('about 400 chunks per index, never below the floor or above the ceiling', () => {
    expect(chunkLimit(15_500_000)).toBe(38_750);
    expect(chunkLimit(6_700_000)).toBe(16_750);
    expect(chunkLimit(100_000_000)).toBe(CHUNK_BYTES);
    expect(chunkLimit(10_000)).toBe(MIN_CHUNK_BYTES);
  });
});
