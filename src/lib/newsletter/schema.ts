import { z } from 'astro/zod';
import { LIMITS } from '../content/limits.ts';
import { httpUrl } from '../content/schema.ts';
import { parseContentDate } from '../dates.ts';

/**
 * Front matter of `content/newsletter/<yyyy-mm-dd>.md`, an optional file that edits one issue:
 * the file name is the first day of the issue's week, the body (Markdown) is the intro. Strict:
 * a misspelt field is an error, and nothing is coerced.
 */

/** Most picks and events one issue may list: an issue is a digest, not an archive. */
export const MAX_PICKS = 10;
export const MAX_EVENTS = 20;
/** Longest intro, in characters of Markdown. */
export const MAX_INTRO = 10_000;

const DATE_HINT = 'must be a date like 2011-07-10 (or 2011-07-10T09:00:00-07:00)';

function eventDate(timeZone: string) {
  return z.string({ error: DATE_HINT }).transform((value, ctx) => {
    const date = parseContentDate(value, timeZone);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `${DATE_HINT}, not ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return date;
  });
}

/** `<article-slug>/<comment-id>`: the comment file content/comments/<article-slug>/<comment-id>.md. */
export const PICK_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/;

/** One event in the issue's "upcoming events" list. */
function eventSchema(timeZone: string) {
  return z
    .strictObject({
      /** What the event is called, e.g. "Microsoft Worldwide Partner Conference". */
      name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
      /** First day (a date alone is the day in the site's time zone). */
      date: eventDate(timeZone),
      /** Last day of a multi-day event. */
      end: eventDate(timeZone).optional(),
      /** City or "Online". */
      location: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
      /** The event's page (http or https). */
      url: httpUrl.optional(),
    })
    .superRefine((e, ctx) => {
      if (e.end && e.end < e.date) ctx.addIssue({ code: 'custom', path: ['end'], message: 'is before date; swap them or fix the day' });
    });
}

/** The digest file's front matter. */
export function digestSchema(timeZone: string) {
  return z.strictObject({
    /** Subject line and heading of the issue; default "<site> weekly: <first day>–<last day>". */
    title: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(LIMITS.text.title, `must be at most ${LIMITS.text.title} characters`)
      .optional(),
    /** One sentence: the e-mail preheader and the feed summary; default derived from the intro or the first article. */
    summary: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    /**
     * Reader comments to quote, `<article-slug>/<comment-id>` each, in the order given. They
     * replace the automatic picks (and `featured` comments) of this issue.
     */
    picks: z
      .array(z.string().trim().regex(PICK_PATTERN, 'each pick must be <article-slug>/<comment-id>, the comment file path without .md'))
      .min(1, 'must list at least one comment (remove the field to use the automatic picks)')
      .max(MAX_PICKS, `must list at most ${MAX_PICKS} comments`)
      .refine((list) => new Set(list).size === list.length, 'lists a comment twice; remove the repeat')
      .optional(),
    /** The "upcoming events" list, shown in date order. */
    events: z.array(eventSchema(timeZone)).max(MAX_EVENTS, `must list at most ${MAX_EVENTS} events`).default([]),
  });
}

export type DigestFrontMatter = z.output<ReturnType<typeof digestSchema>>;
export type DigestEvent = DigestFrontMatter['events'][number];
