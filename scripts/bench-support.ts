/** Helpers the benchmark scripts share: running a command, reading a build's log, making a corpus, measuring a search. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gzipSync } from 'node:zlib';

/** The middle value (the upper of the two middle ones for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  return xs.length ? ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number) : Number.NaN;
}

/**
 * Ours / peer for builds run in turn, `ours[i]` right before `theirs[i]`: the median of the
 * pairs' ratios and their range. This machine's speed drifts by a fifth or more over minutes, and
 * a pair's two builds share the moment, so this is steadier than the ratio of the two medians.
 * Undefined unless both have the same number of builds.
 */
export function pairRatios(ours: readonly number[], theirs: readonly number[]): { median: number; min: number; max: number } | undefined {
  if (ours.length === 0 || ours.length !== theirs.length) return undefined;
  const ratios = ours.map((o, i) => o / (theirs[i] as number));
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** Runs a command to completion (in `cwd`, default the current folder); throws with its output when it fails. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024, cwd });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  }
  return r;
}

/** What a finished command printed, as plain text: Astro colours its log where it detects a capable terminal or CI. */
export function plainOutput(r: SpawnSyncReturns<string>): string {
  return stripVTControlCharacters(r.stdout + r.stderr);
}

/**
 * The search step's line of a build log (src/integrations/search.ts): its seconds, and for a full
 * index the article pages indexed of the HTML files read; undefined when the log has none.
 */
export function searchLine(log: string): { seconds: number; indexed?: number; read?: number } | undefined {
  const line = /\[backchannel:search\] ((?:Indexed|Reused)[^\n]*?) in ([\d.]+) s/.exec(log);
  if (!line) return undefined;
  const full = /^Indexed (\d+) of (\d+) pages\b/.exec(line[1] as string);
  return { seconds: Number(line[2]), ...(full ? { indexed: Number(full[1]), read: Number(full[2]) } : {}) };
}

/**
 * Writes a corpus of `articles` articles to <root>/content and says which generator made it.
 * The shared generator (benchmarks only; a user's clone has none) gives corpora comparable
 * across projects; otherwise the project's own.
 */
export function makeCorpus(root: string, articles: number): string {
  const shared = path.resolve('../shared/bench/gen-corpus.mjs');
  if (existsSync(shared)) {
    run(process.execPath, [shared, '--out', root, '--articles', String(articles)]);
    return shared;
  }
  run(process.execPath, ['tests/fixtures/generate-corpus.ts', '--out', path.join(root, 'content'), '--articles', String(articles)]);
  return 'tests/fixtures/generate-corpus.ts';
}

/** One file the search page fetched from /pagefind/. */
export interface Fetched {
  url: string;
  bytes: number;
  /** Bytes over the wire: index files are gzipped by Pagefind, JS and JSON as a host would compress them. */
  gzip: number;
}

/** Opens /search/?<search> of the built site `out` in Chromium and lists what it fetched from /pagefind/. */
export async function measureQuery(out: string, search: string): Promise<{ status: string | null; fetched: Fetched[] }> {
  // Loaded here, so the benchmarks that need no browser do not load one.
  const { launchBrowser } = await import('../tests/e2e/support/browser.ts');
  const { serveStatic } = await import('../tests/e2e/support/server.ts');
  const server = await serveStatic(out);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const fetched: Fetched[] = [];
    page.on('requestfinished', async (request) => {
      if (!request.url().includes('/pagefind/')) return;
      const body = (await (await request.response())?.body()) ?? Buffer.alloc(0);
      const text = /\.(js|json)$/.test(new URL(request.url()).pathname);
      fetched.push({ url: request.url(), bytes: body.length, gzip: text ? gzipSync(body).length : body.length });
    });
    await page.goto(`${server.origin}/search/?${search}`);
    await page.getByRole('status').filter({ hasText: /match/ }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    return { status: await page.getByRole('status').textContent(), fetched };
  } finally {
    await browser.close();
    await server.close();
  }
}
