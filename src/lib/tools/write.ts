import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from './cli.ts';

/** One file a tool wants to write, relative to the content folder. */
export interface PlannedFile {
  /** Path under the content folder, with forward slashes: "articles/hello.md". */
  path: string;
  text: string;
  /** Leave an existing file alone even with --force (an author profile edited since an import). */
  keepIfExists?: boolean;
}

/** What happened to each planned file. */
export interface WriteReport {
  created: string[];
  /** Already present with exactly these bytes: nothing to do (re-running an import). */
  unchanged: string[];
  /** Present with other bytes and replaced because of --force. */
  overwritten: string[];
  /** Present with other bytes and kept because the file is marked keepIfExists. */
  kept: string[];
}

/**
 * Writes files under `root`, all or nothing: first every target is compared with what is on
 * disk, and if any exists with different content and `force` is off, nothing is written and the
 * error lists every such file. Identical files are left alone, so a re-run is a no-op; files
 * marked keepIfExists are never replaced.
 */
export function writeFiles(root: string, files: readonly PlannedFile[], force: boolean): WriteReport {
  const report: WriteReport = { created: [], unchanged: [], overwritten: [], kept: [] };
  const conflicts: string[] = [];
  const seen = new Set<string>();
  const plan: { full: string; shown: string; text: string; exists: boolean }[] = [];
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`bug: ${f.path} planned twice`);
    seen.add(f.path);
    const full = confined(root, f.path);
    const shown = showPath(full);
    const exists = existsSync(full);
    if (exists && readFileSync(full, 'utf8') === f.text) {
      report.unchanged.push(shown);
      continue;
    }
    if (exists && f.keepIfExists) {
      report.kept.push(shown);
      continue;
    }
    if (exists && !force) conflicts.push(shown);
    plan.push({ full, shown, text: f.text, exists });
  }
  if (conflicts.length > 0) {
    throw new ToolError(
      `${conflicts.length} file(s) already exist with different content; nothing was written. ` +
        `Re-run with --force to overwrite them, or move them away:\n${conflicts.map((c) => `  ${c}`).join('\n')}`,
    );
  }
  for (const p of plan) {
    mkdirSync(path.dirname(p.full), { recursive: true });
    // 'wx' creates and fails on anything already there (a link planted since the check included).
    writeFileSync(p.full, p.text, { flag: p.exists ? 'w' : 'wx' });
    (p.exists ? report.overwritten : report.created).push(p.shown);
  }
  return report;
}

/**
 * The full path of `rel` under `root`, refusing anything that would write outside it: a path
 * that climbs out ("../"), and a symbolic link on the way or at the end (content/comments/<slug>
 * linked to another folder would otherwise be written through).
 */
export function confined(root: string, rel: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (!full.startsWith(base + path.sep)) throw new ToolError(`refused: ${rel} would be written outside ${showPath(base)}`);
  let at = base;
  for (const part of path.relative(base, full).split(path.sep)) {
    at = path.join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat) break;
    if (stat.isSymbolicLink()) {
      throw new ToolError(
        `refused: ${showPath(at)} is a symbolic link; tools never write through links (replace it with a real folder or file)`,
      );
    }
  }
  return full;
}

/** A path as tools print it: relative to the working directory when inside it. */
export function showPath(full: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, full);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : full;
}
