import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../content/load.ts';
import type { Problem } from '../problems.ts';

/**
 * File names (without .md) of the Markdown files in a content subfolder, valid or not: a new
 * file must not take the name of a broken one either.
 */
export function markdownIds(dir: string, recursive = false): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (recursive) out.push(...markdownIds(path.join(dir, entry.name), true));
    } else if (entry.name.endsWith('.md')) out.push(entry.name.slice(0, -3));
  }
  return out.sort();
}

/** Site settings the validation needs. */
export interface ValidateOptions {
  contentDir: string;
  publicDir?: string | undefined;
  timeZone: string;
  permalink: string;
}

/**
 * Runs the build's validation (loadCorpus) over the content folder after a tool wrote to it.
 * Returns every problem, and separately those in the files the tool wrote (paths as printed).
 */
export function validateAfterWrite(opts: ValidateOptions, written: readonly string[]): { all: Problem[]; ours: Problem[] } {
  const corpus = loadCorpus(opts);
  const mine = new Set(written.map((f) => path.resolve(f)));
  const ours = corpus.problems.filter((p) => mine.has(path.resolve(p.file)));
  return { all: corpus.problems, ours };
}
