/** The content model after validation: what pages, feeds, cards and search work from. */

export interface Author {
  /** File name without .md. */
  id: string;
  name: string;
  title?: string | undefined;
  url?: string | undefined;
  avatar?: string | undefined;
  /** Markdown bio (the file body). */
  bio: string;
  file: string;
}

export interface Article {
  /** File name without .md. */
  slug: string;
  title: string;
  date: Date;
  updated?: Date | undefined;
  /** Author id. */
  author: string;
  /** Tags as written (duplicates differing only in case removed). */
  tags: string[];
  /** Given or derived description. */
  description: string;
  draft: boolean;
  commentsClosed: boolean;
  image?: string | undefined;
  imageAlt?: string | undefined;
  /** Normalised old paths ("/old/path/"). */
  aliases: string[];
  /** Site path from the permalink pattern, e.g. /2010/07/14/slug/. */
  path: string;
  /** Markdown body (trusted: written by the site's authors). */
  body: string;
  file: string;
}

export interface Page {
  slug: string;
  title: string;
  description: string;
  /** Normalised old paths ("/old/path/"). */
  aliases: string[];
  body: string;
  file: string;
}

export interface Comment {
  /** File name without .md; unique within its article. */
  id: string;
  /** Slug of the article (the folder name). */
  article: string;
  author: string;
  date: Date;
  affiliation?: string | undefined;
  url?: string | undefined;
  replyTo?: string | undefined;
  /** Author id when written by one of the site's authors. */
  staff?: string | undefined;
  /** Markdown body (untrusted: rendered only through the sanitizing pipeline). */
  body: string;
  file: string;
}

/** An article with its body rendered to HTML (by Astro's Markdown processor). */
export type RenderedArticle = Article & { html: string };
/** A page with its body rendered to HTML. */
export type RenderedPage = Page & { html: string };
/** A comment with its body rendered through the sanitizing pipeline. */
export type RenderedComment = Comment & { html: string };
/** An author with the bio rendered to HTML. */
export type RenderedAuthor = Author & { html: string };
