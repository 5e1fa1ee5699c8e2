import rss from '@astrojs/rss';
import { getSite } from '../../data/site.ts';
import { commentFeed, rssOptions } from '../../lib/feeds.ts';
import { paths } from '../../lib/urls.ts';

export async function GET() {
  const site = await getSite();
  return rss(
    rssOptions(
      commentFeed(site, {
        title: `${site.config.title}: recent comments`,
        description: `The latest reader comments and author replies on ${site.config.title}.`,
        selfPath: paths.commentsFeed,
        comments: site.allComments,
      }),
    ),
  );
}
