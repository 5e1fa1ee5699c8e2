/**
 * `npm run comment -- --article <slug> < submission.json` (or `--file path`): turns one reader
 * submission from the comment form or a Staticman instance into a comment file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../src/lib/content/limits.ts';
import { loadCorpus } from '../src/lib/content/load.ts';
import { contentDir, publicDir } from '../src/lib/env.ts';
import { absoluteUrl } from '../src/lib/permalink.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { parseCommandLine, runTool, ToolError, UsageError } from '../src/lib/tools/cli.ts';
import { markdownIds, validateAfterWrite } from '../src/lib/tools/content-files.ts';
import { addCommentArgs, addCommentOptions, HONEYPOT_FIELD, normaliseSubmission, planComment } from '../src/lib/tools/submission.ts';
import { showPath, writeFiles } from '../src/lib/tools/write.ts';
import { paths } from '../src/lib/urls.ts';
import { site } from '../src/site.config.ts';

const USAGE = `Usage: npm run comment -- --article <slug> [--file submission.json] [--staff author-id] [--force] < submission.json

Turns one reader submission (JSON, from the comment form, a form-to-JSON service or Staticman)
into content/comments/<slug>/<yyyy-mm-dd>t<hhmm>-<name>.md (in CONTENT_DIR when set).
Review the file, then commit it or open a pull request: that review is the moderation.
Fields read: name, message, url, affiliation, replying_to (or replyTo), date, article; also
Staticman's fields[...] / options[...] and { "fields": {...} }. The e-mail is never written.
Refused: a filled "${HONEYPOT_FIELD}" field, an empty message, a message over the comment bounds
(${LIMITS.comment.chars.toLocaleString('en-US')} characters, deep nesting), a name or company over ${LIMITS.text.name} characters,
a non-http(s) url, a replying_to that names no comment of the article, an unknown article,
closed comments (unless --force). A submitted date is used only when it lies between the
article's date and now; otherwise the comment is dated now, and the tool says so.
  --article  the article's slug (default: the submission's article / options[slug] field)
  --file     read the submission from this file instead of standard input
  --staff    author id: the comment is that author's reply (shown with an Author badge)`;

/** A submission is a handful of short fields and one comment: twice the comment bound is plenty. */
const MAX_SUBMISSION_CHARS = LIMITS.comment.chars * 2 + 16_384;

await runTool('comment', USAGE, (argv) => {
  const args = parseCommandLine(argv, addCommentOptions, addCommentArgs);
  if (!args.file && process.stdin.isTTY) throw new UsageError('no submission: pipe the JSON in (< submission.json) or pass --file');
  const source = args.file ? readText(args.file) : readFileSync(0, 'utf8');
  if (source.length > MAX_SUBMISSION_CHARS) {
    throw new ToolError(
      `${args.file ?? 'standard input'} is ${source.length.toLocaleString('en-US')} characters; a submission may have at most ${MAX_SUBMISSION_CHARS.toLocaleString('en-US')}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (err) {
    throw new ToolError(`${args.file ?? 'standard input'} is not JSON: ${(err as Error).message}`);
  }
  const { fields, unknown } = normaliseSubmission(raw);
  if (unknown.length) console.warn(`Ignored field(s) the comment model has no place for: ${unknown.join(', ')}`);

  const dir = contentDir();
  const cfg = { contentDir: dir, publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink };
  const corpus = loadCorpus(cfg);
  const slug = args.article ?? (typeof fields.article === 'string' ? fields.article : undefined);
  if (!slug) throw new UsageError('--article is required (the submission names no article)');
  const article = corpus.articles.find((a) => a.slug === slug);
  if (!article) {
    const exists = markdownIds(`${dir}/articles`, true).includes(slug);
    throw new ToolError(
      exists
        ? `${showPath(path.join(dir, 'articles'))}/${slug}.md has problems; run npm run check and fix them first`
        : `refused: there is no article "${slug}" (no ${showPath(path.join(dir, 'articles'))}/${slug}.md); check the slug`,
    );
  }
  if (args.staff && !corpus.authors.some((a) => a.id === args.staff)) {
    throw new ToolError(
      `--staff "${args.staff}" is not a file in ${showPath(path.join(dir, 'authors'))}/; known authors: ${corpus.authors.map((a) => a.id).join(', ')}`,
    );
  }
  const planned = planComment(
    fields,
    { slug, date: article.date, commentsClosed: article.commentsClosed, commentIds: markdownIds(`${dir}/comments/${slug}`) },
    { timeZone: site.timeZone, now: new Date(), staff: args.staff, force: args.force, commentsDir: showPath(path.join(dir, 'comments')) },
  );
  const report = writeFiles(dir, [planned.file], false);
  const file = report.created[0] ?? planned.file.path;
  for (const note of planned.notes) console.warn(note);
  console.log(`Created ${file}`);
  console.log(`It will appear at ${absoluteUrl(site.url, paths.comment(article.path, planned.id))}`);
  const { ours } = validateAfterWrite(cfg, [file]);
  for (const p of ours) console.error(formatProblem(p));
  return ours.length ? 1 : 0;
});

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ToolError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}
