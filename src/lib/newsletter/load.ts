import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { count, LIMITS } from '../content/limits.ts';
import { parseMarkdownFile } from '../content/parse.ts';
import { issuesToProblems, type Problem } from '../problems.ts';
import { type DigestEvent, digestSchema, MAX_INTRO, PICK_PATTERN } from './schema.ts';

/** A validated `content/newsletter/<yyyy-mm-dd>.md`. */
export interface DigestFile {
  /** The file name without .md: the first day of the issue's week. */
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

export interface LoadDigestOptions {
  /** content/newsletter/ (absent is fine: no digest files). */
  dir: string;
  timeZone: string;
  /** Renders a path for messages (relative to the project). */
  show: (abs: string) => string;
  /** `<article>/<id>` of every comment, to check picks; skipped when absent. */
  comments?: ReadonlySet<string> | undefined;
}

const NAME = /^\d{4}-\d{2}-\d{2}\.md$/;

/** A file's text within the size bound for newsletter files, never read through a link. */
function readBounded(file: string): string | { problem: string } {
  const max = LIMITS.fileBytes.newsletter;
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const size = fstatSync(fd).size;
    if (size > max) return { problem: `is ${count(size)} bytes; newsletter files may be at most ${count(max)} bytes: shorten it` };
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and validates every digest file. Never throws for bad content: each problem is returned
 * as `file: field: what to do`, so `npm run check` and the build report them with the rest. The
 * rules that need the site's week and the build's clock (the file names a week's first day, an
 * event is still upcoming, a pick is published) are checked when the issues are built.
 */
export function loadDigestFiles(opts: LoadDigestOptions): { digests: DigestFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const digests: DigestFile[] = [];
  if (!existsSync(opts.dir)) return { digests, problems };
  if (lstatSync(opts.dir).isSymbolicLink()) {
    problems.push({
      file: opts.show(opts.dir),
      message: 'is a symbolic link; content folders must be real folders (replace the link with the folder)',
    });
    return { digests, problems };
  }
  const schema = digestSchema(opts.timeZone);
  const names = readdirSync(opts.dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
  for (const name of names) {
    const full = path.join(opts.dir, name);
    const shown = opts.show(full);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink() || !stat.isFile()) {
      problems.push({
        file: shown,
        message: 'is not a regular file; content/newsletter/ holds only <yyyy-mm-dd>.md files (no folders or links)',
      });
      continue;
    }
    if (!NAME.test(name)) {
      problems.push({
        file: shown,
        message: 'is not named <yyyy-mm-dd>.md; name a digest file after the first day of its week, e.g. 2010-07-12.md',
      });
      continue;
    }
    let parsed: ReturnType<typeof parseMarkdownFile>;
    try {
      const source = readBounded(full);
      if (typeof source !== 'string') {
        problems.push({ file: shown, message: source.problem });
        continue;
      }
      parsed = parseMarkdownFile(source);
    } catch (err) {
      problems.push({ file: shown, message: (err as Error).message });
      continue;
    }
    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...issuesToProblems(shown, result.error.issues, parsed.data));
      continue;
    }
    const intro = parsed.body.trim();
    if (intro.length > MAX_INTRO) {
      problems.push({
        file: shown,
        message: `the intro (the text after the front matter) is ${intro.length} characters; shorten it to at most ${MAX_INTRO}`,
      });
      continue;
    }
    const d = result.data;
    let ok = true;
    if (opts.comments) {
      d.picks?.forEach((pick, i) => {
        if (opts.comments?.has(pick)) return;
        ok = false;
        const [, article] = PICK_PATTERN.exec(pick) ?? [];
        problems.push({
          file: shown,
          field: `picks.${i}`,
          message: `"${pick}" names no comment; it must be <article-slug>/<comment-id> of a file content/comments/${article ?? '<article-slug>'}/<comment-id>.md`,
        });
      });
    }
    if (!ok) continue;
    digests.push({ key: name.slice(0, -3), title: d.title, summary: d.summary, picks: d.picks, events: d.events, intro, file: shown });
  }
  return { digests, problems };
}
