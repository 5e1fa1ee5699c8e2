import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getPageKeys, getSite } from '../../../data/site.ts';
import { articleFeed, rssOptions } from '../../../lib/feeds.ts';
import type { Tag } from '../../../lib/site.ts';
import { paths } from '../../../lib/urls.ts';
import { feedTitles } from '../../../lib/words.ts';

export async function getStaticPaths() {
  const [site, keys] = await Promise.all([getSite(), getPageKeys()]);
  // Keyed on all the tag's articles, not only the feed's first few: one rule for the feed's size (feeds.ts).
  return site.tags.map((tag) => ({ params: { tag: tag.segment }, props: { tag }, cacheKey: keys.listing(tag.articles, tag.key) }));
}

export async function GET({ props }: APIContext<{ tag: Tag }>) {
  const site = await getSite();
  const { tag } = props;
  return rss(
    rssOptions(
      articleFeed(site, {
        title: feedTitles.tag(site.config.title, tag.name),
        description: `Articles about ${tag.name} on ${site.config.title}.`,
        selfPath: paths.tagFeed(tag),
        articles: tag.articles,
        size: site.config.topicFeedSize,
      }),
    ),
  );
}
