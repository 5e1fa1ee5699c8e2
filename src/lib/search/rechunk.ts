import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { metaChunkList, readPagefindFile, writePagefindFile } from './bundle-meta.ts';
import { type CborValue, cborHead, readHead } from './cbor.ts';

/**
 * Pagefind's word index, cut into smaller chunks. A search fetches the one chunk whose word range
 * holds each query word. Pagefind fills a chunk until it holds 20,000 word locations, so a chunk
 * is that plus whatever word crossed the line: searching "azure" on 10,000 articles in two shards
 * (./shards.ts) fetched two chunks of 90 KiB, each mostly its neighbours. Here each chunk holds at
 * most chunkLimit() bytes of words (40 KB in a big index), cut only between words; a bigger word
 * sits in a chunk of its own.
 * Only the chunk files and the metadata's chunk list change; every word keeps its bytes as
 * Pagefind wrote them.
 */

/** Most bytes of words (before gzip) in one chunk of any index. */
export const CHUNK_BYTES = 40_000;

/** One word of a chunk: its text and its raw CBOR item. */
export interface WordItem {
  word: string;
  bytes: Uint8Array;
}

/**
 * The words of a decoded chunk file (after the signature) in order, each as the bytes Pagefind
 * wrote: [[word, [page, …], …more], …] (pagefind_web/src/index.rs). Only the word's text is read;
 * the rest of its item is passed over whole, whatever Pagefind keeps in it.
 */
export function chunkWords(body: Uint8Array, file: string): WordItem[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(
      `[search] ${file}: expected ${what} at byte ${at} of a Pagefind index chunk; check src/lib/search/rechunk.ts against the Pagefind version in package.json.`,
    );
  };
  const headAt = () => {
    try {
      return readHead(body, view, at);
    } catch (err) {
      throw new Error(`[search] ${file}: ${(err as Error).message} (byte ${at} of a Pagefind index chunk).`);
    }
  };
  const expect = (major: number, what: string) => {
    const head = headAt();
    if (head.major !== major) fail(what);
    at = head.next;
    return head.arg;
  };
  const skip = (): void => {
    const head = headAt();
    at = head.next;
    if (head.major === 2 || head.major === 3) at += head.arg;
    else if (head.major === 4) for (let i = 0; i < head.arg; i++) skip();
    else if (head.major === 5) for (let i = 0; i < 2 * head.arg; i++) skip();
    else if (head.major === 6 || head.major > 7) fail('an item of a known kind');
    if (at > body.length) fail('more data');
  };
  if (expect(4, 'the chunk') !== 1) fail('one list of words');
  const count = expect(4, 'the word list');
  const words: WordItem[] = [];
  for (let w = 0; w < count; w++) {
    const start = at;
    const fields = expect(4, 'a word');
    if (fields < 2) fail('a word with its pages');
    const length = expect(3, "a word's text");
    const word = text.decode(body.subarray(at, at + length));
    at += length;
    for (let f = 1; f < fields; f++) skip();
    words.push({ word, bytes: body.subarray(start, at) });
  }
  if (at !== body.length) fail('the end of the chunk');
  return words;
}

/** The words, in order, cut into runs of at most `max` bytes; a bigger word is a run alone. */
export function cutWords<W extends { bytes: { length: number } }>(words: readonly W[], max: number): W[][] {
  const runs: W[][] = [];
  let run: W[] = [];
  let size = 0;
  for (const word of words) {
    if (run.length > 0 && size + word.bytes.length > max) {
      runs.push(run);
      run = [];
      size = 0;
    }
    run.push(word);
    size += word.bytes.length;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A chunk file's decoded body (after the signature) holding `words`. */
export function chunkBody(words: readonly WordItem[]): Uint8Array {
  const head = Uint8Array.from([...cborHead(4, 1), ...cborHead(4, words.length)]);
  return Buffer.concat([head, ...words.map((w) => w.bytes)]);
}

/**
 * How many bytes of words one chunk may hold in an index of `total` bytes of words: enough for
 * about TARGET_CHUNKS chunks, within MIN_CHUNK_BYTES and CHUNK_BYTES. A query fetches one chunk
 * per index and the whole chunk list with the metadata (about 5 bytes gzipped per chunk), so a
 * big index (a shard of 2,500 articles with comments: 15 MB of words) gets the biggest chunks and
 * a small one (a delta of 1,000 pages: 7 MB) smaller ones. Measured in Chromium on the
 * 10,000-article corpus (four shards and a delta), "azure" fetched 289.9 KiB this way, and 303.5,
 * 300.2 and 306.6 KiB with every chunk at most 40, 20 or 12 KB; over twelve common words this way
 * was best or within 6 KiB of the best. Giving each big word a chunk of its own was worse: more
 * chunks, a longer list.
 */
export function chunkLimit(total: number): number {
  return Math.min(CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.round(total / TARGET_CHUNKS)));
}

export const MIN_CHUNK_BYTES = 8_000;
export const TARGET_CHUNKS = 400;

/**
 * Re-cuts the word index of the bundle in `bundleDir` whose decoded metadata is `meta` (read
 * from `file`) into chunks of at most `limit` bytes of words (chunkLimit of the index's size by
 * default): writes the new chunk files, points the metadata's chunk list at them (from and to are
 * each chunk's first and last word; close the gaps after, ./chunk-ranges.ts) and removes the files
 * it replaced. Chunks already small enough are kept as they are.
 */
export function rechunkIndex(bundleDir: string, meta: CborValue, file: string, limit?: number): void {
  const list = metaChunkList(meta, file);
  const dir = path.join(bundleDir, 'index');
  const read = (list as string[][]).map((entry) => {
    const chunkFile = path.join(dir, `${entry[2]}.pf_index`);
    return { entry, chunkFile, words: chunkWords(readPagefindFile(chunkFile, 'index chunk'), chunkFile) };
  });
  const max = limit ?? chunkLimit(read.reduce((sum, c) => sum + c.words.reduce((n, w) => n + w.bytes.length, 0), 0));
  const chunks: CborValue[][] = [];
  const names = new Set((list as string[][]).map((c) => c[2] as string));
  for (const { entry, chunkFile, words } of read) {
    const runs = cutWords(words, max);
    if (runs.length <= 1) {
      chunks.push(entry);
      continue;
    }
    const name = entry[2] as string;
    const language = name.slice(0, name.lastIndexOf('_') + 1);
    for (const run of runs) {
      const body = chunkBody(run);
      const hash = createHash('sha256').update(body).digest('hex');
      let length = 7;
      while (names.has(`${language}${hash.slice(0, length)}`)) length++;
      const newName = `${language}${hash.slice(0, length)}`;
      names.add(newName);
      writePagefindFile(path.join(dir, `${newName}.pf_index`), body, 6);
      chunks.push([(run[0] as WordItem).word, (run.at(-1) as WordItem).word, newName]);
    }
    rmSync(chunkFile);
  }
  list.splice(0, list.length, ...chunks);
}
