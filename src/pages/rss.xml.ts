import rss from '@astrojs/rss';
import { getSite } from '../data/site.ts';
import { articleFeed, rssOptions } from '../lib/feeds.ts';
import { paths } from '../lib/urls.ts';

export async function GET() {
  const site = await getSite();
  return rss(
    rssOptions(
      articleFeed(site, { title: site.config.title, description: site.config.tagline, selfPath: paths.feed, articles: site.articles }),
    ),
  );
}
