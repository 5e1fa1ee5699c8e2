/**
 * A rebuild's search index as a base and a delta. Pagefind cannot update an index in place, and
 * re-indexing 10,000 articles because one of them got a comment costs a minute. So a build whose
 * article pages changed only a little indexes just the changed pages into a small second index
 * (`delta/` in the bundle) and keeps the last full index (the base) as it was; the search page
 * merges the two with Pagefind's `mergeIndex` and, with what `parts.json` tells it, hides the
 * base's stale copies of the changed pages and keeps "newest first" exact.
 *
 * Relevance: Pagefind scores a page with its own index's word statistics (BM25), so a one-page
 * delta would score every word as common and sink the changed article to the bottom of a
 * relevance search. The delta therefore also indexes a sample of unchanged pages (ballast), which
 * gives it about the base's statistics; they carry a filter value that every search excludes.
 *
 * Pure and browser-safe: the build plans with it (./index-site.ts) and the search page merges
 * with it (src/components/search/search-client.ts).
 */

/** The file beside pagefind.js that says whether there is a delta and how to merge it. */
export const PARTS_FILE = 'parts.json';
/** The delta bundle's folder inside the search bundle. */
export const DELTA_FOLDER = 'delta/';
/** Filter key that tells the delta's own pages from its ballast; the base gets it for every page. */
export const PART_FILTER = 'part';
export const LIVE = 'live';
export const BALLAST = 'ballast';

/** What the search page needs to merge the base's shards (./shards.ts) and the delta (`delta: null`: none). */
export interface SearchParts {
  /** Folders of the base's shards after the first (which is the bundle itself), merged as they are. */
  shards: string[];
  delta: string | null;
  /** Pagefind ids of base pages that changed or are gone: never shown. */
  superseded: string[];
  /** Ids of pages whose index entry came out identical in both: shown once. */
  duplicates: string[];
  /** For "newest first": each delta page's score on the base's scale (see dateScore). */
  dateScores: Record<string, number>;
}

export const ONE_INDEX: SearchParts = { shards: [], delta: null, superseded: [], duplicates: [], dateScores: {} };

/** A staged page as the planner sees it: a hash of what Pagefind reads, and its date sort value. */
export interface PagePrint {
  hash: string;
  date?: string | undefined;
}

/** A page of the base index: its print when the base was built, and its Pagefind id if indexed. */
export interface BasePage extends PagePrint {
  id?: string | undefined;
}

export interface IndexLimits {
  /** Most pages in one Pagefind index of a full index; more are written in shards (./shards.ts). */
  shardPages: number;
  /** Below this many pages a full index is cheap: no delta. */
  minPages: number;
  /** Changed and removed pages, as a share of the base, above which the base is rebuilt. */
  maxShare: number;
  /** Unchanged pages indexed beside the changed ones, for comparable relevance scores. */
  ballast: number;
}

export const INDEX_LIMITS: IndexLimits = { shardPages: 2500, minPages: 3000, maxShare: 0.05, ballast: 1000 };

export type IndexPlan =
  | { kind: 'full'; reason: string }
  /** The pages are exactly the base's: its bundle as it is. */
  | { kind: 'base' }
  | { kind: 'delta'; changed: string[]; removed: string[]; ballast: string[] };

/**
 * Full index or delta, for the pages now staged against the base's pages. Changed means new, or
 * a different hash; removed means in the base but no longer built. Ballast is an even spread of
 * unchanged pages.
 */
export function planIndex(
  base: Record<string, BasePage> | undefined,
  current: ReadonlyMap<string, PagePrint>,
  limits: IndexLimits = INDEX_LIMITS,
): IndexPlan {
  if (!base) return { kind: 'full', reason: 'no earlier index' };
  const basePages = Object.keys(base).length;
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const [rel, print] of current) (base[rel]?.hash === print.hash ? unchanged : changed).push(rel);
  const removed = Object.keys(base).filter((rel) => !current.has(rel));
  const moved = changed.length + removed.length;
  if (moved === 0) return { kind: 'base' };
  if (current.size < limits.minPages) return { kind: 'full', reason: `${current.size} pages; a delta pays from ${limits.minPages}` };
  if (moved > basePages * limits.maxShare) return { kind: 'full', reason: `${moved} of ${basePages} pages changed` };
  const step = Math.max(1, unchanged.length / limits.ballast);
  const ballast: string[] = [];
  for (let i = 0; i < unchanged.length && ballast.length < limits.ballast; i += step) ballast.push(unchanged[Math.floor(i)] as string);
  return { kind: 'delta', changed, removed, ballast };
}

/**
 * A delta page's "newest first" score on the base's scale. Pagefind scores a date-sorted result
 * by its position in its own index's ascending order of dates, so merged indexes are not
 * comparable; a delta page dated `date` belongs just below the first base page dated at or
 * after it: (base pages dated before it) − 0.5. `sortedBaseDates` is ascending.
 */
