import path from 'node:path';
import { z } from 'astro/zod';
import { HONEYPOT_FIELD } from '../comment-form.ts';
import { count, LIMITS } from '../content/limits.ts';
import { parseMarkdownFile, parseYamlData } from '../content/parse.ts';
import { inYearRange, parseContentDate } from '../dates.ts';
import { formatIssues } from '../problems.ts';
import { SLUG_PATTERN } from '../slug.ts';
import { ToolError } from '../tools/cli.ts';
import { isHttpUrl } from '../tools/comment-file.ts';
import { emptyResult, type ImportResult, type SourceComment, threadComments } from './report.ts';

/**
 * Staticman comment files (one YAML or JSON file per comment, one folder per post, as in
 * Jekyll's `_data/comments/<post-slug>/`) to comment files, keeping the threads.
 *
 * How the common Jekyll setups store a thread (Minimal Mistakes and the sites built on it):
 * `_parent` is Staticman's `options[parent]`, the page URL of the post, never a comment;
 * `replying_to` is a 1-based number counting the post's top-level entries (files sorted by name)
 * or, on other templates, counting all of them; `replying_to_uid` (where present) is the
 * parent's `_id`. The numbering is read off the data (see inferReplyIndex).
 */

/** How numeric `replying_to` values count: every entry of the post, or top-level entries only. */
export type ReplyIndex = 'all' | 'top-level';

/** The article map file: Staticman folder (post id) → article slug. */
export const articleMapSchema = z.record(
  z.string().min(1),
  z.string().regex(SLUG_PATTERN, 'must be an article slug (a file name in content/articles/ without .md)'),
);

const scalar = z.union([z.string(), z.number()]);
/** One Staticman entry, as Staticman writes it (plus fields sites commonly add). Empty fields were removed first. */
const entrySchema = z.looseObject({
  _id: scalar.optional(),
  /** options[parent]: the page in the common setups, a comment id in a few. */
  _parent: scalar.optional(),
  name: scalar.optional(),
  /** md5 of the address in Staticman's default config; never written. */
  email: z.unknown().optional(),
  url: scalar.optional(),
  message: scalar.optional(),
  date: scalar.optional(),
  replying_to: scalar.optional(),
  replying_to_uid: scalar.optional(),
  affiliation: scalar.optional(),
  [HONEYPOT_FIELD]: scalar.optional(),
  /** The honeypot of the Minimal Mistakes form (fields[hidden]): people leave it blank. */
  hidden: scalar.optional(),
});

/** A file read from the Staticman folder. */
export interface StaticmanFile {
  /** Folder name: Staticman's post id. */
  post: string;
  /** File name, e.g. comment-1493803314832.yml. */
  name: string;
  source: string;
  /** Set instead of `source` when the file is larger than MAX_ENTRY_BYTES (it is not read). */
  bytes?: number | undefined;
}

/** Bytes of one entry file: a comment file of the site itself may be 64 KiB, its entry a little more. */
export const MAX_ENTRY_BYTES = LIMITS.fileBytes.comment * 2;

/** Settings for one import. */
export interface StaticmanOptions {
  timeZone: string;
  /** Post id → article slug. */
  articleMap: Readonly<Record<string, string>>;
  /** Slugs of the site's articles: mapped targets must exist; an unmapped folder named like one is used as is. */
  articles: ReadonlySet<string>;
  /**
   * Site path (and old paths, from aliases) → article slug: a folder missing from the map is
   * matched by its entries' `_parent`, the page URL the comments were posted on.
   */
  articlePaths?: ReadonlyMap<string, string>;
  /** Overrides the numbering read off the data (--reply-index). */
  replyIndex?: ReplyIndex | undefined;
  /** Commenter name → author id, for the site's authors' own replies. */
  staffNames?: ReadonlyMap<string, string>;
}

