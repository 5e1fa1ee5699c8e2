import type { CborValue } from './cbor.ts';
import type { PagePrint } from './delta.ts';

/**
 * A big site's full index, in shards. Pagefind holds a whole index in memory while it writes it,
 * about 0.45 MiB per article page with its comments: 4.3 GiB at 10,000 articles. So a full index
 * of more pages than one shard takes is written as several Pagefind indexes, one after the other,
 * each of a contiguous range of dates; the search page merges them with Pagefind's `mergeIndex`.
 *
 * Relevance needs nothing: each shard scores its pages with its own word statistics, and shards of
 * a few thousand pages of one site give about the same. "Newest first" does: Pagefind scores a
 * date-sorted result by its position in its own index's ascending date order, so every shard's
 * scores would start at 0. Each shard but the oldest therefore gets its date order offset by the
 * number of dated pages in older shards (offsetDateOrder), and the merged scores are one order.
 *
 * Pure: ./index-site.ts writes the shards.
 */

/** The sort key the pages carry (src/components/search/SearchRecord.astro) and "newest first" uses. */
export const DATE_SORT = 'date';

/** Folder of shard `i` (from 1; shard 0 is the bundle itself) inside the search bundle. */
export const shardFolder = (i: number): string => `shard-${i}/`;

/** Pages of one shard, and the dated pages of all older shards (its date order's offset). */
export interface Shard {
  pages: string[];
  offset: number;
}

/**
 * The pages in date order, cut into the fewest shards of at most `maxPages`, of near-equal size
 * (ties in date by path, so a plan is stable). Undated pages come last; they are never in a date
 * order, so they count toward no offset.
 */
export function planShards(prints: ReadonlyMap<string, PagePrint>, maxPages: number): Shard[] {
  if (!(maxPages >= 1)) throw new Error(`[search] A shard must hold at least one page (got ${maxPages}).`);
  const order = [...prints].sort(([relA, a], [relB, b]) => {
    if (a.date !== b.date) {
      if (a.date === undefined) return 1;
      if (b.date === undefined) return -1;
      return a.date < b.date ? -1 : 1;
    }
    return relA < relB ? -1 : relA > relB ? 1 : 0;
  });
  const count = Math.max(1, Math.ceil(order.length / maxPages));
  const shards: Shard[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const slice = order.slice(Math.round((i * order.length) / count), Math.round(((i + 1) * order.length) / count));
    shards.push({ pages: slice.map(([rel]) => rel), offset });
    offset += slice.filter(([, print]) => print.date !== undefined).length;
  }
  return shards;
}

/**
 * A page number no index has: Pagefind's date order is a list of page numbers, and a result's
 * score is its position in it, so `offset` of these in front move every position up by `offset`
 * and match no page. They repeat, so the gzipped metadata barely grows.
 */
export const NO_PAGE = 0xffffffff;

/** Moves the `date` order of one decoded metadata file (read from `file`) up by `offset`, in place. */
export function offsetDateOrder(meta: CborValue, offset: number, file: string): void {
  if (offset === 0) return;
  const sorts = Array.isArray(meta) ? meta[4] : undefined;
  const valid =
    Array.isArray(sorts) && sorts.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && Array.isArray(s[1]));
  if (!valid) {
    throw new Error(
      `[search] ${file}: Pagefind's metadata is not laid out as src/lib/search/shards.ts expects ([version, pages, chunks, filters, sorts, …]); check it against the Pagefind version in package.json.`,
    );
  }
  const date = (sorts as [string, CborValue[]][]).find(([key]) => key === DATE_SORT);
  if (!date) return;
  date[1] = [...new Array<number>(offset).fill(NO_PAGE), ...date[1]];
}
