import { metaChunkList, rewriteBundleMeta } from './bundle-meta.ts';
import type { CborValue } from './cbor.ts';

/**
 * Pagefind splits its word index into chunk files and lists each chunk's word range in the
 * metadata file as [from, to, file], with `from` and `to` cut to the shortest prefixes that tell
 * neighbours apart. A browser asks for the one chunk whose range holds the typed word. A word
 * that falls between two ranges (typed "azure" after "azur", the stem, ended a chunk) holds in
 * none of them, and Pagefind then takes the first chunk whose cut-down range loosely fits: at
 * 10,000 articles that was the chunk of the word "a", 184 KiB that the search did not need.
 * Closing the gaps (each range reaches up to just below the next one's start) sends every word
 * to the chunk where it would be stored, which is the only one that can hold it.
 */

/** One chunk's range in Pagefind's metadata. */
export interface ChunkRange {
  from: string;
  to: string;
  file: string;
}

/** Above every code point a word can have, so `x + TOP` sorts after every word starting with x. */
const TOP = '\u{10FFFF}'.repeat(4);

/** Code-point order, the order Pagefind compares words in (UTF-8 bytes). */
export function compareWords(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The largest practical string below `s`: every word that sorts before `s` sorts at or before it. */
export function justBelow(s: string): string {
  const chars = [...s];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined) return '';
  let previous = last - 1;
  // Surrogates are not characters; skip down past them.
  if (previous >= 0xd800 && previous <= 0xdfff) previous = 0xd7ff;
  const stem = chars.join('');
  return previous < 0 ? stem : stem + String.fromCodePoint(previous) + TOP;
}

/**
 * The same chunks with no gap between or around their ranges: the first starts at the empty
 * word, each ends just below where the next starts, the last ends above every word. Chunks must
 * come in Pagefind's order (ascending, not overlapping).
 */
export function closeChunkGaps(chunks: readonly ChunkRange[]): ChunkRange[] {
  return chunks.map((chunk, i) => {
    const next = chunks[i + 1];
    if (next && compareWords(next.from, chunk.from) <= 0) {
      throw new Error(`[search] Pagefind's index chunks are out of order at "${chunk.from}" and "${next.from}".`);
    }
    return { from: i === 0 ? '' : chunk.from, to: next ? justBelow(next.from) : TOP, file: chunk.file };
  });
}

/**
 * Closes the chunk-range gaps (see above) in every language's metadata file of the bundle in
 * `bundleDir`, in place.
 */
export function closeBundleChunkGaps(bundleDir: string): void {
  rewriteBundleMeta(bundleDir, closeMetaChunkGaps);
}

/** Closes the chunk-range gaps in one decoded metadata file (read from `file`), in place. */
export function closeMetaChunkGaps(meta: CborValue, file: string): void {
  const list = metaChunkList(meta, file);
  const closed = closeChunkGaps(
    list.map((c) => ({ from: (c as string[])[0], to: (c as string[])[1], file: (c as string[])[2] }) as ChunkRange),
  );
  list.splice(0, list.length, ...closed.map((c) => [c.from, c.to, c.file]));
}
