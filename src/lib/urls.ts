import type { Tag } from './site.ts';

/** What a social card is for. */
export type CardKind = 'article' | 'author' | 'tag' | 'site';

/** Site paths for every kind of page; the one place URLs are spelled out. */
export const paths = {
  home: '/',
  author: (id: string) => `/authors/${id}/`,
  tag: (tag: Pick<Tag, 'segment'>) => `/tags/${tag.segment}/`,
  tags: '/tags/',
  archive: '/archive/',
  /** Site search; takes ?q= and the filters of src/lib/search/query.ts. */
  search: '/search/',
  year: (year: number) => `/archive/${year}/`,
  page: (slug: string) => `/${slug}/`,
  comment: (articlePath: string, id: string) => `${articlePath}#${commentAnchor(id)}`,
  feed: '/rss.xml',
  commentsFeed: '/comments/rss.xml',
  /** An article's comment feed, beside the article: /2010/07/14/slug/comments.xml. */
  commentFeed: (article: { path: string }) => `${article.path}comments.xml`,
  tagFeed: (tag: Pick<Tag, 'segment'>) => `/tags/${tag.segment}/rss.xml`,
  authorFeed: (id: string) => `/authors/${id}/rss.xml`,
  /**
   * Site path of a card image, for og:image and for writing the file: `/og/articles/<slug>.png`,
   * `/og/authors/<id>.png`, `/og/tags/<segment>.png` (the site model's Tag.segment) or `/og/site.png`
   * (home and every other page). The id is needed for every kind but 'site'. Like the page paths
   * above it is not percent-encoded: the same string names the file in the output folder.
   */
  card: (kind: CardKind, id?: string): string => {
    if (kind === 'site') return '/og/site.png';
    if (!id)
      throw new Error(
        `paths.card('${kind}') needs the ${kind === 'tag' ? 'tag segment' : kind === 'author' ? 'author id' : 'article slug'}`,
      );
    const folder = kind === 'article' ? 'articles' : kind === 'author' ? 'authors' : 'tags';
    return `/og/${folder}/${id}.png`;
  },
};

/** The fragment id of a comment: #comment-<id>. */
export function commentAnchor(id: string): string {
  return `comment-${id}`;
}

/**
 * First path segments and top-level files the site itself generates or the host reads; no page
 * slug or alias may take them. The one list: the loader, the alias rule and the importers use it.
 */
export const RESERVED_TOP = new Set([
  'authors',
  'tags',
  'page',
  'archive',
  'search',
  'comments',
  'newsletter',
  'rss.xml',
  'robots.txt',
  'sitemap-index.xml',
  'sitemap-0.xml',
  '404',
  '404.html',
  'index.html',
  'pagefind',
  '_astro',
  'og',
  '_redirects',
  '_headers',
  'favicon.svg',
  'favicon.ico',
]);

/** The longest URL the site accepts from content or a reader (the de facto limit of browsers and CDNs). */
export const MAX_URL_CHARS = 2_000;

/**
 * True for an absolute http(s) URL that browsers and the WHATWG parser read the same way: it is
 * written with "http://" or "https://", has a host, and holds no spaces, backslashes or control
 * characters (the parser quietly turns "https:\\evil.example" into "https://evil.example/").
 * The one rule for every URL field: site settings (through content/schema.ts httpUrl), comment and
 * author schemas, the comment tool, the importers.
 */
export function isHttpUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (value.length > MAX_URL_CHARS || !/^https?:\/\/[^\s\\\u0000-\u001f\u007f]+$/i.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
