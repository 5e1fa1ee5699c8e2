/**
 * `npm run new -- "Title" [--author id] [--tags "A, B"] [--date …] [--draft]`: creates
 * content/articles/<slug>.md with valid front matter and prints its path and future URL.
 */
import path from 'node:path';
import { loadCorpus } from '../src/lib/content/load.ts';
import { contentDir, publicDir } from '../src/lib/env.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { parseCommandLine, runTool } from '../src/lib/tools/cli.ts';
import { markdownIds, validateAfterWrite } from '../src/lib/tools/content-files.ts';
import { newArticleArgs, newArticleOptions, planNewArticle } from '../src/lib/tools/new-article.ts';
import { showPath, writeFiles } from '../src/lib/tools/write.ts';
import { site } from '../src/site.config.ts';

const USAGE = `Usage: npm run new -- "Title" [--author id] [--tags "A, B"] [--date 2026-11-27T15:04] [--draft] [--slug s] [--force]

Creates content/articles/<slug>.md (in CONTENT_DIR when set). The slug comes from the title and
gets -2, -3… when taken; --slug sets it (an existing file is replaced only with --force).
  --author  author id, a file in content/authors/ (default: ${site.defaultAuthor ?? 'none set in src/site.config.ts'})
  --tags    comma-separated tags
  --date    publication date, ISO 8601; without an offset it is read in ${site.timeZone} (default: now)
  --draft   mark it draft: true (shown only by npm run dev)`;

await runTool('new', USAGE, (argv) => {
  const full = parseCommandLine(argv, newArticleOptions, newArticleArgs);
  const dir = contentDir();
  const corpus = loadCorpus({ contentDir: dir, timeZone: site.timeZone, permalink: site.permalink });
  const planned = planNewArticle(full, {
    timeZone: site.timeZone,
    permalink: site.permalink,
    siteUrl: site.url,
    defaultAuthor: site.defaultAuthor,
    authorIds: corpus.authors.map((a) => a.id),
    articleSlugs: markdownIds(path.join(dir, 'articles'), true),
    now: new Date(),
    contentLabel: showPath(dir),
  });
  const report = writeFiles(dir, [planned.file], full.force);
  const file = [...report.created, ...report.overwritten][0] ?? path.join(dir, planned.file.path);
  console.log(`${report.overwritten.length ? 'Replaced' : 'Created'} ${file}${full.draft ? ' (draft)' : ''}`);
  console.log(`It will be published at ${planned.url}`);
  const { ours } = validateAfterWrite({ contentDir: dir, publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink }, [
    file,
  ]);
  for (const p of ours) console.error(formatProblem(p));
  return ours.length ? 1 : 0;
});
