import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { type CborValue, decodeCbor, encodeCbor } from '../../src/lib/search/cbor.ts';
import { type ChunkRange, closeChunkGaps, compareWords, justBelow } from '../../src/lib/search/chunk-ranges.ts';
import { indexSite, pageForIndex } from '../../src/lib/search/index-site.ts';
import { CHUNK_BYTES } from '../../src/lib/search/rechunk.ts';
import { plainApostrophes } from '../../src/lib/search/text.ts';
import { openSearchIndex } from '../support/pagefind.ts';
import { prng } from '../support/prng.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('CBOR', () => {
  test('encodes with the shortest heads', () => {
    expect(hex(encodeCbor(23))).toBe('17');
    expect(hex(encodeCbor(24))).toBe('1818');
    expect(hex(encodeCbor(500))).toBe('1901f4');
    expect(hex(encodeCbor(70_000))).toBe('1a00011170');
    expect(hex(encodeCbor(-25))).toBe('3818');
    expect(hex(encodeCbor('a’'))).toBe('6461e28099');
    expect(hex(encodeCbor([true, false, null]))).toBe('83f5f4f6');
  });

  test('decoding then encoding gives back the bytes', () => {
    const value: CborValue = [
      '1.6.0',
      [['en_abc', 1531, '']],
      new Map<CborValue, CborValue>([['k', [-13, 524, 2 ** 33]]]),
      Uint8Array.from([1, 2]),
    ];
    const bytes = encodeCbor(value);
    expect(hex(encodeCbor(decodeCbor(bytes)))).toBe(hex(bytes));
    expect(decodeCbor(bytes)).toEqual(value);
  });

  test('refuses what it does not understand, saying where', () => {
    expect(() => decodeCbor(Uint8Array.from([0x01, 0x02]))).toThrowErrorMatchingInlineSnapshot(`[Error: CBOR: 1 bytes after the item]`);
    expect(() => decodeCbor(Uint8Array.from([0x9f, 0xff]))).toThrowErrorMatchingInlineSnapshot(
      `[Error: CBOR: unsupported additional info 31 at byte 0]`,
    );
    expect(() => decodeCbor(Uint8Array.from([0xc1, 0x00]))).toThrowErrorMatchingInlineSnapshot(
      `[Error: CBOR: unsupported major type 6 at byte 0]`,
    );
    expect(() => decodeCbor(Uint8Array.from([0x63, 0x61]))).toThrowErrorMatchingInlineSnapshot(`[Error: CBOR: unexpected end of data]`);
    expect(() => encodeCbor(0.5)).toThrowErrorMatchingInlineSnapshot(`[Error: CBOR: cannot encode the non-integer 0.5]`);
  });
});

/** The chunk a browser asks for: the first whose range holds the word (Pagefind's strict lookup). */
const chunkFor = (chunks: ChunkRange[], word: string) =>
  chunks.find((c) => compareWords(word, c.from) >= 0 && compareWords(word, c.to) <= 0)?.file;

describe('closeChunkGaps', () => {
  // As Pagefind writes them: boundaries cut to prefixes, with gaps between the ranges.
  const written: ChunkRange[] = [
    { from: '0', to: 'a', file: 'one' },
    { from: 'ab', to: 'azur', file: 'two' },
    { from: 'b', to: 'back', file: 'three' },
  ];
  const closed = closeChunkGaps(written);

  test('a word between two ranges goes to the chunk below it, where it would be stored', () => {
    expect(chunkFor(written, 'azure')).toBeUndefined();
    expect(chunkFor(closed, 'azure')).toBe('two');
    expect(chunkFor(closed, 'aa')).toBe('one');
  });

  test('a word that starts a range still goes to that range', () => {
    expect(chunkFor(closed, 'ab')).toBe('two');
    expect(chunkFor(closed, 'b')).toBe('three');
  });

  test('words before the first and after the last range have a chunk too', () => {
    expect(chunkFor(closed, '!')).toBe('one');
    expect(chunkFor(closed, 'zzz')).toBe('three');
    expect(chunkFor(closed, 'ölçek')).toBe('three');
  });

  test('every range ends below the next one', () => {
    for (const [i, c] of closed.slice(0, -1).entries()) expect(compareWords(c.to, (closed[i + 1] as ChunkRange).from)).toBe(-1);
    expect(compareWords(justBelow('b'), 'azzzzzz')).toBe(1);
    expect(compareWords(justBelow('\u{e000}'), '\u{d7ff}\u{10000}')).toBe(1);
  });

  test('chunks out of order are an error, not a silent mix-up', () => {
    expect(() => closeChunkGaps([written[1] as ChunkRange, written[0] as ChunkRange])).toThrowErrorMatchingInlineSnapshot(
      `[Error: [search] Pagefind's index chunks are out of order at "ab" and "0".]`,
    );
  });
});

