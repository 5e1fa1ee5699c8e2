import { stringifyMarkdownFile } from '../content/parse.ts';
import { commentSchema } from '../content/schema.ts';
import { isoInZone, zonedParts } from '../dates.ts';
import { formatIssues } from '../problems.ts';
import { slugify } from '../slug.ts';

/** A comment as the tools build it, before it becomes `content/comments/<article>/<id>.md`. */
export interface CommentDraft {
  /** Display name. */
  author: string;
  date: Date;
  /** Author id when one of the site's authors wrote it. */
  staff?: string | undefined;
  affiliation?: string | undefined;
  url?: string | undefined;
  /** Id of the comment this one answers. */
  replyTo?: string | undefined;
  /** Markdown. */
  body: string;
}

/**
 * The id (file name) for a comment: `<yyyy-mm-dd>t<hhmm>-<name>` with the date and time in the
 * site's time zone, e.g. 2010-07-14t1802-erik-walczak, the pattern of the existing comments.
 * A name with no Latin letters or digits gives "comment".
 */
export function commentIdBase(date: Date, name: string, timeZone: string): string {
  const z = zonedParts(date, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const who = slugify(name).slice(0, 40).replace(/-+$/, '') || 'comment';
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}t${pad(z.hour)}${pad(z.minute)}-${who}`;
}

/** `base`, or `base-2`, `base-3`… whichever is not in `taken`; adds the result to `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** The one URL rule lives in src/lib/urls.ts; re-exported for the importers. */
export { isHttpUrl } from '../urls.ts';

/**
 * The text of a comment file, checked against the build's comment schema first, so a tool can
 * never write a comment the build would reject. Throws with the field and the reason otherwise.
 */
export function commentFileText(c: CommentDraft, timeZone: string): string {
  const data = {
    author: c.author.trim(),
    staff: c.staff,
    affiliation: c.affiliation?.trim() || undefined,
    url: c.url,
    replyTo: c.replyTo,
    date: isoInZone(c.date, timeZone),
  };
  const result = commentSchema(timeZone).safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
  if (!result.success)
    throw new Error(`comment by ${JSON.stringify(c.author)} is invalid:\n${formatIssues(result.error.issues).join('\n')}`);
  if (!c.body.trim()) throw new Error(`comment by ${JSON.stringify(c.author)} has no text`);
  return stringifyMarkdownFile(data, normaliseNewlines(c.body));
}

/** CRLF and CR (form posts, Windows editors) become LF; trailing spaces at line ends stay (hard breaks). */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
