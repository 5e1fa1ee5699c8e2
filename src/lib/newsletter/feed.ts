import { type Feed, rssOptions } from '../feeds.ts';
import { absoluteUrl } from '../permalink.ts';
import type { SiteModel } from '../site.ts';
import { xmlSafe } from '../xml.ts';
import type { Issue } from './digest.ts';
import { newsletterPaths } from './paths.ts';
import { issueBodyHtml } from './render-html.ts';

/**
 * The issues that can still go out: the newest `feedSize` (default 50), the ones the feed carries.
 * Only these get e-mail files: an issue that has left the feed was sent long ago, keeps its web
 * page, and would only make every build inline the CSS of hundreds of e-mails no one sends.
 */
export function sendableIssues<T>(issues: readonly T[], feedSize: number): T[] {
  return issues.slice(0, feedSize);
}

/**
 * The newsletter feed: one item per issue, newest first, with the whole issue as content and
 * absolute links, so an RSS-to-e-mail service (Mailchimp, Buttondown, Kit…) can send each new
 * issue as it is. An item's date is the moment its week ended, and its GUID is the issue URL:
 * neither changes on a rebuild, so no service sends an issue twice.
 */
export function newsletterFeed(site: SiteModel, issues: readonly Issue[]): Feed {
  const items = sendableIssues(issues, site.config.feedSize).map((issue) => ({
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
