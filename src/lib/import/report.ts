import { type CommentDraft, commentFileText, commentIdBase, uniqueName } from '../tools/comment-file.ts';
import type { PlannedFile, WriteReport } from '../tools/write.ts';

/** Something in the source that was not imported, and why. */
export interface Skipped {
  kind: 'post' | 'page' | 'comment' | 'item' | 'author';
  /** Which one, in the source's terms: `comment 17 on "Hello" by Bob`. */
  label: string;
  /** Short reason, also the key the summary counts by: "pingback", "unapproved". */
  reason: string;
}

/** What an importer produced; nothing is written yet. */
export interface ImportResult {
  files: PlannedFile[];
  counts: { posts: number; drafts: number; pages: number; authors: number; comments: number };
  skipped: Skipped[];
  /** Things imported differently from the source (re-threaded replies, dropped URLs, shortcodes). */
  notes: string[];
}

/** An empty result to fill in. */
export function emptyResult(): ImportResult {
  return { files: [], counts: { posts: 0, drafts: 0, pages: 0, authors: 0, comments: 0 }, skipped: [], notes: [] };
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
 * Gives one article's imported comments their ids and replyTo links. Ids follow the build's
 * pattern and depend only on the comments themselves (sorted by date, then source id), so a
 * re-run produces the same files. A reply whose parent was not imported answers the nearest
 * imported ancestor instead (or starts a thread), and says so in `notes`.
 * `skippedKeys` maps source ids that were not imported to their reason.
 */
export function threadComments(
  article: string,
  comments: readonly SourceComment[],
  allParents: ReadonlyMap<string, string | undefined>,
  skippedKeys: ReadonlyMap<string, string>,
  timeZone: string,
  notes: string[],
): PlannedFile[] {
  const sorted = [...comments].sort((a, b) => a.comment.date.getTime() - b.comment.date.getTime() || compareKeys(a.key, b.key));
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of sorted) ids.set(c.key, uniqueName(commentIdBase(c.comment.date, c.comment.author, timeZone), taken));

  const files: PlannedFile[] = [];
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
      notes.push(
        `${article}: ${c.label} answered ${detour.join(', which answered ')}; ` +
          `${replyTo ? `it now answers ${replyTo}` : 'it now starts a thread'}`,
      );
    }
    const id = ids.get(c.key) as string;
    files.push({ path: `comments/${article}/${id}.md`, text: commentFileText({ ...c.comment, replyTo }, timeZone) });
  }
  return files;
}

/** Numeric ids in numeric order, others as text. */
function compareKeys(a: string, b: string): number {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of skipped things of one kind by reason: "pingback 1, unapproved 2". */
function reasons(skipped: readonly Skipped[], kind: Skipped['kind']): string {
  const counts = new Map<string, number>();
  for (const s of skipped) if (s.kind === kind) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${r} ${n}`).join(', ');
}

/** The summary every import prints: counts, then every skipped item and note, then the files. */
export function formatImportSummary(result: ImportResult, written: WriteReport): string {
  const n = (kind: Skipped['kind']) => result.skipped.filter((s) => s.kind === kind).length;
  const skippedText = (kind: Skipped['kind']) => (n(kind) ? `; ${n(kind)} skipped (${reasons(result.skipped, kind)})` : '');
  const c = result.counts;
  // A comments-only import (Staticman) has no posts, pages or authors to talk about.
  const any = (kind: Skipped['kind'], count: number) => count > 0 || n(kind) > 0 || c.posts + c.pages + c.authors > 0;
  const lines = [
    any('post', c.posts) && `  posts:    ${c.posts} imported${c.drafts ? ` (${c.drafts} as drafts)` : ''}${skippedText('post')}`,
    any('page', c.pages) && `  pages:    ${c.pages} imported${skippedText('page')}`,
    any('author', c.authors) && `  authors:  ${c.authors}${skippedText('author')}`,
    `  comments: ${c.comments} imported${skippedText('comment')}`,
  ].filter((l): l is string => typeof l === 'string');
  if (n('item')) lines.push(`  other:    ${n('item')} skipped (${reasons(result.skipped, 'item')})`);
  if (result.skipped.length) {
    lines.push('Not imported:');
    for (const s of result.skipped) lines.push(`  - ${s.kind} ${s.label}: ${s.reason}`);
  }
  if (result.notes.length) {
    lines.push('Notes:');
    for (const note of result.notes) lines.push(`  - ${note}`);
  }
  lines.push(
    `Files: ${written.created.length} created, ${written.unchanged.length} unchanged, ${written.overwritten.length} overwritten` +
      `${written.kept.length ? `, ${written.kept.length} existing kept (${written.kept.join(', ')})` : ''}`,
  );
  return lines.join('\n');
}
