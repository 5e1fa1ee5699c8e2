import rss from '@astrojs/rss';
import { getNewsletter } from '../../data/newsletter.ts';
import { newsletterRssOptions } from '../../lib/newsletter/feed.ts';

// A parameter, so that /newsletter/rss.xml exists only when the build makes digests.
export async function getStaticPaths() {
  const { digestsOn, keys } = await getNewsletter();
  return digestsOn ? [{ params: { feed: 'rss' }, cacheKey: keys.all }] : [];
}

export async function GET() {
  const { site, issues } = await getNewsletter();
  return rss(newsletterRssOptions(site, issues));
}