export function dateScore(sortedBaseDates: readonly string[], date: string): number {
  let lo = 0;
  let hi = sortedBaseDates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedBaseDates[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 0.5;
}

/**
 * The parts file for a delta beside the base's `shards`, or undefined when ids collide so that
 * merging would hide a page (then the caller builds a full index). `deltaIds`: Pagefind id of
 * each changed page in the delta.
 */
export function deltaParts(
  base: Record<string, BasePage>,
  shards: readonly string[],
  plan: Extract<IndexPlan, { kind: 'delta' }>,
  current: ReadonlyMap<string, PagePrint>,
  deltaIds: ReadonlyMap<string, string>,
): SearchParts | undefined {
  const superseded = new Set<string>();
  const duplicates = new Set<string>();
  const live = new Set(deltaIds.values());
  for (const rel of [...plan.changed, ...plan.removed]) {
    const id = base[rel]?.id;
    if (!id) continue;
    if (deltaIds.get(rel) === id) duplicates.add(id);
    else superseded.add(id);
  }
  for (const id of live) if (superseded.has(id)) return undefined;
  const dates = Object.values(base)
    .map((p) => p.date)
    .filter((d): d is string => d !== undefined)
    .sort();
  const dateScores: Record<string, number> = {};
  for (const [rel, id] of deltaIds) {
    const date = current.get(rel)?.date;
    if (date !== undefined && !duplicates.has(id)) dateScores[id] = dateScore(dates, date);
  }
  return { shards: [...shards], delta: DELTA_FOLDER, superseded: [...superseded], duplicates: [...duplicates], dateScores };
}

/** Filters for a merged search: the reader's, and only live pages (never the delta's ballast). */
export function partFilters<F extends Record<string, unknown>>(
  parts: SearchParts,
  filters: F,
): F | (F & Record<typeof PART_FILTER, string>) {
  return parts.delta ? { ...filters, [PART_FILTER]: LIVE } : filters;
}

/**
 * The results of a merged search as one index would give them: the base's stale copies dropped,
 * a page indexed identically in both shown once, and for "newest first" the delta's pages
 * placed among the base's by date.
 */
export function mergeResults<R extends { id: string; score: number }>(results: readonly R[], parts: SearchParts, byDate: boolean): R[] {
  if (!parts.delta) return [...results];
  const superseded = new Set(parts.superseded);
  const duplicates = new Set(parts.duplicates);
  const seen = new Set<string>();
  const kept: { result: R; score: number }[] = [];
  for (const result of results) {
    if (superseded.has(result.id)) continue;
    if (duplicates.has(result.id)) {
      if (seen.has(result.id)) continue;
      seen.add(result.id);
    }
    kept.push({ result, score: byDate ? (parts.dateScores[result.id] ?? result.score) : result.score });
  }
  return kept.sort((a, b) => b.score - a.score).map((k) => k.result);
}

/** The parts file as the search page read it. */
export interface FetchedParts {
  parts: SearchParts;
  /**
   * Why the parts file could not be used, when so: the page then searches the bundle's first
   * index alone (the oldest shard, without the delta), and must say that results may be missing.
   */
  problem?: string;
}

/** The parts file of the bundle at `bundleDir` (a URL ending in /); one index, with the problem, when it is missing or unreadable. */
export async function fetchParts(bundleDir: string): Promise<FetchedParts> {
  let json: unknown;
  try {
    const response = await fetch(`${bundleDir}${PARTS_FILE}?ts=${Date.now()}`);
    if (!response.ok) return { parts: ONE_INDEX, problem: `${PARTS_FILE}: HTTP ${response.status}` };
    json = await response.json();
  } catch (err) {
    return { parts: ONE_INDEX, problem: `${PARTS_FILE}: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parts = readParts(json);
  return parts ? { parts } : { parts: ONE_INDEX, problem: `${PARTS_FILE}: not a parts file this page can read` };
}

/** A part's folder: one plain name inside the bundle, never a path out of it. */
const FOLDER = /^[a-z0-9][a-z0-9-]*\/$/;

/** The parts file's content; undefined when it is not what this page expects. */
export function readParts(json: unknown): SearchParts | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const p = json as Partial<SearchParts>;
  const shards = p.shards ?? [];
  if (!Array.isArray(shards) || !shards.every((f) => typeof f === 'string' && FOLDER.test(f))) return undefined;
  if (
    (p.delta !== null && !(typeof p.delta === 'string' && FOLDER.test(p.delta))) ||
    !Array.isArray(p.superseded) ||
    !Array.isArray(p.duplicates) ||
    typeof p.dateScores !== 'object' ||
    p.dateScores === null
  )
    return undefined;
  return { ...(p as SearchParts), shards };
}

/**
 * Options for Pagefind's `options()` under `parts`: every base page gets the live part (its
 * `mergeFilter`). Give them in the same call as the others: before Pagefind starts, each call
 * replaces the options of the one before.
 */
export function partOptions(parts: SearchParts): { mergeFilter?: Record<string, string> } {
  return parts.delta ? { mergeFilter: { [PART_FILTER]: LIVE } } : {};
}

/**
 * Merges the base's other shards and the delta of `parts` (folders inside `bundleDir`), once
 * Pagefind has its options. With a delta, the shards' pages get the live part, as the first's do.
 */
export async function mergeParts(
  pagefind: { mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void> },
  parts: SearchParts,
  bundleDir: string,
): Promise<void> {
  const dir = bundleDir.replace(/\/?$/, '/');
  // At once, not one after the other: each waits on its own entry and metadata files. Pagefind
  // lists an index when mergeIndex is called, so results still come in this order on equal scores.
  await Promise.all([
    ...parts.shards.map((shard) => pagefind.mergeIndex(`${dir}${shard}`, partOptions(parts))),
    ...(parts.delta ? [pagefind.mergeIndex(`${dir}${parts.delta}`)] : []),
  ]);
}
