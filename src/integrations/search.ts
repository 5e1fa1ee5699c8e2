import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { articleGlob } from '../lib/search/scope.ts';
import { site } from '../site.config.ts';

/** Folder of the search bundle inside the build output, and its URL path on the site. */
export const SEARCH_BUNDLE = 'pagefind';

/** What indexing a built site produced. */
export interface SearchIndexReport {
  /** HTML files Pagefind read. */
  read: number;
  /** Pages in the index: those with data-pagefind-body (articles). */
  indexed: number;
  /** Bytes written under <outDir>/pagefind/. */
  bytes: number;
  files: number;
  milliseconds: number;
}

/** Fails with every message Pagefind gave, so a broken index stops the build with its cause. */
function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`[search] Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
}

/** Pages in a written bundle, from its entry file (one count per language). */
function indexedPages(bundleDir: string): number {
  const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/**
 * Indexes the built site in `outDir` (only the files matching `glob`, when given) and writes the search bundle to <outDir>/pagefind/. Which
 * content counts is decided by the templates: article pages mark their body and comments with
 * data-pagefind-body, so every other page is left out (see src/components/search/SearchRecord.astro).
 */
export async function indexSite(outDir: string, glob?: string): Promise<SearchIndexReport> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`[search] Cannot index ${outDir}: the folder does not exist.`);
  try {
    const { index, errors } = await pagefind.createIndex({});
    check('start', errors);
    if (!index) throw new Error('[search] Pagefind returned no index and no error.');
    let added = await index.addDirectory(glob ? { path: outDir, glob } : { path: outDir });
    check(`index ${outDir}`, added.errors);
    // A site without articles yet still gets a (small) bundle, so the search page works.
    if (glob && added.page_count === 0) {
      added = await index.addDirectory({ path: outDir });
      check(`index ${outDir}`, added.errors);
    }
    if (added.page_count === 0) throw new Error(`[search] Pagefind found no HTML pages in ${outDir}; did the build write any?`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, SEARCH_BUNDLE) });
    check(`write the search bundle to ${written.outputPath}`, written.errors);
    const bundle = path.join(outDir, SEARCH_BUNDLE);
    return { read: added.page_count, indexed: indexedPages(bundle), ...sizeOf(bundle), milliseconds: performance.now() - started };
  } finally {
    // Pagefind runs as a child process; without this the build would wait on it.
    await pagefind.close();
  }
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

/** Answers /pagefind/* in `astro dev` from the last build's bundle, so search works there too. */
function serveLastBundle(bundleDir: string, logger: AstroIntegrationLogger) {
  let told = false;
  return (req: { url?: string | undefined }, res: import('node:http').ServerResponse, next: () => void) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://dev.invalid').pathname);
    const file = path.join(bundleDir, pathname);
    if (!file.startsWith(bundleDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (!told && pathname === '/pagefind.js') {
        logger.warn(
          `No search index at ${bundleDir}: run \`npm run build\` once, then search works in dev too (or use \`npm run preview\`).`,
        );
        told = true;
      }
      next();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  };
}

/**
 * Site search with Pagefind: after `astro build` writes the pages, indexes them into
 * <outDir>/pagefind/ (the --outDir of the build, not a fixed dist/). A Pagefind error fails the
 * build. Under `astro dev` the search page reads the last build's index.
 */
export function search(): AstroIntegration {
  let outDir = '';
  return {
    name: 'backchannel:search',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use(`/${SEARCH_BUNDLE}`, serveLastBundle(path.join(outDir, SEARCH_BUNDLE), logger));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const report = await indexSite(fileURLToPath(dir), articleGlob(site.permalink));
        logger.info(
          `Indexed ${report.indexed} of ${report.read} pages in ${(report.milliseconds / 1000).toFixed(1)} s: ${report.files} files, ${(report.bytes / 1024).toFixed(0)} KiB in ${SEARCH_BUNDLE}/`,
        );
      },
    },
  };
}
