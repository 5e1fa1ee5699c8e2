import path from 'node:path';
import { z } from 'astro/zod';
import { parseYamlData } from '../content/parse.ts';
import { parseContentDate } from '../dates.ts';
import { formatIssues } from '../problems.ts';
import { SLUG_PATTERN } from '../slug.ts';
import { isHttpUrl } from '../tools/comment-file.ts';
import { HONEYPOT_FIELD } from '../tools/submission.ts';
import { emptyResult, type ImportResult, type SourceComment, threadComments } from './report.ts';

/**
 * Staticman comment files (one YAML or JSON file per comment, one folder per post, as in
 * Jekyll's `_data/comments/<post-slug>/`) to comment files, keeping the threads.
 */

/** How numeric `replying_to` values count. */
export type ReplyIndex = 'all' | 'top-level';

/** The article map file: Staticman folder (post id) → article slug. */
export const articleMapSchema = z.record(
  z.string().min(1),
  z.string().regex(SLUG_PATTERN, 'must be an article slug (a file name in content/articles/ without .md)'),
);

/** One Staticman entry, as Staticman writes it (plus fields sites commonly add). */
const entrySchema = z.looseObject({
  _id: z.union([z.string(), z.number()]).optional(),
  _parent: z.union([z.string(), z.number()]).optional(),
  name: z.union([z.string(), z.number()]).optional(),
  /** md5 of the address in Staticman's default config; never written. */
  email: z.string().optional(),
  url: z.string().optional(),
  message: z.union([z.string(), z.number()]).optional(),
  date: z.union([z.string(), z.number()]).optional(),
  replying_to: z.union([z.string(), z.number()]).nullable().optional(),
  replying_to_uid: z.union([z.string(), z.number()]).nullable().optional(),
  affiliation: z.string().optional(),
  [HONEYPOT_FIELD]: z.union([z.string(), z.number()]).nullable().optional(),
});

/** A file read from the Staticman folder. */
export interface StaticmanFile {
  /** Folder name: Staticman's post id. */
  post: string;
  /** File name, e.g. comment-1493803314832.yml. */
  name: string;
  source: string;
}

/** Settings for one import. */
export interface StaticmanOptions {
  timeZone: string;
  /** Post id → article slug. */
  articleMap: Readonly<Record<string, string>>;
  /** Slugs of the site's articles: mapped targets must exist; an unmapped folder named like one is used as is. */
  articles: ReadonlySet<string>;
  /** What a numeric replying_to counts: every comment of the post sorted by file name (the Jekyll pattern), or top-level ones. */
  replyIndex?: ReplyIndex;
  /** Commenter name → author id, for the site's authors' own replies. */
  staffNames?: ReadonlyMap<string, string>;
}