interface Entry {
  post: string;
  /** Position among the post's files sorted by name (0-based). */
  position: number;
  key: string;
  file: string;
  data: z.output<typeof entrySchema>;
  date?: Date | undefined;
  /** Why it is not imported. */
  skipped?: string | undefined;
  /** The parent named by _id (replying_to_uid, replying_to or _parent). */
  idRef?: string | undefined;
  /** A numeric replying_to, resolved once the numbering is known. */
  numberRef?: number | undefined;
  /** A reference that names nothing in the post. */
  danglingRef?: string | undefined;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** Reads one entry file by its extension; throws on a file it cannot read. */
function readEntry(f: StaticmanFile): unknown {
  if (f.bytes !== undefined || f.source.length > MAX_ENTRY_BYTES) {
    throw new Error(`is ${count(f.bytes ?? f.source.length)} bytes; an entry may have ${count(MAX_ENTRY_BYTES)}`);
  }
  const ext = path.extname(f.name).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return parseYamlData(f.source);
  if (ext === '.json') return JSON.parse(f.source);
  if (ext === '.md' || ext === '.markdown') {
    // Staticman's "frontmatter" format: the fields as front matter, the message (when not a field) as the body.
    const { data, body } = parseMarkdownFile(f.source);
    return body.trim() && data.message === undefined ? { ...data, message: body } : data;
  }
  throw new UnknownFormat();
}
class UnknownFormat extends Error {}

/** The site path a `_parent` page URL names: "https://x.com/2010/07/14/a/" → "/2010/07/14/a/". */
export function parentPath(value: string): string | undefined {
  let p: string;
  try {
    p = new URL(value, 'https://site.invalid').pathname;
  } catch {
    return undefined;
  }
  try {
    p = decodeURI(p);
  } catch {
    // keep it encoded
  }
  p = p.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '/');
  return p.endsWith('/') ? p : `${p}/`;
}

/** The one article that every `_parent` of a folder's entries points at, if there is one. */
function articleByParent(
  postFiles: readonly StaticmanFile[],
  paths: ReadonlyMap<string, string>,
): { slug: string; path: string } | undefined {
  const found = new Map<string, string>();
  for (const f of postFiles) {
    let raw: unknown;
    try {
      raw = readEntry(f);
    } catch {
      continue;
    }
    const parent = raw && typeof raw === 'object' ? str((raw as Record<string, unknown>)._parent) : '';
    const p = parent ? parentPath(parent) : undefined;
    if (!p) continue;
    const slug = paths.get(p);
    if (!slug) return undefined;
    found.set(slug, p);
  }
  if (found.size !== 1) return undefined;
  const [slug, p] = [...found][0] as [string, string];
  return { slug, path: p };
}

/** An entry without its empty fields: `url:` with nothing (YAML null) or "" means "not given". */
function dropEmpty(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined && !(typeof v === 'string' && !v.trim())));
}

type DateRead = { date: Date } | { problem: 'no readable date' | 'date out of range' };

/** Unix seconds or milliseconds, or ISO 8601 read in the site's zone; the file name's stamp when absent. */
export function readEntryDate(value: unknown, file: string, timeZone: string): DateRead {
  const v = str(value);
  let date: Date | undefined;
  if (/^\d{9,13}$/.test(v)) date = new Date(Number(v) * (v.length > 11 ? 1 : 1000));
  else if (v) {
    const year = /^\s*([+-]?\d+)-/.exec(v)?.[1];
    if (year !== undefined && !inYearRange(Number(year))) return { problem: 'date out of range' };
    date = parseContentDate(v, timeZone);
    if (!date && /^\d{4}-\d{2}-\d{2}/.test(v)) {
      // Staticman's own formats beyond ISO 8601 proper, e.g. "2017-01-02 15:24:33 +0000".
      const loose = new Date(v.replace(/ ([+-]\d{2})(\d{2})$/, '$1:$2').replace(/^(\S+) /, '$1T'));
      date = Number.isNaN(loose.getTime()) ? undefined : loose;
    }
  } else {
    const stamp = /(\d{13})/.exec(file)?.[1];
    if (stamp) date = new Date(Number(stamp));
  }
  if (!date || Number.isNaN(date.getTime())) return { problem: /^[+-]?\d+$/.test(v) ? 'date out of range' : 'no readable date' };
  return inYearRange(date.getUTCFullYear()) ? { date } : { problem: 'date out of range' };
}

