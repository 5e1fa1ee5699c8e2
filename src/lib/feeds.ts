import type { Element, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { commenterName } from './commenter.ts';
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

/** Attributes (hast property names) whose value is one URL. */
const URL_PROPERTIES = ['href', 'src', 'poster'] as const;

/** `url` resolved against `baseUrl`; fragments point into the page, other schemes stay as written. */
function absoluteIn(baseUrl: string, url: string): string {
  const v = url.trim();
  if (v.startsWith('#')) return `${baseUrl}${v}`;
  if (!v || /^[a-z][a-z0-9+.-]*:/i.test(v)) return v;
  try {
    return new URL(v, baseUrl).href;
  } catch {
    return v;
  }
}

/** Rewrites href, src, poster and srcset on every element of `tree` so feed readers resolve them. */
function absolutizeTree(tree: Root, baseUrl: string): void {
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    for (const name of URL_PROPERTIES) {
      const value = props[name];
      if (typeof value === 'string') props[name] = absoluteIn(baseUrl, value);
    }
    if (typeof props.srcSet === 'string') {
      props.srcSet = props.srcSet
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
          return [absoluteIn(baseUrl, url), ...descriptors].join(' ');
        })
        .join(', ');
    }
  });
}

const parser = unified().use(rehypeParse, { fragment: true });
const serializer = unified().use(rehypeStringify);

function parseHtml(html: string): Root {
  return parser.parse(html);
}

function serialize(tree: Root | RootContent): string {
  return serializer.stringify(tree.type === 'root' ? tree : { type: 'root', children: [tree] });
}

/**
 * Makes every URL in href/src/poster/srcset attributes absolute, so feed readers resolve them.
 * Works on the parsed HTML, so markup shown as text (`<code>&lt;a href="/x"&gt;</code>`) is left alone.
 */
export function absolutizeHtml(html: string, baseUrl: string): string {
  const tree = parseHtml(html);
  absolutizeTree(tree, baseUrl);
  return serialize(tree);
}

/** A URL attribute in any quoting and case: href, src, poster, srcset. */
const URL_ATTRIBUTE = /\s(href|src|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * Whether absolutizeHtml could change a URL in `html`: some href, src or poster lacks a scheme,
 * or there is a srcset. Looks at the text, so markup shown as text may say yes; never no wrongly.
 */
export function hasRelativeUrls(html: string): boolean {
  for (const m of html.matchAll(URL_ATTRIBUTE)) {
    if ((m[1] as string).toLowerCase() === 'srcset') return true;
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return true;
  }
  return false;
}

/**
 * A rendered comment's HTML with absolute URLs, for a feed. The comment pipeline
 * (./comment-markdown.ts) writes well-formed HTML, so when no URL needs its page's address (most
 * comments: their links carry a scheme) it is used as it is instead of parsed and written again:
 * a comment feed item took about as long as the article page.
 */
export function commentHtmlForFeed(html: string, baseUrl: string): string {
  return hasRelativeUrls(html) ? absolutizeHtml(html, baseUrl) : html;
}

/**
 * Bound on an article's full text in a feed (`content:encoded`), in bytes of UTF-8 HTML: a feed of
 * 50 items stays under about 5 MB, which feed readers fetch without trouble. A longer article is
 * cut after its last whole top-level block that fits, and says so with a link to the full page.
 */
export const FEED_ITEM_MAX_BYTES = 100_000;

/** Keeps the top-level blocks of `tree` that fit in `maxBytes` and appends a visible "continues" link. */
function capTree(tree: Root, maxBytes: number, url: string, title: string): void {
  const note: Element = {
    type: 'element',
    tagName: 'p',
    properties: {},
    children: [
      { type: 'text', value: 'This article is too long for the feed. ' },
      {
        type: 'element',
        tagName: 'a',
        properties: { href: url },
        children: [{ type: 'text', value: `Read all of “${title}” on the site.` }],
      },
    ],
  };
  let budget = maxBytes - Buffer.byteLength(serialize(note));
  const kept: RootContent[] = [];
  for (const child of tree.children) {
    budget -= Buffer.byteLength(serialize(child));
    if (budget < 0) break;
    kept.push(child);
  }
  tree.children = [...kept, note];
}

/**
 * An article's HTML as a feed carries it: URLs absolute and, past `maxBytes`, cut at a block
 * boundary with a link to the page (see FEED_ITEM_MAX_BYTES). An article that fits and links
 * only with full URLs (most: they cite other sites) is used as the Markdown renderer wrote it;
 * parsing and writing it again was most of a cold build's feed time.
 */
export function feedContent(html: string, url: string, title: string, maxBytes = FEED_ITEM_MAX_BYTES): string {
  if (!hasRelativeUrls(html) && Buffer.byteLength(html) <= maxBytes) return html;
  const tree = parseHtml(html);
  absolutizeTree(tree, url);
  const full = serialize(tree);
  if (Buffer.byteLength(full) <= maxBytes) return full;
  capTree(tree, maxBytes, url, title);
  return serialize(tree);
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
 * An article's feed content per site model: one article is an item of the site feed, its author's
 * feed and each of its topics' feeds, and parsing its HTML is most of an item's cost.
 */
const feedContents = new WeakMap<SiteModel, WeakMap<RenderedArticle, string>>();

/**
 * A feed item for an article: full content with absolute URLs, the original publication date
 * (an edit never makes an old article look new), tags, author and comment metadata.
 */
export function articleItem(site: SiteModel, a: RenderedArticle): FeedItem {
  const url = absoluteUrl(site.config.url, a.path);
  const contents = feedContents.get(site) ?? new WeakMap<RenderedArticle, string>();
  feedContents.set(site, contents);
  const content = contents.get(a) ?? xmlSafe(feedContent(a.html, url, a.title));
  contents.set(a, content);
  const author = site.author(a.author)?.name ?? a.author;
  const count = site.comments(a.slug).length;
  return {
    title: xmlSafe(a.title),
    link: url,
    pubDate: a.date,
    description: xmlSafe(a.description),
    content,
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

/** A feed item for one comment, linking to its anchor on the article page. */
export function commentItem(site: SiteModel, c: RenderedComment): FeedItem {
  const article = site.article(c.article);
  const articleUrl = absoluteUrl(site.config.url, article?.path ?? '/');
  const name = commenterName(site, c);
  const html = commentHtmlForFeed(c.html, articleUrl);
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
