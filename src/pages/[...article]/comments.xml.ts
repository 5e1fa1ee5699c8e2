import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getPageKeys, getSite } from '../../data/site.ts';
import type { RenderedArticle } from '../../lib/content/model.ts';
import { commentFeed, rssOptions } from '../../lib/feeds.ts';
import { paths } from '../../lib/urls.ts';

export async function getStaticPaths() {
  const [site, keys] = await Promise.all([getSite(), getPageKeys()]);
  return site.articles.map((article) => ({
    params: { article: article.path.slice(1, -1) },
    props: { article },
    cacheKey: keys.commentFeed(article),
  }));
}

export async function GET({ props }: APIContext<{ article: RenderedArticle }>) {
  const site = await getSite();
  const { article } = props;
  const feed = commentFeed(site, {
    title: `Comments on “${article.title}”`,
    description: `Reader comments and author replies on “${article.title}” at ${site.config.title}.`,
    selfPath: paths.commentFeed(article),
    comments: site.comments(article.slug),
  });
  return rss(rssOptions({ ...feed, lastBuildDate: feed.lastBuildDate ?? article.date }));
}
