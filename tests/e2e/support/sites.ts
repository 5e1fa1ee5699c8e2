import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where the e2e layer builds its sites (git-ignored). */
export const OUTPUT = path.join(ROOT, 'tests/.output');

/** Where screenshots and reports go (git-ignored). */
export const RESULTS = path.join(ROOT, 'test-results/e2e');

/** The clock every e2e build uses, so "published" means the same thing in every run. */
export const BUILD_NOW = '2026-11-27T00:00:00Z';

/** The built sites the gates inspect. */
export const sites = {
  /** content/ as the authors keep it. */
  sample: path.join(OUTPUT, 'sample'),
  /** A generated 50-article corpus (tests/fixtures/generate-corpus.ts): pagination, many tags. */
  corpus: path.join(OUTPUT, 'corpus'),
  /** tests/e2e/fixtures/overflow: a 200-character word and a wide table, in an article and a comment. */
  overflow: path.join(OUTPUT, 'overflow'),
} as const;

export type SiteName = keyof typeof sites;

/** Content folders of the sites that are not built from content/. */
export const contentDirs = {
  corpus: path.join(OUTPUT, 'corpus-content'),
  overflow: path.join(ROOT, 'tests/e2e/fixtures/overflow'),
} as const;

/** The sample article the budgets and Lighthouse measure: the one with the longest comment thread. */
export const SAMPLE_ARTICLE = '/2010/07/14/microsoft-channel-chief-concedes-i-need-to-learn-about-msps/';

/** The sample newsletter issue (the week of the sample article, with quoted comments). */
export const SAMPLE_NEWSLETTER_ISSUE = '/newsletter/2010-07-12/';

/** The article of the overflow fixture. */
export const OVERFLOW_ARTICLE = '/2011/02/01/wide-content/';

/**
 * Builds the site from `contentDir` (content/ when absent) into `outDir`. Builds share Astro's
 * cache in node_modules/.astro, so callers must run them one after another.
 */
export function buildSite(outDir: string, contentDir?: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, BUILD_NOW, ASTRO_TELEMETRY_DISABLED: '1' };
  if (contentDir) env.CONTENT_DIR = contentDir;
  else delete env.CONTENT_DIR;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `astro build --outDir ${path.relative(ROOT, outDir)} failed${contentDir ? ` (CONTENT_DIR=${contentDir})` : ''}:\n${stdout}${stderr}`,
    );
  }
}
