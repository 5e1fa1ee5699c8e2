/** Helpers the benchmark scripts share: running a command, and making a corpus to build. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  }
  return r;
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
