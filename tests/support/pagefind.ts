import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type StaticServer, serveStatic } from '../e2e/support/server.ts';

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
  const pagefind = await import(pathToFileURL(path.join(outDir, 'pagefind/pagefind.js')).href);
  await pagefind.options({ basePath: `${server.origin}/pagefind/` });
  return {
    async search(term, options = {}) {
      const found = await pagefind.search(term, options);
      const data: ResultData[] = await Promise.all(found.results.map((r: { data(): Promise<ResultData> }) => r.data()));
      return data.map((d) => ({ ...d, url: d.url.replace(server.origin, '') }));
    },
    filters: () => pagefind.filters(),
    async close() {
      await pagefind.destroy?.();
      await server.close();
    },
  };
}
