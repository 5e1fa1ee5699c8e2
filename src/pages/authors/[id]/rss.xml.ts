import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getSite } from '../../../data/site.ts';
import type { RenderedAuthor } from '../../../lib/content/model.ts';
import { articleFeed, rssOptions } from '../../../lib/feeds.ts';
import { paths } from '../../../lib/urls.ts';
import { feedTitles } from '../../../lib/words.ts';

export async function getStaticPaths() {
  const site = await getSite();
  return site.authors.map((author) => ({ params: { id: author.id }, props: { author } }));
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
