import rss from '@astrojs/rss';
import { getNewsletter } from '../../data/newsletter.ts';
import { newsletterRssOptions } from '../../lib/newsletter/feed.ts';
import { digestsEnabled } from '../../lib/newsletter/follow.ts';

// A parameter, so that /newsletter/rss.xml exists only when the build makes digests.
export async function getStaticPaths() {
  const { site } = await getNewsletter();
  return digestsEnabled(site.config) ? [{ params: { feed: 'rss' } }] : [];
}

export async function GET() {
  const { site, issues } = await getNewsletter();
  return rss(newsletterRssOptions(site, issues));
}
