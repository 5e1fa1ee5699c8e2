/**
 * `npm run check`: validates every file in content/ (or CONTENT_DIR) with the same schemas and
 * cross-file rules as the build, without building pages. Prints every problem, exits 1 if any.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../src/lib/content/load.ts';
import { contentDir, publicDir } from '../src/lib/env.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { site } from '../src/site.config.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run check [-- --quiet]

Validates content/ (or the folder in CONTENT_DIR) without building the site:
front matter of articles, authors, pages and comments; unknown authors; replies to missing
comments; comment folders without an article; colliding URLs. Exit status 1 when anything is wrong.`);
  process.exit(0);
}

const started = performance.now();
const dir = contentDir();
const corpus = loadCorpus({ contentDir: dir, publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink });
const ms = Math.round(performance.now() - started);
const summary = `${corpus.articles.length} articles, ${corpus.authors.length} authors, ${corpus.pages.length} pages, ${corpus.comments.length} comments`;

if (corpus.problems.length > 0) {
  for (const p of corpus.problems) console.error(formatProblem(p));
  const n = corpus.problems.length;
  console.error(`\n✗ ${n} problem${n === 1 ? '' : 's'} in ${dir} (${summary} valid; ${ms} ms)`);
  process.exit(1);
}
if (!process.argv.includes('--quiet')) console.log(`✓ ${dir}: ${summary}; no problems (${ms} ms)`);
