import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getPageKeys, getSite } from '../../../data/site.ts';
import type { RenderedAuthor } from '../../../lib/content/model.ts';
import { articleFeed, rssOptions } from '../../../lib/feeds.ts';
import { paths } from '../../../lib/urls.ts';
import { feedTitles } from '../../../lib/words.ts';

export async function getStaticPaths() {
  const [site, keys] = await Promise.all([getSite(), getPageKeys()]);
  // Keyed on all the author's articles, not only the feed's first few: one rule for the feed's size (feeds.ts).
  return site.authors.map((author) => ({
    params: { id: author.id },
    props: { author },
    cacheKey: keys.listing(site.articlesBy(author.id), author.id),
  }));
}

export async function GET({ props }: APIContext<{ author: RenderedAuthor }>) {
  const site = await getSite();
  const { author } = props;
  return rss(
    rssOptions(
      articleFeed(site, {
        title: feedTitles.author(site.config.title, author.name),
        description: `Articles by ${author.name} on ${site.config.title}.`,
        selfPath: paths.authorFeed(author.id),
        articles: site.articlesBy(author.id),
        size: site.config.topicFeedSize,
      }),
    ),
  );
}
