import type { z } from 'astro/zod';
import type { articleSchema, authorSchema, commentSchema, pageSchema } from './schema.ts';

/**
 * The content model after validation: what pages, feeds, cards and search work from. Each type is
 * its file's front matter as the schema (src/lib/content/schema.ts) outputs it, plus what the
 * loader derives (ids from file names, paths, bodies), so a field added to a schema reaches every
 * reader without a second declaration to keep in step.
 */

type ArticleFrontMatter = z.output<ReturnType<typeof articleSchema>>;
type AuthorFrontMatter = z.output<typeof authorSchema>;
type PageFrontMatter = z.output<typeof pageSchema>;
type CommentFrontMatter = z.output<ReturnType<typeof commentSchema>>;

/** Where a content file is, as messages print it. */
interface FromFile {
  file: string;
}

export interface Author extends AuthorFrontMatter, FromFile {
  /** File name without .md. */
  id: string;
  /** Markdown bio (the file body). */
  bio: string;
}

export interface Article extends Omit<ArticleFrontMatter, 'description'>, FromFile {
  /** File name without .md. */
  slug: string;
  /** Given or derived description. */
  description: string;
  /** Site path from the permalink pattern, e.g. /2010/07/14/slug/. */
  path: string;
  /** Markdown body (trusted: written by the site's authors). */
  body: string;
}

export interface Page extends Omit<PageFrontMatter, 'description'>, FromFile {
  slug: string;
  /** Given or derived description. */
  description: string;
  body: string;
}

export interface Comment extends CommentFrontMatter, FromFile {
  /** File name without .md; unique within its article. */
  id: string;
  /** Slug of the article (the folder name). */
  article: string;
  /** Markdown body (untrusted: rendered only through the sanitizing pipeline). */
  body: string;
}

/** An article with its body rendered to HTML (by Astro's Markdown processor). */
export type RenderedArticle = Article & { html: string };
/** A page with its body rendered to HTML. */
export type RenderedPage = Page & { html: string };
/** A comment with its body rendered through the sanitizing pipeline. */
export type RenderedComment = Comment & { html: string };
/** An author with the bio rendered to HTML. */
export type RenderedAuthor = Author & { html: string };