interface Entry {
  key: string;
  file: string;
  data: z.output<typeof entrySchema>;
  date?: Date | undefined;
  /** Why it is not imported. */
  skipped?: string;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** Unix seconds or milliseconds, or ISO 8601 read in the site's zone. */
function entryDate(value: unknown, file: string, timeZone: string): Date | undefined {
  const v = str(value);
  if (/^\d{9,13}$/.test(v)) return new Date(Number(v) * (v.length > 11 ? 1 : 1000));
  if (v) return parseContentDate(v, timeZone) ?? (Number.isNaN(Date.parse(v)) ? undefined : new Date(v));
  const stamp = /(\d{13})/.exec(file)?.[1];
  return stamp ? new Date(Number(stamp)) : undefined;
}

/** Plans comment files for every Staticman entry; lists everything not imported with the reason. */
export function importStaticman(files: readonly StaticmanFile[], opts: StaticmanOptions): ImportResult {
  const result = emptyResult();
  const byPost = new Map<string, StaticmanFile[]>();
  for (const f of files) byPost.set(f.post, [...(byPost.get(f.post) ?? []), f]);
  const unknownFields = new Map<string, number>();

  for (const [post, postFiles] of [...byPost].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const skipAll = (reason: string) => {
      for (const f of postFiles) result.skipped.push({ kind: 'comment', label: `${post}/${f.name}`, reason });
    };
    const mapped = opts.articleMap[post];
    const slug = mapped ?? (opts.articles.has(post) ? post : undefined);
    if (!slug) {
      skipAll(`folder "${post}" is not in the article map`);
      continue;
    }
    if (!opts.articles.has(slug)) {
      skipAll(`the article map sends "${post}" to "${slug}", which is not an article`);
      continue;
    }
    if (!mapped) result.notes.push(`folder "${post}" is not in the article map; imported into the article of the same name`);

    // Every file keeps its place (Jekyll numbers all of a post's data files), even when skipped.
    const all: Entry[] = [];
    const skippedKeys = new Map<string, string>();
    for (const f of [...postFiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const entry: Entry = { key: f.name.replace(/\.[^.]+$/, ''), file: f.name, data: {} };
      all.push(entry);
      const skip = (reason: string) => {
        entry.skipped = reason;
        skippedKeys.set(entry.key, reason);
        result.skipped.push({ kind: 'comment', label: `${post}/${f.name}`, reason });
      };
      const ext = path.extname(f.name).toLowerCase();
      let raw: unknown;
      try {
        if (ext === '.yml' || ext === '.yaml') raw = parseYamlData(f.source);
        else if (ext === '.json') raw = JSON.parse(f.source);
        else {
          skip('not a .yml, .yaml or .json file');
          continue;
        }
      } catch (err) {
        skip(`unreadable: ${(err as Error).message}`);
        continue;
      }
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        skip(`not a Staticman entry:${formatIssues(parsed.error.issues).join(';')}`);
        continue;
      }
      const data = parsed.data;
      entry.data = data;
      entry.key = str(data._id) || entry.key;
      for (const k of Object.keys(data)) if (!(k in entrySchema.shape)) unknownFields.set(k, (unknownFields.get(k) ?? 0) + 1);
      if (str(data[HONEYPOT_FIELD])) {
        skip('honeypot field filled in (a bot)');
        continue;
      }
      if (!str(data.message)) {
        skip('empty message');
        continue;
      }
      entry.date = entryDate(data.date, f.name, opts.timeZone);
      if (!entry.date) skip(`no readable date (${JSON.stringify(data.date ?? null)})`);
    }

    // Resolve replying_to: another entry's _id, or a 1-based position (see ReplyIndex).
    const keys = new Set(all.map((e) => e.key));
    const ref = (e: Entry) => str(e.data.replying_to_uid) || str(e.data._parent) || str(e.data.replying_to);
    const positions = opts.replyIndex === 'top-level' ? all.filter((e) => !ref(e)) : all;
    const parents = new Map<string, string | undefined>();
    for (const e of all) {
      const r = ref(e);
      let parent: string | undefined;
      if (r && keys.has(r)) parent = r;
      else if (/^\d+$/.test(r) && Number(r) > 0) {
        const target = positions[Number(r) - 1];
        parent = target?.key ?? `#${r}`;
        if (target && ref(target) && !e.skipped) {
          result.notes.push(
            `${post}/${e.file}: replying_to ${r} points at a reply; if threads look wrong, re-run with --reply-index top-level`,
          );
        }
      } else if (r) parent = r;
      parents.set(e.key, parent);
    }
    const entries = all.filter((e): e is Entry & { date: Date } => !e.skipped && e.date !== undefined);

    const comments: SourceComment[] = entries.map((e) => {
      const name = str(e.data.name) || 'Anonymous';
      if (!str(e.data.name)) result.notes.push(`${post}/${e.file}: no name; imported as "Anonymous"`);
      const rawUrl = str(e.data.url);
      const url = rawUrl && isHttpUrl(rawUrl) ? rawUrl : undefined;
      if (rawUrl && !url) result.notes.push(`${post}/${e.file}: web site ${JSON.stringify(rawUrl)} dropped (not an http(s) URL)`);
      return {
        key: e.key,
        parentKey: parents.get(e.key),
        label: `${post}/${e.file} by ${name}`,
        comment: {
          author: name,
          date: e.date,
          affiliation: str(e.data.affiliation) || undefined,
          url,
          staff: opts.staffNames?.get(name),
          body: String(e.data.message).replace(/\r\n?/g, '\n'),
        },
      };
    });
    result.files.push(...threadComments(slug, comments, parents, skippedKeys, opts.timeZone, result.notes));
    result.counts.comments += comments.length;
  }
  for (const [k, n] of unknownFields)
    result.notes.push(`field "${k}" (in ${n} file(s)) has no place in the comment model and was not imported`);
  return result;
}
