import type { SiteSettings } from '../config.ts';
import { commentBodyProblem } from '../content/comment-body.ts';
import { type CommentDraft, commentFileText, commentIdBase, uniqueName } from '../tools/comment-file.ts';
import type { PlannedFile, WriteReport } from '../tools/write.ts';

/** Something in the source that was not imported, and why. */
export interface Skipped {
  kind: 'post' | 'page' | 'comment' | 'item' | 'author';
  /** Which one, in the source's terms: `comment 17 on "Hello" by Bob`. */
  label: string;
  /** Short reason, also the key the summary counts by: "pingback", "unapproved". */
  reason: string;
  /** The particulars (the unreadable value, the parser's message); listed, not counted by. */
  detail?: string | undefined;
  /**
   * Left out on purpose by a documented rule (spam, unapproved, pingbacks, honeypot entries,
   * comments on pages), as opposed to lost: something the import could not carry over.
   */
  deliberate?: boolean | undefined;
}

/** A comment shown with the Author badge, and the rule that gave it. */
export interface StaffMatch {
  /** Which comment, in the source's terms. */
  label: string;
  /** Author id the badge names. */
  author: string;
  /** Why: "WordPress user id 2", or "name typed by the commenter". */
  rule: string;
}

/** What an importer produced; nothing is written yet. */
export interface ImportResult {
  files: PlannedFile[];
  counts: {
    posts: number;
    drafts: number;
    pages: number;
    authors: number;
    comments: number;
    /** Imported replies that answer the comment they answered in the source. */
    replies: number;
    /** Imported replies whose parent was not imported: they now answer an ancestor or start a thread. */
    rethreaded: number;
  };
  skipped: Skipped[];
  /** Things imported differently from the source (re-threaded replies, dropped URLs, shortcodes). */
  notes: string[];
  /** How the import read the source where it had to choose (Staticman's reply numbering), and why. */
  decisions: string[];
  /** Every comment given the Author badge. */
  staff: StaffMatch[];
  /** Site settings read from the source (title, URL, language, default author), for <content>/site.yml. */
  settings?: SiteSettings | undefined;
}

/** An empty result to fill in. */
export function emptyResult(): ImportResult {
  return {
    files: [],
    counts: { posts: 0, drafts: 0, pages: 0, authors: 0, comments: 0, replies: 0, rethreaded: 0 },
    skipped: [],
    notes: [],
    decisions: [],
    staff: [],
  };
}

/** A source comment on its way to a comment file. */
export interface SourceComment {
  /** The source's id (WordPress comment_id, Staticman _id). */
  key: string;
  /** The source id of the comment it answers, if any. */
  parentKey?: string | undefined;
  /** How to name it in notes: `comment 17 by Bob`. */
  label: string;
  comment: Omit<CommentDraft, 'replyTo'>;
}

/**
 * Gives one article's imported comments their ids and replyTo links, and adds them to `result`.
 * Ids follow the build's pattern and depend only on the comments themselves (sorted by date,
 * then source id), so a re-run produces the same files. A comment whose body the build would
 * refuse (see commentBodyProblem) is skipped with the reason. A reply whose parent was not
 * imported answers the nearest imported ancestor instead (or starts a thread): it is counted as
 * re-threaded and named in `notes`. `skippedKeys` maps source ids that were not imported to
 * their reason.
 */
