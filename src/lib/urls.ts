import type { Tag } from './site.ts';

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
};

/** The fragment id of a comment: #comment-<id>. */
export function commentAnchor(id: string): string {
  return `comment-${id}`;
}
