import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { twemojiDir } from '../lib/cards/emoji.ts';
import { loadFontRegistry } from '../lib/cards/fonts.ts';
import { type DrawnCards, drawCards, placeCards } from '../lib/cards/generate.ts';
import { cardSpecs } from '../lib/cards/jobs.ts';
import { type DrawerCount, drawerCount } from '../lib/cards/pool.ts';
import { engineVersion } from '../lib/cards/prepare.ts';
import type { FirstFiles } from '../lib/content/load-parallel.ts';
import { buildEnv } from '../lib/env.ts';
import { buildSite } from '../lib/site.ts';
import { onContentRead } from '../loaders/corpus.ts';
import { site } from '../site.config.ts';
import { publishedContent } from './published.ts';

/**
 * Draws every card the published content needs into the cache (nothing in the build output
 * yet), in as many drawing processes as `workers` says at each moment (one per core when unset).
 */
function draw(logger: AstroIntegrationLogger, workers?: DrawerCount, first?: FirstFiles): Promise<DrawnCards> {
  const env = buildEnv();
  // The content read for this build (its first files, if the comments are still being read),
  // with its clock; the cards need no page and no comment.
  const corpus = first ?? publishedContent().corpus;
  const model = buildSite(
    {
      articles: corpus.articles.map((a) => ({ ...a, html: '' })),
      authors: corpus.authors.map((a) => ({ ...a, html: '' })),
      pages: corpus.pages.map((p) => ({ ...p, html: '' })),
      comments: [],
    },
    site,
    { now: env.now, preview: false },
  );
  return drawCards({
    specs: cardSpecs(model),
    cacheDir: env.cardCacheDir,
    ctx: { registry: loadFontRegistry(), twemojiDir: twemojiDir(), publicDir: env.publicDir, engine: engineVersion() },
    warn: (m) => logger.warn(m),
    workers,
  });
}

/**
 * Draws the social cards (src/lib/cards/): one per published article, author and tag, and
 * /og/site.png. They depend on the authors, articles and pages only, so drawing starts in the
 * drawing processes (src/lib/cards/pool.ts) as soon as those are read (on the thread that reads
 * the content while Astro starts, before the comments; astro:build:start if nobody called back)
 * and runs while Astro syncs the content, bundles and renders the pages on the main thread;
 * when the build is done the cards are linked (or copied) from the cache (CARD_CACHE_DIR, default
 * node_modules/.cache/backchannel-cards/) into the output. Unchanged cards are never drawn again. `CARDS=off` skips them, to measure their share
 * of a build or to iterate on pages faster; og:image then points at files that are not there,
 * so do not deploy such a build.
 */
export function socialCards(): AstroIntegration {
  let drawing: Promise<DrawnCards> | undefined;
  // One drawer while Astro syncs the content and renders pages on the main thread (two starved
  // it: the page phase took 3× as long on 2 cores), every core once the pages are written.
  const drawers = drawerCount(1);
  const start = (logger: AstroIntegrationLogger, first?: FirstFiles) => {
    if (drawing) return;
    drawing = draw(logger, drawers, first);
    // Awaited in astro:build:done; until then a failure must not surface as an unhandled rejection.
    drawing.catch(() => {});
  };
  return {
    name: 'backchannel:cards',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        // A build starts drawing as soon as the articles are read, while Astro still starts up
        // (src/loaders/corpus.ts calls back before the comments are read and any Markdown renders).
        if (command === 'build' && buildEnv().cards) onContentRead((first) => start(logger, first));
      },
      'astro:build:start': ({ logger }) => {
        if (buildEnv().cards) start(logger);
      },
      'astro:build:generated': () => {
        drawers.set(availableParallelism());
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!buildEnv().cards) {
          logger.info('CARDS=off: social cards skipped');
          return;
        }
        const waitStart = performance.now();
        const drawn = await (drawing ?? draw(logger));
        const waitedMs = performance.now() - waitStart;
        const placeMs = placeCards(drawn, fileURLToPath(dir));
        const { stats } = drawn;
        const perCard = stats.rendered ? ` (${(stats.renderCpuMs / stats.rendered).toFixed(1)} ms CPU per card on one core)` : '';
        logger.info(
          `${stats.total} social cards in ${(stats.wallMs / 1000).toFixed(2)}s: ${stats.rendered} rendered${perCard}, ${stats.cached} from cache; ` +
            `the build waited ${(waitedMs / 1000).toFixed(2)}s for them after the pages, placing them took ${(placeMs / 1000).toFixed(2)}s`,
        );
      },
    },
  };
}
