import type { RenderedArticle, RenderedComment } from './content/model.ts';
import { absoluteUrl } from './permalink.ts';
import type { SiteModel } from './site.ts';
import { commentAnchor, paths } from './urls.ts';
import { escapeXml, xmlSafe } from './xml.ts';

/** Namespaces the feeds use beyond RSS 2.0 (content:encoded is added by @astrojs/rss). */
export const FEED_NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
};

/** The XSL stylesheet that turns a feed opened in a browser into a readable page. */
export const FEED_STYLESHEET = '/rss.xsl';

/** Makes every URL in href/src/poster/srcset attributes absolute, so feed readers resolve them. */
export function absolutizeHtml(html: string, baseUrl: string): string {
  const abs = (u: string) => {
    const v = u.trim();
    if (!v || v.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(v)) return v.startsWith('#') ? `${baseUrl}${v}` : v;
    try {
      return new URL(v.replace(/&amp;/g, '&'), baseUrl).href.replace(/&/g, '&amp;');
    } catch {
      return v;
    }
  };
  return html
    .replace(/(\s(?:href|src|poster)=)(["'])(.*?)\2/gi, (_, attr: string, q: string, url: string) => `${attr}${q}${abs(url)}${q}`)
    .replace(/(\ssrcset=)(["'])(.*?)\2/gi, (_, attr: string, q: string, set: string) => {
      const parts = set.split(',').map((c) => {
        const [url = '', ...desc] = c.trim().split(/\s+/);
        return [abs(url), ...desc].join(' ');
      });
      return `${attr}${q}${parts.join(', ')}${q}`;
    });
}

/** One feed, in the shape @astrojs/rss takes. */
export interface Feed {
  title: string;
  description: string;
  /** Site origin. */
  site: string;
  /** Path of the feed itself, for atom:link rel="self". */
  selfPath: string;
  language: string;
  items: FeedItem[];
  /** Newest item date: rebuilds of unchanged content are byte-identical. */
  lastBuildDate?: Date | undefined;
}

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content?: string;
  categories?: string[];
  commentsUrl?: string;
  customData?: string;
}

function channelData(feed: Omit<Feed, 'items'>): string {
  return [
    `<language>${escapeXml(feed.language)}</language>`,
    `<atom:link href="${escapeXml(absoluteUrl(feed.site, feed.selfPath))}" rel="self" type="application/rss+xml"/>`,
    feed.lastBuildDate ? `<lastBuildDate>${feed.lastBuildDate.toUTCString()}</lastBuildDate>` : '',
  ].join('');
}

/** Options for @astrojs/rss: the channel with self link, language and a content-derived lastBuildDate. */
export function rssOptions(feed: Feed) {
  return {
    title: xmlSafe(feed.title),
    description: xmlSafe(feed.description),
    site: feed.site,
    xmlns: FEED_NAMESPACES,
    stylesheet: FEED_STYLESHEET,
    customData: channelData(feed),
    items: feed.items,
  };
}

/**
 * A feed item for an article: full content with absolute URLs, the original publication date
 * (an edit never makes an old article look new), tags, author and comment metadata.
 */
export function articleItem(site: SiteModel, a: RenderedArticle): FeedItem {
  const url = absoluteUrl(site.config.url, a.path);
  const author = site.author(a.author)?.name ?? a.author;
  const count = site.comments(a.slug).length;
  return {
    title: xmlSafe(a.title),
    link: url,
    pubDate: a.date,
    description: xmlSafe(a.description),
    content: xmlSafe(absolutizeHtml(a.html, url)),
    categories: a.tags.map((t) => xmlSafe(site.tagOf(t)?.name ?? t)),
    commentsUrl: `${url}#comments`,
    customData:
      `<dc:creator>${escapeXml(author)}</dc:creator>` +
      `<slash:comments>${count}</slash:comments>` +
      `<wfw:commentRss>${escapeXml(absoluteUrl(site.config.url, paths.commentFeed(a)))}</wfw:commentRss>`,
  };
}

/** A feed of articles (site, tag or author feed), newest first, capped at `size` (default: the site feed's). */
export function articleFeed(
  site: SiteModel,
  opts: { title: string; description: string; selfPath: string; articles: RenderedArticle[]; size?: number },
): Feed {
  const items = opts.articles.slice(0, opts.size ?? site.config.feedSize);
  return channel(
    site,
    opts,
    items[0]?.date,
    items.map((a) => articleItem(site, a)),
  );
}

/** A channel of the site: its URL and language, with a lastBuildDate from the newest item. */
function channel(
  site: SiteModel,
  opts: { title: string; description: string; selfPath: string },
  newest: Date | undefined,
  items: FeedItem[],
): Feed {
  return {
    title: opts.title,
    description: opts.description,
    site: site.config.url,
    selfPath: opts.selfPath,
    language: site.config.language,
    lastBuildDate: newest,
    items,
  };
}

/** Display name of a comment's author: a staff reply shows the site author's name. */
export function commenterName(site: SiteModel, c: RenderedComment): string {
  return c.staff ? (site.author(c.staff)?.name ?? c.author) : c.author;
}

/** A feed item for one comment, linking to its anchor on the article page. */
export function commentItem(site: SiteModel, c: RenderedComment): FeedItem {
  const article = site.article(c.article);
  const articleUrl = absoluteUrl(site.config.url, article?.path ?? '/');
  const name = commenterName(site, c);
  const html = absolutizeHtml(c.html, articleUrl);
  return {
    title: xmlSafe(`${name} on “${article?.title ?? c.article}”`),
    link: `${articleUrl}#${commentAnchor(c.id)}`,
    pubDate: c.date,
    description: xmlSafe(html),
    customData: `<dc:creator>${escapeXml(name)}</dc:creator>`,
  };
}

/** A feed of comments, newest first. */
export function commentFeed(
  site: SiteModel,
  opts: { title: string; description: string; selfPath: string; comments: RenderedComment[] },
): Feed {
  const items = [...opts.comments]
    .sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, site.config.feedSize);
  return channel(
    site,
    opts,
    items[0]?.date,
    items.map((c) => commentItem(site, c)),
  );
}
