import { z } from 'astro/zod';
import { HONEYPOT_FIELD } from '../comment-form.ts';
import { commentBodyProblem } from '../content/comment-body.ts';
import { LIMITS } from '../content/limits.ts';
import { isoInZone, parseContentDate } from '../dates.ts';
import { formatIssues } from '../problems.ts';
import { SLUG_PATTERN } from '../slug.ts';
import { isHttpUrl } from '../urls.ts';
import { ToolError } from './cli.ts';
import { type CommentDraft, commentFileText, commentIdBase, uniqueName } from './comment-file.ts';
import type { PlannedFile } from './write.ts';

/**
 * Reader submissions from a static comment form (src/components/comments/CommentForm.astro), a
 * form-to-JSON service or a Staticman instance, turned into comment files. Reviewing and
 * committing the file (or merging the pull request) is the moderation.
 */

export { HONEYPOT_FIELD };

/** Field names each concept may arrive under (plain forms, Staticman's fields/options, our own JSON). */
const ALIASES: Record<string, keyof Submission> = {
  name: 'name',
  author: 'name',
  email: 'email',
  url: 'url',
  message: 'message',
  comment: 'message',
  body: 'message',
  replying_to: 'replyTo',
  replyTo: 'replyTo',
  reply_to: 'replyTo',
  replying_to_uid: 'replyTo',
  parent: 'replyTo',
  affiliation: 'affiliation',
  date: 'date',
  article: 'article',
  slug: 'article',
  [HONEYPOT_FIELD]: 'honeypot',
};

/** Fields form services add that carry nothing for the comment; skipped without a warning. */
const IGNORED = new Set(['origin', 'redirect', 'redirectError', 'g-recaptcha-response', 'submit', '_id', 'reCaptcha']);

/** A text field of a submission: "is required" only when it is missing, "must be text" when it is not a string. */
const field = (what: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `is required: ${what}` : `must be text, not ${typeof iss.input}`) })
    .max(max, `is longer than ${max.toLocaleString('en-US')} characters; shorten it`);

/** A submission with its field names normalised; every value still untrusted text. */
export const submissionSchema = z.strictObject({
  /** Commenter's display name. */
  name: field("the commenter's name", LIMITS.text.name).trim().min(1, "is empty: the commenter's name is required"),
  /** Read only to be dropped: e-mail addresses never enter the repository. */
  email: field('an e-mail address', LIMITS.text.url).optional(),
  /** Commenter's web site; empty means none. */
  url: field('a web site', LIMITS.text.url).trim().optional(),
  /** The comment text (Markdown), within the bounds every comment file has (comment-body.ts). */
  message: field('the comment text', LIMITS.comment.chars)
    .refine((m) => m.trim().length > 0, 'is empty: there is no comment text')
    .superRefine((m, ctx) => {
      const problem = commentBodyProblem(m);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Id of the comment this one answers; empty means a new thread. */
  replyTo: field('a comment id', LIMITS.text.id).trim().optional(),
  /** Commenter's company. */
  affiliation: field("the commenter's company", LIMITS.text.affiliation).trim().optional(),
  /** ISO 8601 or Unix seconds; used only when it lies between the article's date and now. */
  date: z.union([z.string().trim().max(40), z.number()], { error: 'must be an ISO 8601 date or Unix seconds' }).optional(),
  /** Article slug from the form's hidden field. */
  article: field('an article slug', LIMITS.text.id).trim().optional(),
  /** Must be empty (see HONEYPOT_FIELD). */
  honeypot: z.unknown().optional(),
});
export type Submission = z.output<typeof submissionSchema>;

/** The submission in canonical field names, plus the field names that were not understood. */
export interface NormalisedSubmission {
  fields: Record<string, unknown>;
  /** Field names neither known nor ignorable: the CLI prints them so nothing is dropped unseen. */
  unknown: string[];
}

/**
 * Flattens the shapes forms post: `{ name, … }`, Staticman's `{ fields: { name }, options: { slug } }`
 * and urlencoded-style keys `fields[name]`, `options[slug]`. A value sent as a one-item array
 * (some form services) is unwrapped.
 */
export function normaliseSubmission(raw: unknown): NormalisedSubmission {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ToolError('the submission must be a JSON object of form fields, like {"name": "…", "message": "…"}');
  }
  const flat: [string, unknown][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if ((key === 'fields' || key === 'options') && value && typeof value === 'object' && !Array.isArray(value)) {
      flat.push(...Object.entries(value));
      continue;
    }
    const bracket = /^(?:fields|options)\[([^\]]+)\]$/.exec(key);
    flat.push([bracket ? (bracket[1] as string) : key, value]);
  }
  const fields: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, rawValue] of flat) {
    const value = Array.isArray(rawValue) && rawValue.length === 1 ? rawValue[0] : rawValue;
    // Own keys only: "constructor" or "__proto__" in a submission must not find Object's own.
    const canonical = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (canonical === 'replyTo' && namesAPage(value)) continue;
    if (canonical) {
      if (Object.hasOwn(fields, canonical) && fields[canonical] !== value)
        throw new ToolError(`the submission gives ${canonical} twice, with different values`);
      fields[canonical] = value;
    } else if (!IGNORED.has(key)) unknown.push(key.slice(0, 60));
  }
  return { fields, unknown };
}

/**
 * Staticman's `options[parent]` holds the page the form sits on (Jekyll themes of the Minimal
 * Mistakes family post the page URL there and the comment answered in `fields[replying_to]`):
 * a URL or path names a page, not a comment, so it is no reply target.
 */
function namesAPage(value: unknown): boolean {
  return typeof value === 'string' && /[/:]/.test(value);
}

