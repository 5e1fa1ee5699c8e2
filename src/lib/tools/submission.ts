import { z } from 'astro/zod';
import { parseContentDate } from '../dates.ts';
import { formatIssues } from '../problems.ts';
import { ToolError } from './cli.ts';
import { type CommentDraft, commentFileText, commentIdBase, isHttpUrl, uniqueName } from './comment-file.ts';
import type { PlannedFile } from './write.ts';

/**
 * Reader submissions from a static comment form (src/components/comments/CommentForm.astro), a
 * form-to-JSON service or a Staticman instance, turned into comment files. Reviewing and
 * committing the file (or merging the pull request) is the moderation.
 */

/** Name of the honeypot field: people never see it, so a filled one means a bot filled the form. */
export const HONEYPOT_FIELD = 'honeypot';

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

/** A submission with its field names normalised; every value still untrusted text. */
export const submissionSchema = z.strictObject({
  /** Commenter's display name. */
  name: z.string({ error: "is required: the commenter's name" }).trim().min(1, "is empty: the commenter's name is required"),
  /** Read only to be dropped: e-mail addresses never enter the repository. */
  email: z.string().optional(),
  /** Commenter's web site; empty means none. */
  url: z.string().trim().optional(),
  /** The comment text (Markdown). */
  message: z.string({ error: 'is required: the comment text' }).refine((m) => m.trim().length > 0, 'is empty: there is no comment text'),
  /** Id of the comment this one answers; empty means a new thread. */
  replyTo: z.string().trim().optional(),
  /** Commenter's company. */
  affiliation: z.string().trim().optional(),
  /** ISO 8601 or Unix seconds; the time of moderation when absent. */
  date: z.union([z.string().trim(), z.number()]).optional(),
  /** Article slug from the form's hidden field. */
  article: z.string().trim().optional(),
  /** Must be empty (see HONEYPOT_FIELD). */
  honeypot: z.string().optional(),
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
    const canonical = ALIASES[key];
    if (canonical) {
      if (canonical in fields && fields[canonical] !== value)
        throw new ToolError(`the submission gives ${canonical} twice, with different values`);
      fields[canonical] = value;
    } else if (!IGNORED.has(key)) unknown.push(key);
  }
  return { fields, unknown };
}

/** What the comment tool knows about the target article. */
export interface CommentTarget {
  /** Article slug (also the comment folder's name). */
  slug: string;
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
}

/** The comment file to write and its id. */
export interface PlannedComment {
  id: string;
  file: PlannedFile;
}

/**
 * Turns one normalised submission into a comment file for `target`. Refuses, with the reason:
 * a filled honeypot, an empty name or message, a non-http(s) URL, a reply to a comment the
 * article does not have, an unreadable date, and closed comments (unless forced).
 * The e-mail address is never written.
 */
export function planComment(fields: Record<string, unknown>, target: CommentTarget, ctx: SubmissionContext): PlannedComment {
  if (typeof fields.honeypot === 'string' ? fields.honeypot.trim() !== '' : fields.honeypot !== undefined) {
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
    throw new ToolError(
      `refused: replying_to "${replyTo}" names no comment of article "${target.slug}"; ` +
        `use an id from content/comments/${target.slug}/ or leave it empty for a new thread`,
    );
  }
  const date = s.date === undefined || s.date === '' ? ctx.now : readSubmissionDate(s.date, ctx.timeZone);
  if (!date) throw new ToolError(`refused: date ${JSON.stringify(s.date)} is neither ISO 8601 nor Unix seconds`);

  const draft: CommentDraft = { author: s.name, date, staff: ctx.staff, affiliation: s.affiliation, url, replyTo, body: s.message };
  const id = uniqueName(commentIdBase(date, s.name, ctx.timeZone), new Set(target.commentIds));
  return { id, file: { path: `comments/${target.slug}/${id}.md`, text: commentFileText(draft, ctx.timeZone) } };
}

/** ISO 8601 (read like front matter) or Unix seconds, as Staticman writes them. */
export function readSubmissionDate(value: string | number, timeZone: string): Date | undefined {
  if (typeof value === 'number' || /^\d{9,11}$/.test(value)) {
    const d = new Date(Number(value) * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return parseContentDate(value, timeZone);
}