/** What one numbering makes of the numeric replies: how many name no earlier entry, how many name a reply, the parents. */
interface Reading {
  bad: number;
  nested: number;
  parents: Map<Entry, Entry | undefined>;
}

const isReply = (e: Entry) => e.idRef !== undefined || e.numberRef !== undefined || e.danglingRef !== undefined;

function readNumbers(posts: readonly Entry[][], scheme: ReplyIndex): Reading {
  const parents = new Map<Entry, Entry | undefined>();
  let bad = 0;
  let nested = 0;
  for (const all of posts) {
    const counted = scheme === 'top-level' ? all.filter((e) => !isReply(e)) : all;
    for (const e of all) {
      if (e.numberRef === undefined) continue;
      const target = counted[e.numberRef - 1];
      // A reply comes after what it answers: Staticman names files by the time they were posted.
      const fits = target !== undefined && target.position < e.position;
      if (!fits) bad++;
      else if (isReply(target)) nested++;
      parents.set(e, fits ? target : undefined);
    }
  }
  return { bad, nested, parents };
}

/**
 * Picks the numbering of numeric `replying_to` values that fits the data. A numbering fits when
 * every such reply names an entry of its post posted before it. Numbers that fit top-level
 * entries always also "fit" when read as counting all entries (they are small enough), but then
 * land on replies; so when both fit and give different threads, replies answering replies under
 * "all" (which the top-level numbering never gives) decide for "top-level". Throws a ToolError
 * when the data fits neither, or both without a tell, so a person decides with --reply-index.
 */
function inferReplyIndex(
  posts: readonly Entry[][],
  override: ReplyIndex | undefined,
  readings: Readonly<Record<ReplyIndex, Reading>>,
): { scheme: ReplyIndex; why: string } {
  const total = posts.reduce((n, all) => n + all.filter((e) => e.numberRef !== undefined).length, 0);
  const { all, 'top-level': top } = readings;
  const fitText = (r: Reading, what: string) =>
    r.bad === 0 ? `every one names an earlier ${what}` : `${r.bad} ${r.bad === 1 ? 'names' : 'name'} no earlier ${what}`;
  const facts =
    `counting top-level entries, ${fitText(top, 'top-level entry')}; counting all entries, ${fitText(all, 'entry')}` +
    (all.bad === 0 && all.nested ? ` but ${all.nested} would answer ${all.nested === 1 ? 'a reply' : 'replies'}` : '');
  if (override) return { scheme: override, why: `set by --reply-index; of ${total} numeric replying_to, ${facts}` };
  if (total === 0) return { scheme: 'top-level', why: 'no entry has a numeric replying_to' };
  const differ = [...top.parents].filter(([e, p]) => all.parents.get(e) !== p).length;
  if (top.bad === 0 && all.bad === 0) {
    if (differ === 0) return { scheme: 'top-level', why: `both numberings give the same threads for all ${total} numeric replying_to` };
    if (all.nested > 0) return { scheme: 'top-level', why: `of ${total} numeric replying_to, ${facts}` };
    throw new ToolError(
      `the ${total} numeric replying_to values fit both numberings, which give ${differ} replies different parents. ` +
        'Look at one such thread on the old site and re-run with --reply-index top-level (the Minimal Mistakes template) or --reply-index all.',
    );
  }
  if (top.bad === 0) return { scheme: 'top-level', why: `of ${total} numeric replying_to, ${facts}` };
  if (all.bad === 0) return { scheme: 'all', why: `of ${total} numeric replying_to, ${facts}` };
  throw new ToolError(
    `the numeric replying_to values fit neither numbering: of ${total}, ${facts}. ` +
      'Check that every comment file of each post is in the folder (a deleted file shifts the numbers), or re-run with ' +
      '--reply-index top-level or --reply-index all; replies that then name no earlier entry are re-threaded and listed.',
  );
}