/** What the comment tool knows about the target article. */
export interface CommentTarget {
  /** Article slug (also the comment folder's name). */
  slug: string;
  /** Publication date: no comment can be older. */
  date: Date;
  commentsClosed: boolean;
  /** Ids of the article's existing comments. */
  commentIds: readonly string[];
}

/** Options of one `npm run comment` run. */
export interface SubmissionContext {
  timeZone: string;
  now: Date;
  /** Author id when the comment is one of the site's authors replying (checked by the caller). */
  staff?: string | undefined;
  /** Accept a comment for an article whose comments are closed. */
  force?: boolean;
  /** The comments folder as messages show it (CONTENT_DIR may move it). */
  commentsDir?: string;
}

/** The comment file to write and its id. */
export interface PlannedComment {
  id: string;
  file: PlannedFile;
  /** What the tool decided for the moderator to know (a submitted date it did not use). */
  notes: string[];
}

/**
 * Turns one normalised submission into a comment file for `target`. Refuses, with the reason:
 * a filled honeypot, an empty name or message, a non-http(s) URL, a reply to a comment the
 * article does not have, an unreadable date, and closed comments (unless forced).
 * The e-mail address is never written.
 */
export function planComment(fields: Record<string, unknown>, target: CommentTarget, ctx: SubmissionContext): PlannedComment {
  const honeypot = fields.honeypot;
  if (typeof honeypot === 'string' ? honeypot.trim() !== '' : honeypot !== undefined && honeypot !== null) {
    throw new ToolError(
      `refused: the hidden "${HONEYPOT_FIELD}" field is filled in, so a bot sent this submission (people never see that field)`,
    );
  }
  const parsed = submissionSchema.safeParse(fields);
  if (!parsed.success)
    throw new ToolError(`refused: the submission is not a valid comment:\n${formatIssues(parsed.error.issues).join('\n')}`);
  const s = parsed.data;
  if (s.article && s.article !== target.slug) {
    throw new ToolError(`refused: the submission was posted for article "${s.article}", not "${target.slug}"; check --article`);
  }
  if (target.commentsClosed && !ctx.force) {
    throw new ToolError(`refused: comments on "${target.slug}" are closed (commentsClosed: true); add --force to publish this one anyway`);
  }
  const url = s.url || undefined;
  if (url && !isHttpUrl(url)) {
    throw new ToolError(`refused: url ${JSON.stringify(url)} is not an http:// or https:// address; fix it in the submission or remove it`);
  }
  const replyTo = s.replyTo || undefined;
  if (replyTo && !target.commentIds.includes(replyTo)) {
    const index = /^\d+$/.test(replyTo) ? " (a number is a form's comment index, not an id: give the id, the comment's file name)" : '';
    throw new ToolError(
      `refused: replying_to "${replyTo}" names no comment of article "${target.slug}"${index}; ` +
        `use an id from ${ctx.commentsDir ?? 'content/comments'}/${target.slug}/ or leave it empty for a new thread`,
    );
  }
  const notes: string[] = [];
  const date = commentDate(s.date, target, ctx, notes);
  const draft: CommentDraft = { author: s.name, date, staff: ctx.staff, affiliation: s.affiliation, url, replyTo, body: s.message };
  const id = uniqueName(commentIdBase(date, s.name, ctx.timeZone), new Set(target.commentIds));
  return { id, file: { path: `comments/${target.slug}/${id}.md`, text: commentFileText(draft, ctx.timeZone) }, notes };
}

/**
 * The submitter types the date (or a form service fills it in), so it is trusted only as far as
 * it can be true: between the article's publication and now. Anything else (year 5138 would pin
 * the site's comment feed) becomes now, with a note saying so.
 */
function commentDate(value: string | number | undefined, target: CommentTarget, ctx: SubmissionContext, notes: string[]): Date {
  if (value === undefined || value === '') return ctx.now;
  const date = readSubmissionDate(value, ctx.timeZone);
  const shown = JSON.stringify(String(value).slice(0, 40));
  if (!date) {
    notes.push(
      `The submitted date ${shown} is not a readable date (ISO 8601 or Unix seconds, years ${LIMITS.years.min}–${LIMITS.years.max}); the comment is dated now.`,
    );
  } else if (date > ctx.now) notes.push(`The submitted date ${shown} is in the future; the comment is dated now.`);
  else if (date < target.date) {
    notes.push(
      `The submitted date ${shown} is before the article was published (${isoInZone(target.date, ctx.timeZone)}); the comment is dated now.`,
    );
  } else return date;
  return ctx.now;
}

/** ISO 8601 (read like front matter) or Unix seconds, as Staticman writes them; undefined when neither or out of range. */
export function readSubmissionDate(value: string | number, timeZone: string): Date | undefined {
  if (typeof value === 'number' || /^\d{9,11}$/.test(value)) {
    const seconds = Number(value);
    if (!Number.isFinite(seconds)) return undefined;
    const d = new Date(seconds * 1000);
    // Through the front-matter reader too, so the range of years is the same one.
    return Number.isNaN(d.getTime()) ? undefined : parseContentDate(d.toISOString(), timeZone);
  }
  return parseContentDate(value, timeZone);
}

/** `npm run comment` options for node:util parseArgs. */
export const addCommentOptions = {
  article: { type: 'string' },
  file: { type: 'string' },
  staff: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run comment` arguments after parsing. */
export const addCommentArgs = z.strictObject({
  positionals: z.array(z.string()).max(0, 'takes no positional arguments; pass the submission on standard input or with --file'),
  article: z.string().regex(SLUG_PATTERN, 'must be an article slug (the file name in content/articles/ without .md)').optional(),
  file: z.string().min(1).optional(),
  staff: z.string().regex(SLUG_PATTERN, 'must be an author id').optional(),
  force: z.boolean().default(false),
  help: z.boolean().default(false),
});
