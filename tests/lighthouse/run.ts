/**
 * Lighthouse on the sample article, served from the built site on 127.0.0.1 by our static server,
 * in Debian's Chromium. Slow (about half a minute), so it runs apart from the e2e suite:
 *
 *   npm run test:lighthouse          (builds dist/, then runs this)
 *   node tests/lighthouse/run.ts [DIR]   (DIR defaults to dist/)
 *
 * Prints the four category scores and exits 1 when one is under its minimum.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/browser.ts';
import { serveStatic } from '../e2e/support/server.ts';
import { ROOT, SAMPLE_ARTICLE } from '../e2e/support/sites.ts';

/** Minimum score (0–100) per Lighthouse category. */
const MINIMUM: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

const dir = path.resolve(ROOT, process.argv[2] ?? 'dist');
const articleFile = path.join(dir, SAMPLE_ARTICLE, 'index.html');
if (!existsSync(articleFile)) {
  console.error(`lighthouse: ${path.relative(ROOT, articleFile)} is missing; build the site first (npm run build)`);
  process.exit(1);
}

const reportDir = path.join(ROOT, 'test-results/lighthouse');
mkdirSync(reportDir, { recursive: true });
const reportFile = path.join(reportDir, 'article.json');

const server = await serveStatic(dir);
const url = server.origin + SAMPLE_ARTICLE;
let failed = false;
try {
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--quiet',
      `--only-categories=${Object.keys(MINIMUM).join(',')}`,
      '--output=json',
      `--output-path=${reportFile}`,
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string }>;
  };
  console.log(`lighthouse: ${url}`);
  for (const [id, minimum] of Object.entries(MINIMUM)) {
    const score = Math.round((report.categories[id]?.score ?? 0) * 100);
    const ok = score >= minimum;
    failed ||= !ok;
    console.log(`  ${id.padEnd(15)} ${String(score).padStart(3)}  (minimum ${minimum})${ok ? '' : '  FAILED'}`);
  }
  if (failed) {
    const lost = Object.entries(report.audits)
      .filter(([, a]) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
      .map(([id, a]) => `  ${id}: ${a.title} (${a.score})`);
    console.log(`audits that lost points:\n${lost.join('\n')}`);
  }
  console.log(`report: ${path.relative(ROOT, reportFile)}`);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
