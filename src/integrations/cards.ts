import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { twemojiDir } from '../lib/cards/emoji.ts';
import { loadFontRegistry } from '../lib/cards/fonts.ts';
import { cardCacheDir, generateCards } from '../lib/cards/generate.ts';
import { cardSpecs } from '../lib/cards/jobs.ts';
import { engineVersion } from '../lib/cards/prepare.ts';
import { publicDir } from '../lib/env.ts';
import { buildNow } from '../lib/publish.ts';
import { buildSite } from '../lib/site.ts';
import { site } from '../site.config.ts';
import { publishedContent } from './published.ts';

/**
 * Draws the social cards (src/lib/cards/) into the build output after `astro build`: one per
 * published article, author and tag, and /og/site.png. Unchanged cards come from the cache
 * (CARD_CACHE_DIR, default node_modules/.cache/backchannel-cards/). `CARDS=off` skips them, to
 * measure their share of a build or to iterate on pages faster; og:image then points at
 * files that are not there, so do not deploy such a build.
 */
export function socialCards(): AstroIntegration {
  return {
    name: 'backchannel:cards',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env.CARDS === 'off') {
          logger.info('CARDS=off: social cards skipped');
          return;
        }
        // The same read of the content as the sitemap and host files (not a second one); the
        // pages already failed the build on content problems.
        const { corpus } = publishedContent();
        const model = buildSite(
          {
            articles: corpus.articles.map((a) => ({ ...a, html: '' })),
            authors: corpus.authors.map((a) => ({ ...a, html: '' })),
            pages: corpus.pages.map((p) => ({ ...p, html: '' })),
            comments: [],
          },
          site,
          { now: buildNow(process.env), preview: false },
        );
        const stats = await generateCards({
          specs: cardSpecs(model),
          outDir: fileURLToPath(dir),
          cacheDir: cardCacheDir(),
          ctx: { registry: loadFontRegistry(), twemojiDir: twemojiDir(), publicDir: publicDir(), engine: engineVersion() },
          warn: (m) => logger.warn(m),
          progress: process.stdout,
        });
        const perCard = stats.rendered ? ` (${(stats.renderCpuMs / stats.rendered).toFixed(1)} ms CPU per card on one core)` : '';
        logger.info(
          `${stats.total} social cards in ${(stats.wallMs / 1000).toFixed(2)}s: ${stats.rendered} rendered${perCard}, ${stats.cached} from cache`,
        );
      },
    },
  };
}
