import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import yaml from 'js-yaml';
import { readSiteSettings, SITE_SETTINGS_FILE } from '../config.ts';
import { contentDir, publicDir } from '../env.ts';
import { formatProblem } from '../problems.ts';
import { validateAfterWrite } from '../tools/content-files.ts';
import { showPath, writeFiles } from '../tools/write.ts';
import { formatCommentTally, formatImportSummary, type ImportResult, lostComments } from './report.ts';

/** Options every import takes: where to write, whether to overwrite, whether lost threads are accepted, help. */
export const importOptions = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  'allow-rethread': { type: 'boolean' },
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
    'allow-rethread': z.boolean().default(false),
    help: z.boolean().default(false),
  };
}

/** The folder an import writes to: --out, else CONTENT_DIR, else content/. */
export function importTarget(out: string | undefined): string {
  return out ? path.resolve(out) : contentDir();
}

/** Time zone and permalink an import into `dir` reads dates and paths in: the folder's own site.yml wins, as it will in its build. */
export function importSite(dir: string, project: { timeZone: string; permalink: string }): { timeZone: string; permalink: string } {
  const own = readSiteSettings(dir);
  return { timeZone: own.timeZone ?? project.timeZone, permalink: own.permalink ?? project.permalink };
}

/** How an import ends, apart from the files: exit code and what it prints. */
export interface ImportOutcome {
  code: number;
  /** Lines for standard output; the last one is the comment tally. */
  out: string[];
  /** Lines for standard error. */
  err: string[];
}

/**
 * Whether an import may end with success: never when the validation finds a problem, and not
 * when comments were lost or re-threaded, unless the person said so (--allow-rethread).
 */
export function importOutcome(result: ImportResult, problems: readonly string[], allowRethread: boolean): ImportOutcome {
  const out: string[] = [];
  const err = [...problems];
  let code = 0;
  if (problems.length) {
    err.push(`✗ ${problems.length} problem(s) in the content folder after the import; fix them before building`);
    code = 1;
  }
  const damaged = lostComments(result).length + result.counts.rethreaded;
  if (damaged && !allowRethread) {
    err.push(
      `✗ ${damaged} comment(s) lost or re-threaded (listed above). Fix the source and re-run, or re-run with --allow-rethread to accept them as they are.`,
    );
    code = 1;
  }
  out.push(formatCommentTally(result));
  return { code, out, err };
}

/**
 * The end of every import: write the planned files, print the summary (what was imported, what
 * was skipped and why), validate the folder like the build, and print the comment tally last.
 * Returns the exit code.
 */
export function finishImport(
  source: string,
  dir: string,
  result: ImportResult,
  opts: { force: boolean; allowRethread: boolean; timeZone: string; permalink: string },
): number {
  planSettings(dir, result, opts.force);
  const written = writeFiles(dir, result.files, opts.force);
  console.log(`Imported ${source} into ${showPath(dir)}:`);
  console.log(formatImportSummary(result, written));
  const { all } = validateAfterWrite({ contentDir: dir, publicDir: publicDir(), timeZone: opts.timeZone, permalink: opts.permalink }, []);
  if (!all.length) console.log(`✓ ${showPath(dir)} passes the build's validation`);
  const outcome = importOutcome(
    result,
    all.map((p) => formatProblem(p)),
    opts.allowRethread,
  );
  for (const line of outcome.err) console.error(line);
  for (const line of outcome.out) console.log(line);
  return outcome.code;
}

/**
 * Adds <content>/site.yml with the settings the source gave, unless one exists: a person's own
 * settings are replaced only with --force. Either way the summary says what happened.
 */
export function planSettings(dir: string, result: ImportResult, force: boolean): void {
  if (!result.settings || Object.keys(result.settings).length === 0) return;
  const text = `# Site settings from the import; they override src/site.config.ts. Fields: README, "Site settings".\n${yaml.dump(result.settings, { schema: yaml.CORE_SCHEMA, lineWidth: -1, quotingType: '"' })}`;
  const file = path.join(dir, SITE_SETTINGS_FILE);
  if (existsSync(file) && !force && readFileSync(file, 'utf8') !== text) {
    result.notes.push(
      `${SITE_SETTINGS_FILE} exists and was kept; re-run with --force to replace it with the export's settings (${Object.keys(result.settings).join(', ')})`,
    );
    return;
  }
  result.files.push({ path: SITE_SETTINGS_FILE, text });
  result.decisions.push(
    `Site settings: ${SITE_SETTINGS_FILE} sets ${Object.entries(result.settings)
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(', ')}`,
  );
}
