import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { absoluteUrl } from '../lib/permalink.ts';
import { site } from '../site.config.ts';
import { publishedContent } from './published.ts';

/**
 * @astrojs/sitemap with what only the content knows: `lastmod` of each article from its
 * `updated` or `date`, and the alias redirect pages left out. Drafts and scheduled articles are
 * not built, so they never reach the sitemap.
 */
export function backchannelSitemap(): AstroIntegration {
  let index: { lastmod: Map<string, Date>; aliases: Set<string> } | undefined;
  const lookup = () => {
    if (!index) {
      const { published } = publishedContent();
      index = {
        lastmod: new Map(published.map((a) => [absoluteUrl(site.url, a.path), a.updated ?? a.date])),
        aliases: new Set(published.flatMap((a) => a.aliases.map((p) => absoluteUrl(site.url, p)))),
      };
    }
    return index;
  };
  return sitemap({
    filter: (page) => !lookup().aliases.has(page) && !page.endsWith('/404/'),
    serialize(item) {
      const date = lookup().lastmod.get(item.url);
      return date ? { ...item, lastmod: date.toISOString() } : item;
    },
  });
}
