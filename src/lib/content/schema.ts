import { z } from 'astro/zod';
import { parseContentDate } from '../dates.ts';
import { SLUG_PATTERN } from '../slug.ts';

/**
 * Front-matter schemas for every kind of content file. Objects are strict, so a misspelt field
 * (`tittle:`) is an error, and nothing is coerced: `draft: "false"` is a string, not a boolean.
 * Dates stay strings in YAML (see parse.ts) and are read here in the site's time zone.
 */

const DATE_HINT = 'must be an ISO 8601 date like 2010-07-14 or 2010-07-14T09:30:00-04:00';

function contentDate(timeZone: string) {
  return z.string({ error: DATE_HINT }).transform((value, ctx) => {
    const date = parseContentDate(value, timeZone);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `${DATE_HINT}, not ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return date;
  });
}

const slugId = (what: string) =>
  z.string().regex(SLUG_PATTERN, `must be ${what} id: lowercase letters, digits and hyphens (the file name without .md)`);

/** A site path ("/images/x.jpg") or an absolute http(s) URL for images. */
const assetRef = z.string().regex(/^(\/(?!\/)|https?:\/\/)/, 'must be a site path starting with / (a file in public/) or an http(s) URL');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** `content/articles/<slug>.md` */
export function articleSchema(timeZone: string) {
  return z
    .strictObject({
      /** Headline. */
      title: z.string().trim().min(1, 'must not be empty'),
      /** Publication date; date-only means midnight in the site's time zone. */
      date: contentDate(timeZone),
      /** Id of a file in content/authors/. */
      author: slugId('an author'),
      /** Topics; case does not matter ("Cloud" and "cloud" are one tag). */
      tags: z.array(z.string().trim().min(1, 'tags must not be empty')).default([]),
      /** Summary for listings, feeds and search results; derived from the first paragraph when absent. */
      description: z.string().trim().min(1, 'must not be empty (remove the field to derive it)').optional(),
      /** Date of the last substantive edit; never changes the publication date. */
      updated: contentDate(timeZone).optional(),
      /** Drafts are built only by `npm run dev`. */
      draft: z.boolean().default(false),
      /** Shows existing comments but says comments are closed. */
      commentsClosed: z.boolean().default(false),
      /** Lead image: a file in public/ ("/images/x.jpg") or an http(s) URL. */
      image: assetRef.optional(),
      /** Text alternative for the image; required when image is set. */
      imageAlt: z.string().trim().min(1, 'must not be empty').optional(),
      /** Old URL paths of this article that must keep working (redirect pages). */
      aliases: z
        .array(
          z
            .string()
            .trim()
            .regex(/^(\/|https?:\/\/)/, 'each alias must be a path starting with /'),
        )
        .default([]),
    })
    .superRefine((a, ctx) => {
      if (a.image && !a.imageAlt) {
        ctx.addIssue({
          code: 'custom',
          path: ['imageAlt'],
          message: 'is required when image is set: describe the image for screen-reader users',
        });
      }
      if (a.imageAlt && !a.image) {
        ctx.addIssue({ code: 'custom', path: ['image'], message: 'is missing although imageAlt is set: add the image or remove imageAlt' });
      }
      if (a.updated && a.updated < a.date) {
        ctx.addIssue({ code: 'custom', path: ['updated'], message: 'is earlier than date: an update cannot precede publication' });
      }
    });
}

/** `content/authors/<id>.md`; the body is the bio. */
export const authorSchema = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(1, 'must not be empty'),
  /** Job title, e.g. "Editorial Director". */
  title: z.string().trim().min(1).optional(),
  /** Personal or profile URL. */
  url: httpUrl.optional(),
  /** Portrait: a file in public/ or an http(s) URL. */
  avatar: assetRef.optional(),
});

/** `content/pages/<slug>.md` */
export const pageSchema = z.strictObject({
  /** Page heading and title. */
  title: z.string().trim().min(1, 'must not be empty'),
  /** Meta description; derived from the first paragraph when absent. */
  description: z.string().trim().min(1).optional(),
});

/** `content/comments/<article-slug>/<comment-id>.md`; the body is the comment's Markdown. */
export function commentSchema(timeZone: string) {
  return z.strictObject({
    /** Commenter's display name, shown as text. */
    author: z.string().trim().min(1, 'must not be empty'),
    /** When the comment was posted. */
    date: contentDate(timeZone),
    /** Commenter's company, shown after the name. */
    affiliation: z.string().trim().min(1).optional(),
    /** Commenter's web site (http or https only). */
    url: httpUrl.optional(),
    /** Id (file name) of the comment of the same article that this one answers. */
    replyTo: z.string().trim().min(1).optional(),
    /** Author id when one of the site's authors wrote this comment. */
    staff: slugId('an author').optional(),
  });
}

export type ArticleFrontMatter = z.output<ReturnType<typeof articleSchema>>;
export type AuthorFrontMatter = z.output<typeof authorSchema>;
export type PageFrontMatter = z.output<typeof pageSchema>;
export type CommentFrontMatter = z.output<ReturnType<typeof commentSchema>>;
