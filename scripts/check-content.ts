/**
 * `npm run check`: validates every file in content/ (or CONTENT_DIR) with the same schemas and
 * cross-file rules as the build, without building pages. Prints every problem, exits 1 if any.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpusParallel } from '../src/lib/content/load-parallel.ts';
import { contentDir, publicDir } from '../src/lib/env.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { checkArgs, checkOptions } from '../src/lib/tools/check.ts';
import { parseCommandLine, runTool } from '../src/lib/tools/cli.ts';
import { plural } from '../src/lib/words.ts';
import { site } from '../src/site.config.ts';

const USAGE = `Usage: npm run check [-- --quiet]

Validates content/ (or the folder in CONTENT_DIR) without building the site:
front matter of articles, authors, pages and comments; unknown authors; replies to missing
comments; comment folders without an article; colliding URLs. Exit status 1 when anything is wrong.
  --quiet  print nothing when there are no problems`;

await runTool('check', USAGE, async (argv) => {
  const { quiet } = parseCommandLine(argv, checkOptions, checkArgs);
  const started = performance.now();
  const dir = contentDir();
  const corpus = await loadCorpusParallel({ contentDir: dir, publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink });
  const ms = Math.round(performance.now() - started);
  const summary = `${corpus.articles.length} articles, ${corpus.authors.length} authors, ${corpus.pages.length} pages, ${corpus.comments.length} comments`;
  if (corpus.problems.length > 0) {
    for (const p of corpus.problems) console.error(formatProblem(p));
    const n = corpus.problems.length;
    console.error(`\n✗ ${plural(n, 'problem')} in ${dir} (${summary} valid; ${ms} ms)`);
    return 1;
  }
  if (!quiet) console.log(`✓ ${dir}: ${summary}; no problems (${ms} ms)`);
  return 0;
});
