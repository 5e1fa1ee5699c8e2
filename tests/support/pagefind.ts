import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchParts, mergeParts, mergeResults, partFilters, partOptions } from '../../src/lib/search/delta.ts';
import { type StaticServer, serveStatic } from '../e2e/support/server.ts';

/** Each open gets its own copy of the library (a module is cached by URL), so a rebuilt index is read afresh. */
let opened = 0;

/** The data of one result, as Pagefind's browser library returns it. */
export interface ResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  locations: number[];
  anchors: { element: string; id: string; text?: string; location: number }[];
}

/** Pagefind's browser search API, run in Node against a built site. */
export interface SearchIndex {
  /** Every result's data, in Pagefind's order; URLs are site paths. */
  search(term: string | null, options?: Record<string, unknown>): Promise<ResultData[]>;
  filters(): Promise<Record<string, Record<string, number>>>;
  close(): Promise<void>;
}

/**
 * Opens the index in <outDir>/pagefind/ with the very library a reader's browser loads: the
 * site is served over HTTP (Pagefind fetches its index files) and pagefind.js is imported here.
 */
export async function openSearchIndex(outDir: string): Promise<SearchIndex> {
  const server: StaticServer = await serveStatic(outDir);
  const pagefind = await import(`${pathToFileURL(path.join(outDir, 'pagefind/pagefind.js')).href}?open=${++opened}`);
  const bundleDir = `${server.origin}/pagefind/`;
  // As the search page does (src/components/search/search-client.ts): merge the shards and the delta the parts file names.
  const { parts, problem } = await fetchParts(bundleDir);
  // A test must never pass on the first shard alone.
  if (problem) throw new Error(`${outDir}: ${problem}`);
  await pagefind.options({ basePath: bundleDir, ...partOptions(parts) });
  await mergeParts(pagefind, parts, bundleDir);
  return {
    async search(term, options = {}) {
      const filters = (options.filters ?? {}) as Record<string, unknown>;
      const found = await pagefind.search(term, { ...options, filters: partFilters(parts, filters) });
      const results = mergeResults(
        found.results as { id: string; score: number; data(): Promise<ResultData> }[],
        parts,
        options.sort !== undefined,
      );
      const data: ResultData[] = await Promise.all(results.map((r) => r.data()));
      return data.map((d) => ({ ...d, url: d.url.replace(server.origin, '') }));
    },
    filters: () => pagefind.filters(),
    async close() {
      await pagefind.destroy?.();
      await server.close();
    },
  };
}