export function threadComments(
  article: string,
  input: readonly SourceComment[],
  allParents: ReadonlyMap<string, string | undefined>,
  skippedKeys: Map<string, string>,
  timeZone: string,
  result: ImportResult,
): void {
  const comments: SourceComment[] = [];
  for (const c of input) {
    const problem = commentBodyProblem(c.comment.body);
    if (problem) {
      skippedKeys.set(c.key, 'text the site cannot show');
      result.skipped.push({ kind: 'comment', label: c.label, reason: 'text the site cannot show', detail: problem });
    } else comments.push(c);
  }
  const sorted = comments.sort((a, b) => a.comment.date.getTime() - b.comment.date.getTime() || compareKeys(a.key, b.key));
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of sorted) ids.set(c.key, uniqueName(commentIdBase(c.comment.date, c.comment.author, timeZone), taken));

  for (const c of sorted) {
    let replyTo: string | undefined;
    let parent = c.parentKey;
    const seen = new Set<string>([c.key]);
    const detour: string[] = [];
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent);
      const id = ids.get(parent);
      if (id) {
        replyTo = id;
        break;
      }
      detour.push(`${parent} (${skippedKeys.get(parent) ?? 'not in the source'})`);
      parent = allParents.get(parent);
    }
    if (detour.length) {
      result.counts.rethreaded++;
      result.notes.push(
        `${article}: ${c.label} answered ${detour.join(', which answered ')}; ` +
          `${replyTo ? `it now answers ${replyTo}` : 'it now starts a thread'}`,
      );
    } else if (replyTo) result.counts.replies++;
    const id = ids.get(c.key) as string;
    result.files.push({ path: `comments/${article}/${id}.md`, text: commentFileText({ ...c.comment, replyTo }, timeZone) });
    result.counts.comments++;
  }
}

/** Numeric ids in numeric order, others as text. */
function compareKeys(a: string, b: string): number {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of skipped things by reason: "pingback 1, unapproved 2". */
function reasons(skipped: readonly Skipped[]): string {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${r} ${n}`).join(', ');
}

/** Comments that were lost (not left out on purpose). */
export function lostComments(result: ImportResult): Skipped[] {
  return result.skipped.filter((s) => s.kind === 'comment' && !s.deliberate);
}

/**
 * The last line of every import: comments imported, replies kept under their parent, re-threaded,
 * lost by reason and left out on purpose by reason. A person skimming the end of the output sees
 * at once whether threads survived.
 */
export function formatCommentTally(result: ImportResult): string {
  const c = result.counts;
  const lost = lostComments(result);
  const deliberate = result.skipped.filter((s) => s.kind === 'comment' && s.deliberate);
  return (
    `Comments: ${c.comments} imported (${c.replies} replies under their parent), ${c.rethreaded} re-threaded, ` +
    `${lost.length} lost${lost.length ? ` (${reasons(lost)})` : ''}, ` +
    `${deliberate.length} left out on purpose${deliberate.length ? ` (${reasons(deliberate)})` : ''}`
  );
}

/** The summary every import prints: counts, then every skipped item and note, then the files. */
export function formatImportSummary(result: ImportResult, written: WriteReport): string {
  const of = (kind: Skipped['kind']) => result.skipped.filter((s) => s.kind === kind);
  const skippedText = (kind: Skipped['kind']) => (of(kind).length ? `; ${of(kind).length} skipped (${reasons(of(kind))})` : '');
  const c = result.counts;
  // A comments-only import (Staticman) has no posts, pages or authors to talk about.
  const any = (kind: Skipped['kind'], count: number) => count > 0 || of(kind).length > 0 || c.posts + c.pages + c.authors > 0;
  const lines = [
    ...result.decisions,
    any('post', c.posts) && `  posts:    ${c.posts} imported${c.drafts ? ` (${c.drafts} as drafts)` : ''}${skippedText('post')}`,
    any('page', c.pages) && `  pages:    ${c.pages} imported${skippedText('page')}`,
    any('author', c.authors) && `  authors:  ${c.authors}${skippedText('author')}`,
    `  comments: ${c.comments} imported${skippedText('comment')}`,
  ].filter((l): l is string => typeof l === 'string');
  if (of('item').length) lines.push(`  other:    ${of('item').length} skipped (${reasons(of('item'))})`);
  if (result.skipped.length) {
    lines.push('Not imported:');
    for (const s of result.skipped) lines.push(`  - ${s.kind} ${s.label}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`);
  }
  if (result.notes.length) {
    lines.push('Notes:');
    for (const note of result.notes) lines.push(`  - ${note}`);
  }
  if (result.staff.length) {
    lines.push(`Author badges (${result.staff.length}); check each one:`);
    for (const s of result.staff) lines.push(`  - ${s.label} → ${s.author} (${s.rule})`);
  }
  lines.push(
    `Files: ${written.created.length} created, ${written.unchanged.length} unchanged, ${written.overwritten.length} overwritten` +
      `${written.kept.length ? `, ${written.kept.length} existing kept (${written.kept.join(', ')})` : ''}`,
  );
  return lines.join('\n');
}
