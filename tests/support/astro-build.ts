import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where tests put builds; git-ignored. */
export const OUTPUT = path.join(ROOT, 'tests/.output');
/** The clock every test build uses, so scheduling is deterministic. */
export const TEST_NOW = '2026-11-27T00:00:00Z';

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

/**
 * Runs `astro build` in a child process, as `npm run build` does. Builds share Astro's cache
 * folder, so callers run them one at a time.
 */
export function astroBuild(opts: {
  contentDir?: string;
  outDir: string;
  now?: string;
  /** `astro build --force`: render every page, ignoring Astro's caches (and record fresh ones). */
  force?: boolean;
  /** More build variables (CARDS, DIGESTS…). */
  env?: Record<string, string>;
}): BuildResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BUILD_NOW: opts.now ?? TEST_NOW, ...opts.env };
  // Build as a user's shell would: vitest's NODE_ENV=test must not leak into the build.
  delete env.NODE_ENV;
  delete env.VITEST;
  if (opts.contentDir) env.CONTENT_DIR = opts.contentDir;
  else delete env.CONTENT_DIR;
  const args = [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', opts.outDir, ...(opts.force ? ['--force'] : [])];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outDir: opts.outDir };
}

/** Writes a content folder from a map of relative paths to file contents; returns its path. */
export function writeContent(files: Record<string, string>, parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, 'backchannel-content-'));
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** The problem lines a failed build printed ("- file: field: message"), with the content folder shown as <content>. */
export function problemLines(output: string, contentDir: string): string[] {
  return output
    .split('\n')
    .filter((l) => l.trim().startsWith('- '))
    .map((l) => l.trim().replace(contentDir, '<content>'));
}