/** Plans comment files for every Staticman entry; lists everything not imported with the reason. */
export function importStaticman(files: readonly StaticmanFile[], opts: StaticmanOptions): ImportResult {
  const result = emptyResult();
  const byPost = new Map<string, StaticmanFile[]>();
  for (const f of files) {
    const list = byPost.get(f.post);
    if (list) list.push(f);
    else byPost.set(f.post, [f]);
  }
  const unknownFields = new Map<string, number>();
  let pageParents = 0;
  const sameName: string[] = [];

  const posts: { slug: string; entries: Entry[]; skippedKeys: Map<string, string> }[] = [];
  for (const [post, postFiles] of [...byPost].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const skipAll = (reason: string) => {
      for (const f of postFiles) result.skipped.push({ kind: 'comment', label: `${post}/${f.name}`, reason });
    };
    const mapped = opts.articleMap[post];
    let slug = mapped ?? (opts.articles.has(post) ? post : undefined);
    if (!slug && opts.articlePaths) {
      const byParent = articleByParent(postFiles, opts.articlePaths);
      if (byParent) {
        slug = byParent.slug;
        result.notes.push(`folder "${post}" is not in the article map; its entries' _parent (${byParent.path}) is the article "${slug}"`);
      }
    }
    if (!slug) {
      skipAll(`folder "${post}" is not in the article map`);
      continue;
    }
    if (!opts.articles.has(slug)) {
      skipAll(`the article map sends "${post}" to "${slug}", which is not an article`);
      continue;
    }
    if (!mapped && slug === post) sameName.push(post);

    // Every file keeps its place (Jekyll numbers a post's data files in name order), even when skipped.
    const entries: Entry[] = [];
    const skippedKeys = new Map<string, string>();
    const sorted = [...postFiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const [position, f] of sorted.entries()) {
      const entry: Entry = { post, position, key: f.name.replace(/\.[^.]+$/, ''), file: f.name, data: {} };
      entries.push(entry);
      const skip = (reason: string, detail?: string, deliberate?: boolean) => {
        entry.skipped = reason;
        skippedKeys.set(entry.key, reason);
        result.skipped.push({ kind: 'comment', label: `${post}/${f.name}`, reason, detail, deliberate });
      };
      let raw: unknown;
      try {
        raw = readEntry(f);
      } catch (err) {
        if (err instanceof UnknownFormat) skip('not a .yml, .yaml, .json or .md file');
        else skip('unreadable', (err as Error).message);
        continue;
      }
      const parsed = entrySchema.safeParse(dropEmpty(raw));
      if (!parsed.success) {
        skip('not a Staticman entry', formatIssues(parsed.error.issues).join(';').trim());
        continue;
      }
      const data = parsed.data;
      entry.data = data;
      entry.key = str(data._id) || entry.key;
      for (const k of Object.keys(data)) if (!Object.hasOwn(entrySchema.shape, k)) unknownFields.set(k, (unknownFields.get(k) ?? 0) + 1);
      if (str(data[HONEYPOT_FIELD]) || str(data.hidden)) {
        skip('honeypot field filled in (a bot)', undefined, true);
        continue;
      }
      if (!str(data.message)) {
        skip('empty message', undefined, true);
        continue;
      }
      const read = readEntryDate(data.date, f.name, opts.timeZone);
      if ('date' in read) entry.date = read.date;
      else skip(read.problem, JSON.stringify(str(data.date).slice(0, 40)));
    }

    // What each entry answers: an _id, a number (numbering decided below), or nothing.
    const keys = new Set(entries.map((e) => e.key));
    for (const e of entries) {
      const uid = str(e.data.replying_to_uid);
      const to = str(e.data.replying_to);
      const parent = str(e.data._parent);
      if (uid) {
        if (keys.has(uid) && uid !== e.key) e.idRef = uid;
        else e.danglingRef = uid;
      } else if (to && to !== '0') {
        if (keys.has(to) && to !== e.key) e.idRef = to;
        else if (/^\d+$/.test(to) && Number(to) > 0) e.numberRef = Number(to);
        else e.danglingRef = to;
      } else if (parent && keys.has(parent) && parent !== e.key) e.idRef = parent;
      if (parent && !keys.has(parent)) pageParents++;
    }
    posts.push({ slug, entries, skippedKeys });
  }

  if (sameName.length) {
    const shown = sameName
      .slice(0, 10)
      .map((p) => `"${p}"`)
      .join(', ');
    result.notes.push(
      `${sameName.length === 1 ? `folder ${shown} is` : `${sameName.length} folders (${shown}${sameName.length > 10 ? ', …' : ''}) are`} not in the article map; imported into the article${sameName.length === 1 ? '' : 's'} of the same name`,
    );
  }
  // Both numberings are read once: inferReplyIndex weighs them, and the chosen one threads the replies.
  const postEntries = posts.map((p) => p.entries);
  const readings = { all: readNumbers(postEntries, 'all'), 'top-level': readNumbers(postEntries, 'top-level') };
  const { scheme, why } = inferReplyIndex(postEntries, opts.replyIndex, readings);
  const numbered = readings[scheme];
  if (posts.some((p) => p.entries.some((e) => e.numberRef !== undefined)) || opts.replyIndex)
    result.decisions.push(`Reply numbering: ${scheme} (${why})`);
  if (pageParents)
    result.decisions.push(
      `_parent: in ${pageParents} ${pageParents === 1 ? 'entry' : 'entries'} it names no entry (it is Staticman's options[parent], the post's URL on these sites), so it is not read as a reply link`,
    );

  for (const { slug, entries, skippedKeys } of posts) {
    const parents = new Map<string, string | undefined>();
    for (const e of entries) {
      let parent = e.idRef ?? e.danglingRef;
      if (e.numberRef !== undefined) parent = numbered.parents.get(e)?.key ?? `replying_to ${e.numberRef}`;
      parents.set(e.key, parent);
    }
    const comments: SourceComment[] = [];
    for (const e of entries) {
      if (e.skipped || !e.date) continue;
      const name = str(e.data.name) || 'Anonymous';
      const label = `${e.post}/${e.file} by ${name}`;
      if (!str(e.data.name)) result.notes.push(`${e.post}/${e.file}: no name; imported as "Anonymous"`);
      const rawUrl = str(e.data.url);
      const url = rawUrl && isHttpUrl(rawUrl) ? rawUrl : undefined;
      if (rawUrl && !url) result.notes.push(`${e.post}/${e.file}: web site ${JSON.stringify(rawUrl)} dropped (not an http(s) URL)`);
      const staff = opts.staffNames?.get(name);
      if (staff) result.staff.push({ label, author: staff, rule: `--staff "${name}=${staff}": the name the commenter typed` });
      comments.push({
        key: e.key,
        parentKey: parents.get(e.key),
        label,
        comment: {
          author: name,
          date: e.date,
          affiliation: str(e.data.affiliation) || undefined,
          url,
          staff,
          body: String(e.data.message).replace(/\r\n?/g, '\n'),
        },
      });
    }
    threadComments(slug, comments, parents, skippedKeys, opts.timeZone, result);
  }
  for (const [k, n] of unknownFields)
    result.notes.push(`field "${k}" (in ${n} file(s)) has no place in the comment model and was not imported`);
  return result;
}
