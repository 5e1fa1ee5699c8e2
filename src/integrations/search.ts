import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { buildEnv } from '../lib/env.ts';
import { articleGlob } from '../lib/permalink.ts';
import { indexSiteCached, SEARCH_BUNDLE } from '../lib/search/index-site.ts';
import { site } from '../site.config.ts';

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
        const report = await indexSiteCached(fileURLToPath(dir), articleGlob(site.permalink), buildEnv().searchCacheDir);
        const d = report.delta;
        const what = report.fromCache
          ? `Reused the index of ${report.indexed} pages (no page changed)`
          : d
            ? `Indexed ${d.changed} changed pages (and ${d.ballast} unchanged, for comparable scores) beside the last full index of ${d.basePages} pages, ${d.removed} removed`
            : `Indexed ${report.indexed} of ${report.read} pages${report.fullBecause ? ` (whole index: ${report.fullBecause})` : ''}`;
        const s = (ms: number) => (ms / 1000).toFixed(1);
        const phases = report.phases ? ` (pages ${s(report.phases.feedMs)} s, writing ${s(report.phases.writeMs)} s)` : '';
        const r = report.released;
        if (r)
          logger.info(
            `Handed back ${(r.before - r.after).toFixed(0)} MiB of freed memory before Pagefind ran (${r.before.toFixed(0)} → ${r.after.toFixed(0)} MiB resident)`,
          );
        logger.info(
          `${what} in ${s(report.milliseconds)} s${phases}: ${report.files} files, ${(report.bytes / 1024).toFixed(0)} KiB in ${SEARCH_BUNDLE}/`,
        );
      },
    },
  };
}
