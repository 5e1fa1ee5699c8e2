import { commentPlainText } from './comment-markdown.ts';
import { commenterName } from './commenter.ts';
import type { Author, RenderedArticle } from './content/model.ts';
import { absoluteUrl } from './permalink.ts';
import type { SiteModel, Tag } from './site.ts';
import { commentAnchor, paths } from './urls.ts';
import { feedTitles } from './words.ts';

/** A feed a page advertises with <link rel="alternate">. */
export interface FeedLink {
  title: string;
  href: string;
}

/** Everything a page's <head> says about it to search engines and social sites. */
export interface PageMeta {
  /** Site path of the page. */
  path: string;
  /** Site path of the page's social card. */
  image: string;
  imageAlt: string;
  type: 'website' | 'article' | 'profile';
  /** Article-specific Open Graph properties. */
  article?: { published: Date; modified?: Date | undefined; authorUrl: string; tags: string[] };
  /** Feeds beyond the site feed. */
  feeds?: FeedLink[];
  /** Structured data, serialised into a JSON-LD script. */
  jsonLd?: object;
}

/** Meta for a page that is not about one article, author or tag. */
export function pageMeta(path: string, siteTitle: string): PageMeta {
  return { path, image: paths.card('site'), imageAlt: siteTitle, type: 'website' };
}

/**
 * Serialises JSON-LD for a <script> element. JSON.stringify leaves "</script>" and "<!--" intact,
 * which would end the element early; escaping "<", ">" and "&" as \u003c… keeps it JSON and inert.
 */
export function jsonLdText(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** schema.org BlogPosting for an article, with its author, publisher, card and comments. */
export function articleJsonLd(site: SiteModel, a: RenderedArticle): object {
  const url = absoluteUrl(site.config.url, a.path);
  const author = site.author(a.author);
  const comments = site.comments(a.slug);
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: a.title,
    description: a.description,
    url,
    mainEntityOfPage: url,
    datePublished: a.date.toISOString(),
    dateModified: (a.updated ?? a.date).toISOString(),
    author: { '@type': 'Person', name: author?.name ?? a.author, url: absoluteUrl(site.config.url, paths.author(a.author)) },
    publisher: { '@type': 'Organization', name: site.config.title, url: absoluteUrl(site.config.url, '/') },
    image: absoluteUrl(site.config.url, paths.card('article', a.slug)),
    keywords: a.tags.map((t) => site.tagOf(t)?.name ?? t),
    commentCount: comments.length,
    comment: comments.map((c) => ({
      '@type': 'Comment',
      url: `${url}#${commentAnchor(c.id)}`,
      dateCreated: c.date.toISOString(),
      author: { '@type': 'Person', name: commenterName(site, c) },
      ...(c.replyTo ? { parentItem: { '@id': `${url}#${commentAnchor(c.replyTo)}` } } : {}),
      '@id': `${url}#${commentAnchor(c.id)}`,
      text: commentPlainText(c.html),
    })),
  };
}

/** Head metadata of an article page: its card, Open Graph article properties, feeds and JSON-LD. */
export function articleMeta(site: SiteModel, a: RenderedArticle): PageMeta {
  return {
    path: a.path,
    image: paths.card('article', a.slug),
    imageAlt: `${a.title}: ${site.config.title}`,
    type: 'article',
    article: {
      published: a.date,
      modified: a.updated,
      authorUrl: absoluteUrl(site.config.url, paths.author(a.author)),
      tags: a.tags.map((t) => site.tagOf(t)?.name ?? t),
    },
    feeds: [{ title: `Comments on “${a.title}” (RSS)`, href: paths.commentFeed(a) }],
    jsonLd: articleJsonLd(site, a),
  };
}

/** Head metadata of a tag listing. */
export function tagMeta(site: SiteModel, tag: Tag, path: string): PageMeta {
  return {
    path,
    image: paths.card('tag', tag.segment),
    imageAlt: `${tag.name}: ${site.config.title}`,
    type: 'website',
    feeds: [{ title: feedTitles.link(feedTitles.tag(site.config.title, tag.name)), href: paths.tagFeed(tag) }],
  };
}

/** Head metadata of an author's page. */
export function authorMeta(site: SiteModel, author: Author, path: string): PageMeta {
  return {
    path,
    image: paths.card('author', author.id),
    imageAlt: `${author.name}: ${site.config.title}`,
    type: 'profile',
    feeds: [{ title: feedTitles.link(feedTitles.author(site.config.title, author.name)), href: paths.authorFeed(author.id) }],
  };
}
