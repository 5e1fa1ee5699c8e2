import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { buildEnv } from '../lib/env.ts';
import { articleGlob } from '../lib/permalink.ts';
import { EarlyIndex, indexSiteCached, SEARCH_BUNDLE } from '../lib/search/index-site.ts';
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
 * Site search with Pagefind: indexes the article pages into <outDir>/pagefind/ (the --outDir of
 * the build, not a fixed dist/). A Pagefind error fails the build. Under `astro dev` the search
 * page reads the last build's index.
 *
 * The build's prerenderer is Astro's own, wrapped: it renders the article pages before every
 * other page and hands each one to an EarlyIndex as it is rendered, so a whole index is built
 * while the listings, feeds and newsletters render, and astro:build:done only waits for it
 * (measured on a cold build of 1,000 articles: see the README). When pages come from Astro's
 * cache instead, astro:build:done indexes from the output as before, as a delta when few changed.
 */
export function search(): AstroIntegration {
  let outDir = '';
  let early: EarlyIndex | undefined;
  return {
    name: 'backchannel:search',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use(`/${SEARCH_BUNDLE}`, serveLastBundle(path.join(outDir, SEARCH_BUNDLE), logger));
      },
      'astro:build:start': ({ setPrerenderer }) => {
        const index = new EarlyIndex(buildEnv().searchCacheDir, articleGlob(site.permalink));
        early = index;
        setPrerenderer((astro) => ({
          ...astro,
          name: 'backchannel:search',
          getStaticPaths: async () => index.order(await astro.getStaticPaths()),
          render: async (request, options) => {
            const result = await astro.render(request, options);
            const response = result instanceof Response ? result : result.response;
            const pathname = decodeURI(new URL(request.url).pathname);
            if (response.status !== 200 || !response.body || !index.wants(pathname, options.routeData.type)) return result;
            // Read once here, handed on as the same bytes for Astro to write.
            const body = new Uint8Array(await response.arrayBuffer());
            index.add(pathname, options.routeData.type, Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
            const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
            return result instanceof Response ? copy : { ...result, response: copy };
          },
        }));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const report = await indexSiteCached(fileURLToPath(dir), articleGlob(site.permalink), buildEnv().searchCacheDir, undefined, early);
        const d = report.delta;
        const what = report.fromCache
          ? `Reused the index of ${report.indexed} pages (no page changed)`
          : d
            ? `Indexed ${d.changed} changed pages (and ${d.ballast} unchanged, for comparable scores) beside the last full index of ${d.basePages} pages, ${d.removed} removed`
            : `Indexed ${report.indexed} of ${report.read} pages${report.fullBecause ? ` (whole index: ${report.fullBecause})` : ''}`;
        const s = (ms: number) => (ms / 1000).toFixed(1);
        const phases = report.phases ? ` (pages ${s(report.phases.feedMs)} s, writing ${s(report.phases.writeMs)} s)` : '';
        const begun = report.early
          ? `, begun while the other pages rendered (the build then waited ${s(report.early.waitedMs)} s for it)`
          : '';
        const r = report.released;
        if (r)
          logger.info(
            `Handed back ${(r.before - r.after).toFixed(0)} MiB of freed memory before Pagefind ran (${r.before.toFixed(0)} → ${r.after.toFixed(0)} MiB resident)`,
          );
        logger.info(
          `${what} in ${s(report.milliseconds)} s${phases}${begun}: ${report.files} files, ${(report.bytes / 1024).toFixed(0)} KiB in ${SEARCH_BUNDLE}/`,
        );
      },
    },
  };
}