describe('what the indexer hands Pagefind', () => {
  test('typographic apostrophes become plain, in text and in the search box', () => {
    expect(plainApostrophes('Huntress’s and Dell\u02bcs')).toBe("Huntress's and Dell's");
  });

  test('the record block keeps its values as written; the rest of the page gets plain apostrophes', () => {
    const html =
      '<html lang="en"><body><article data-pagefind-body><h1>Azure’s year</h1></article>' +
      '<div hidden data-pagefind-ignore data-search-record><span data-pagefind-meta="title[data-value]" data-value="Azure’s year"></span></div>' +
      '<div data-pagefind-body><p id="c-by">Seán O’Brien</p></div></body></html>';
    const page = pageForIndex(html);
    expect(page).toContain("<h1>Azure's year</h1>");
    expect(page).toContain('data-value="Azure’s year"');
    expect(page).toContain("Seán O'Brien");
    expect(pageForIndex('<p>It’s</p>')).toBe("<p>It's</p>");
  });

  test('the head is left out; the language on <html> and the body stay', () => {
    const html =
      '<!doctype html><html lang="en-US"><head><title>T</title><script type="application/ld+json">{"text":"\\u003c/head>"}</script></head>' +
      '<body><header>Site</header><main data-pagefind-body>Body</main></body></html>';
    expect(pageForIndex(html)).toBe(
      '<!doctype html><html lang="en-US"><body><header>Site</header><main data-pagefind-body>Body</main></body></html>',
    );
    expect(pageForIndex('<html><body><header>No head</header></body></html>')).toBe('<html><body><header>No head</header></body></html>');
  });
});

/** The words each index chunk file of a bundle holds. */
function chunkWords(bundle: string): Map<string, string[]> {
  const words = new Map<string, string[]>();
  for (const f of readdirSync(path.join(bundle, 'index'))) {
    const raw = gunzipSync(readFileSync(path.join(bundle, 'index', f)));
    const chunk = decodeCbor(raw.subarray('pagefind_dcd'.length)) as [[string, ...unknown[]][]];
    words.set(
      f.replace(/\.pf_index$/, ''),
      chunk[0].map((w) => w[0]),
    );
  }
  return words;
}

function metaChunks(bundle: string): ChunkRange[] {
  const file = readdirSync(bundle).find((f) => f.endsWith('.pf_meta')) as string;
  const meta = decodeCbor(gunzipSync(readFileSync(path.join(bundle, file))).subarray('pagefind_dcd'.length)) as CborValue[];
  return (meta[2] as string[][]).map(([from, to, f]) => ({ from, to, file: f }) as ChunkRange);
}

test('in a real bundle every stored word is found, and its lookup leads to the chunk that holds it', async () => {
  // Enough distinct words that Pagefind splits its index into several chunks.
  const random = prng(12);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = () => Array.from({ length: 4 + Math.floor(random() * 6) }, () => letters[Math.floor(random() * 26)]).join('');
  const out = mkdtempSync(path.join(tmpdir(), 'search-bundle-'));
  const pages = Array.from({ length: 30 }, () => Array.from({ length: 600 }, word));
  for (const [i, words] of pages.entries()) {
    writeFileSync(
      path.join(out, `p${i}.html`),
      `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Page ${i}</h1><p>${words.join(' ')} Huntress’s</p></main></body></html>`,
    );
  }
  const report = await indexSite(out);
  expect(report.indexed).toBe(30);
  const bundle = path.join(out, 'pagefind');
  const chunks = metaChunks(bundle);
  expect(chunks.length).toBeGreaterThan(2);
  const stored = chunkWords(bundle);
  for (const [file, words] of stored) for (const w of words) expect(chunkFor(chunks, w)).toBe(file);
  // Re-cut (src/lib/search/rechunk.ts): Pagefind alone wrote 3 chunks for these words; every
  // chunk now holds at most CHUNK_BYTES of words, and the files the metadata names are all there.
  expect(chunks.length).toBeGreaterThan(5);
  expect(new Set(chunks.map((c) => c.file))).toEqual(new Set(stored.keys()));
  for (const f of stored.keys()) {
    const body = gunzipSync(readFileSync(path.join(bundle, 'index', `${f}.pf_index`))).subarray('pagefind_dcd'.length);
    const words = (decodeCbor(body) as unknown[][])[0] as unknown[];
    if (words.length > 1) expect(body.length).toBeLessThanOrEqual(CHUNK_BYTES + 8);
  }
  // The apostrophe form is gone: the possessive is stemmed with the plain word.
  expect([...stored.values()].flat().filter((w) => w.includes('’'))).toEqual([]);

  const index = await openSearchIndex(out);
  try {
    for (const [i, words] of pages.entries()) {
      const sample = words[Math.floor(random() * words.length)] as string;
      expect((await index.search(sample)).map((r) => r.url)).toContain(`/p${i}.html`);
    }
    expect(await index.search('Huntress')).toHaveLength(30);
    expect(await index.search(plainApostrophes('Huntress’s'))).toHaveLength(30);
  } finally {
    await index.close();
  }
}, 120_000);
