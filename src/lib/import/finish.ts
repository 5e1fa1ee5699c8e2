import path from 'node:path';
import { z } from 'astro/zod';
import { contentDir, publicDir } from '../env.ts';
import { formatProblem } from '../problems.ts';
import { validateAfterWrite } from '../tools/content-files.ts';
import { showPath, writeFiles } from '../tools/write.ts';
import { formatImportSummary, type ImportResult } from './report.ts';

/** Options every import takes: where to write, whether to overwrite, help. */
export const importOptions = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Schemas for those options and for the one source (file or folder) an import reads. */
export function importArgs(sourceHint: string) {
  return {
    positionals: z
      .array(z.string())
      .length(1, sourceHint)
      .transform((p) => p[0] as string),
    out: z.string().min(1).optional(),
    force: z.boolean().default(false),
    help: z.boolean().default(false),
  };
}

/** The folder an import writes to: --out, else CONTENT_DIR, else content/. */
export function importTarget(out: string | undefined): string {
  return out ? path.resolve(out) : contentDir();
}

/**
 * The end of every import: write the planned files, print the summary (what was imported, what
 * was skipped and why), then validate the folder like the build. Returns the exit code.
 */
export function finishImport(
  source: string,
  dir: string,
  result: ImportResult,
  opts: { force: boolean; timeZone: string; permalink: string },
): number {
  const written = writeFiles(dir, result.files, opts.force);
  console.log(`Imported ${source} into ${showPath(dir)}:`);
  console.log(formatImportSummary(result, written));
  const { all } = validateAfterWrite({ contentDir: dir, publicDir: publicDir(), timeZone: opts.timeZone, permalink: opts.permalink }, []);
  if (all.length) {
    for (const p of all) console.error(formatProblem(p));
    console.error(`✗ ${all.length} problem(s) in ${showPath(dir)} after the import; fix them before building`);
    return 1;
  }
  console.log(`✓ ${showPath(dir)} passes the build's validation`);
  return 0;
}
