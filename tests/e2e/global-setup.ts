import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type CorpusManifest, generateCorpus } from '../fixtures/generate-corpus.ts';
import { buildSite, contentDirs, OUTPUT, sites } from './support/sites.ts';

/** Articles in the generated corpus: enough for several listing pages and tag pages. */
const CORPUS_ARTICLES = 50;

declare module 'vitest' {
  interface ProvidedContext {
    /** What generate-corpus wrote for the corpus site. */
    corpus: CorpusManifest;
  }
}

/** Held for a whole run: another run on this machine would rebuild the sites under its tests. */
const LOCK = path.join(OUTPUT, 'e2e.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to 10 minutes) until no other live e2e run holds the lock, then takes it. */
async function acquireLock(): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(LOCK, 'utf8'));
    if (!alive(holder)) {
      rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another e2e run (pid ${holder}) has held ${LOCK} for 10 minutes`);
    console.log(`e2e: waiting for the run of pid ${holder} to finish`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/**
 * Builds the sites the e2e tests inspect, one after another (they share Astro's cache).
 * E2E_REUSE_BUILD=1 keeps sites already built by an earlier run, for quick iteration on tests.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await acquireLock();
  const release = () => rmSync(LOCK, { force: true });
  const reuse = process.env.E2E_REUSE_BUILD === '1';
  const built = (dir: string) => reuse && existsSync(path.join(dir, 'index.html'));
  const started = Date.now();
  try {
    if (!built(sites.sample)) buildSite(sites.sample);
    // Deterministic for a seed, so regenerating beside a reused build writes the same files.
    const corpus = generateCorpus(contentDirs.corpus, { articles: CORPUS_ARTICLES, seed: 1 });
    if (!built(sites.corpus)) buildSite(sites.corpus, contentDirs.corpus);
    if (!built(sites.overflow)) buildSite(sites.overflow, contentDirs.overflow);
    project.provide('corpus', corpus);
  } catch (error) {
    release();
    throw error;
  }
  console.log(`e2e: sites built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return release;
}
