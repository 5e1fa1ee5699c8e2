import path from 'node:path';
import type { LoadOptions } from '../content/load.ts';
import { Reader } from '../content/reader.ts';
import { type DigestEvent, digestSchema, MAX_INTRO, PICK_PATTERN } from './schema.ts';

/** A validated `content/newsletter/<yyyy-mm-dd>.md`. */
export interface DigestFile {
  /** The file name without .md: the first day of the week. */
  key: string;
  title?: string | undefined;
  summary?: string | undefined;
  /** `<article-slug>/<comment-id>` each, in the author's order. */
  picks?: string[] | undefined;
  events: DigestEvent[];
  /** Intro, Markdown (trusted: written by the site's authors). */
  intro: string;
  /** Path as shown in messages. */
  file: string;
}

const NAME = /^\d{4}-\d{2}-\d{2}\.md$/;

/**
 * Reads and validates every digest file in the content folder's newsletter/, through the content
 * loader's Reader: the same refusal of links, size bound, YAML-only front matter and Markdown
 * bounds as every other content file. Never throws for bad content: each problem joins the
 * reader's, as `file: field: what to do`, so `npm run check` and the build report them with the
 * rest. The rules that need the site's week and the build's clock (the file names a week's first
 * day, an event is still upcoming, a pick is published) are checked when the issues are built.
 * `comments` (`<article>/<id>` of every comment) checks picks; skipped when absent.
 */
export function loadDigestFiles(r: Reader, comments?: ReadonlySet<string>): DigestFile[] {
  const digests: DigestFile[] = [];
  const schema = digestSchema(r.opts.timeZone);
  const { files, dirs } = r.entries(r.dir('newsletter'));
  for (const d of dirs) r.problem(d, 'is a folder; content/newsletter/ holds only <yyyy-mm-dd>.md files');
  for (const full of files) {
    if (!NAME.test(path.basename(full))) {
      r.problem(full, 'is not named <yyyy-mm-dd>.md; name a digest file after the first day of its week, e.g. 2010-07-12.md');
      continue;
    }
    const f = r.read(full, 'newsletter', schema);
    if (!f) continue;
    const intro = f.body.trim();
    if (intro.length > MAX_INTRO) {
      r.problems.push({
        file: f.shown,
        message: `the intro (the text after the front matter) is ${intro.length} characters; shorten it to at most ${MAX_INTRO}`,
      });
      continue;
    }
    const d = f.data;
    const unknownPicks = (d.picks ?? []).flatMap((pick, i) => (!comments || comments.has(pick) ? [] : [{ pick, i }]));
    for (const { pick, i } of unknownPicks) {
      const [, article] = PICK_PATTERN.exec(pick) ?? [];
      r.problems.push({
        file: f.shown,
        field: `picks.${i}`,
        message: `"${pick}" names no comment; it must be <article-slug>/<comment-id> of a file content/comments/${article ?? '<article-slug>'}/<comment-id>.md`,
      });
    }
    if (unknownPicks.length) continue;
    digests.push({
      key: path.basename(full, '.md'),
      title: d.title,
      summary: d.summary,
      picks: d.picks,
      events: d.events,
      intro,
      file: f.shown,
    });
  }
  return digests;
}

/**
 * The digest files alone, for `astro dev`: a build takes them from the content loaders' one read
 * (loadCorpus), but dev keeps no such read. Files with problems are left out, as the dev loaders
 * leave out any invalid file (they print the problems).
 */
export function readDigestFiles(opts: LoadOptions): DigestFile[] {
  return loadDigestFiles(new Reader(opts));
}
