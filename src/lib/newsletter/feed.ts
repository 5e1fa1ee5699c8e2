import { type Feed, rssOptions } from '../feeds.ts';
import { absoluteUrl } from '../permalink.ts';
import type { SiteModel } from '../site.ts';
import { xmlSafe } from '../xml.ts';
import type { Issue } from './digest.ts';
import { newsletterPaths } from './paths.ts';
import { issueBodyHtml } from './render-html.ts';

/**
 * The newsletter feed: one item per issue, newest first, with the whole issue as content and
 * absolute links, so an RSS-to-e-mail service (Mailchimp, Buttondown, Kit…) can send each new
 * issue as it is. An item's date is the moment its week ended, and its GUID is the issue URL:
 * neither changes on a rebuild, so no service sends an issue twice.
 */
export function newsletterFeed(site: SiteModel, issues: readonly Issue[]): Feed {
  const items = issues.slice(0, site.config.feedSize).map((issue) => ({
    title: xmlSafe(issue.title),
    link: absoluteUrl(site.config.url, newsletterPaths.issue(issue.key)),
    pubDate: issue.week.end,
    description: xmlSafe(issue.summary),
    content: xmlSafe(issueBodyHtml(issue, site.config, true)),
  }));
  return {
    title: `${site.config.title} weekly newsletter`,
    description: `Every issue of the ${site.config.title} weekly newsletter: the week’s articles, the best reader comments and upcoming events.`,
    site: site.config.url,
    selfPath: newsletterPaths.feed,
    language: site.config.language,
    lastBuildDate: issues[0]?.week.end,
    items,
  };
}

/** The feed as @astrojs/rss options. */
export function newsletterRssOptions(site: SiteModel, issues: readonly Issue[]) {
  return rssOptions(newsletterFeed(site, issues));
}
