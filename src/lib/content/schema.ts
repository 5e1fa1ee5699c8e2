import { z } from 'astro/zod';
import { inYearRange, parseContentDate } from '../dates.ts';
import { aliasProblem, normaliseAlias } from '../permalink.ts';
import { SLUG_PATTERN } from '../slug.ts';
import { isHttpUrl, MAX_URL_CHARS } from '../urls.ts';
import { LIMITS } from './limits.ts';

/**
 * Front-matter schemas for every kind of content file. Objects are strict, so a misspelt field
 * (`tittle:`) is an error, and nothing is coerced: `draft: "false"` is a string, not a boolean.
 * Dates stay strings in YAML (see parse.ts) and are read here in the site's time zone.
 */

const DATE_HINT = 'must be an ISO 8601 date like 2010-07-14 or 2010-07-14T09:30:00-04:00';
const YEARS = `${LIMITS.years.min} to ${LIMITS.years.max}`;

function contentDate(timeZone: string) {
  return z.string({ error: DATE_HINT }).transform((value, ctx) => {
    const date = parseContentDate(value, timeZone);
    if (!date) {
      const year = /^\s*([+-]?\d+)-/.exec(value)?.[1];
      const outOfRange = year !== undefined && !inYearRange(Number(year));
      ctx.addIssue({
        code: 'custom',
        message: outOfRange
          ? `${JSON.stringify(value.slice(0, 40))} is outside the years ${YEARS}; fix the year`
          : `${DATE_HINT}, not ${JSON.stringify(value.slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return date;
  });
}

/** A string of at most `max` characters, trimmed; empty is an error. */
const text = (max: number, empty = 'must not be empty') =>
  z.string().trim().min(1, empty).max(max, `is longer than ${max} characters; shorten it`);

const slugId = (what: string) =>
  z
    .string()
    .max(LIMITS.text.id, `must be at most ${LIMITS.text.id} characters`)
    .regex(SLUG_PATTERN, `must be ${what} id: lowercase letters, digits and hyphens (the file name without .md)`);

/** A site path ("/images/x.jpg") or an absolute http(s) URL for images. */
const assetRef = z
  .string()
  .max(MAX_URL_CHARS, `is longer than ${MAX_URL_CHARS} characters`)
  .refine((v) => /^\/(?!\/)/.test(v) || isHttpUrl(v), 'must be a site path starting with / (a file in public/) or an http(s) URL');

/** The one URL rule (src/lib/urls.ts isHttpUrl), as a schema. */
export const httpUrl = z.string().refine(isHttpUrl, 'must be an http:// or https:// URL');

/**
 * Old URL paths that must keep working (redirects). Plain paths only: see aliasProblem in
 * src/lib/permalink.ts. An http(s) URL is allowed and stands for its path.
 */
const aliases = z
  .array(
    z
      .string()
      .trim()
      .max(MAX_URL_CHARS, `is longer than ${MAX_URL_CHARS} characters`)
      .regex(/^(\/|https?:\/\/)/, 'each alias must be a path starting with /')
      .superRefine((alias, ctx) => {
        const problem = aliasProblem(normaliseAlias(alias));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  )
  .max(LIMITS.list.aliases, `has more than ${LIMITS.list.aliases} entries`)
  .default([]);

/** `content/articles/<slug>.md` */
export function articleSchema(timeZone: string) {
  return z
    .strictObject({
      /** Headline. */
      title: text(LIMITS.text.title),
      /** Publication date; date-only means midnight in the site's time zone. */
      date: contentDate(timeZone),
      /** Id of a file in content/authors/. */
      author: slugId('an author'),
      /** Topics; case does not matter ("Cloud" and "cloud" are one tag). */
      tags: z
        .array(text(LIMITS.text.tag, 'tags must not be empty'))
        .max(LIMITS.list.tags, `has more than ${LIMITS.list.tags} tags`)
        .default([]),
      /** Summary for listings, feeds and search results; derived from the first paragraph when absent. */
      description: text(LIMITS.text.description, 'must not be empty (remove the field to derive it)').optional(),
      /** Date of the last substantive edit; never changes the publication date. */
      updated: contentDate(timeZone).optional(),
      /** Drafts are built only by `npm run dev`. */
      draft: z.boolean().default(false),
      /** Shows existing comments but says comments are closed. */
      commentsClosed: z.boolean().default(false),
      /** Lead image: a file in public/ ("/images/x.jpg") or an http(s) URL. */
      image: assetRef.optional(),
      /** Text alternative for the image; required when image is set. */
      imageAlt: text(LIMITS.text.description).optional(),
      /** Old URL paths of this article that must keep working (redirect pages). */
      aliases,
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
  name: text(LIMITS.text.name),
  /** Job title, e.g. "Editorial Director". */
  title: text(LIMITS.text.name).optional(),
  /** Personal or profile URL. */
  url: httpUrl.optional(),
  /** Portrait: a file in public/ or an http(s) URL. */
  avatar: assetRef.optional(),
});

/** `content/pages/<slug>.md` */
export const pageSchema = z.strictObject({
  /** Page heading and title. */
  title: text(LIMITS.text.title),
  /** Meta description; derived from the first paragraph when absent. */
  description: text(LIMITS.text.description).optional(),
  /** Old URL paths of this page that must keep working (redirects), e.g. from an import. */
  aliases,
});

/** `content/comments/<article-slug>/<comment-id>.md`; the body is the comment's Markdown. */
export function commentSchema(timeZone: string) {
  return z.strictObject({
    /** Commenter's display name, shown as text. */
    author: text(LIMITS.text.name),
    /** When the comment was posted. */
    date: contentDate(timeZone),
    /** Commenter's company, shown after the name. */
    affiliation: text(LIMITS.text.affiliation).optional(),
    /** Commenter's web site (http or https only). */
    url: httpUrl.optional(),
    /** Id (file name) of the comment of the same article that this one answers. */
    replyTo: text(LIMITS.text.id).optional(),
    /** Author id when one of the site's authors wrote this comment. */
    staff: slugId('an author').optional(),
    /**
     * Quote this comment first in its week's newsletter issue (src/lib/newsletter/picks.ts). Set by
     * a moderator in the file: the comment tool and the importers never write it.
     */
    featured: z.boolean().optional(),
  });
}
