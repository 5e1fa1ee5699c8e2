import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The output folder between builds.
 *
 * Keeping it: Astro's incremental build takes every unchanged page from its cache, unless the
 * file is already in the output folder (here the cache's pages are that folder: linkPageCopies).
 * When the folder holds exactly what the last build wrote, and Astro's cache record (its
 * manifest) is still the one that build left, each unchanged page is already in place: a warm
 * build of 1,000 articles then took 4.4 s instead of 8.5 s (4,055 copies saved). Whether that
 * holds is recorded in a stamp in Astro's cache folder (trustedManifest, recordOutput). After the
 * pages, pruneOutput deletes what the last build wrote and this one did not (a removed article's
 * page, an old stylesheet).
 *
 * Clearing it, when the stamp does not vouch for it (a first build, another output folder, an
 * interrupted build): Astro would empty the folder one file at a time on the main thread, 6.6 s
 * of a 52 s warm build at 10,000 articles. Moving the folder's entries into a sibling folder
 * takes a rename each, and a child process deletes them once the build has written its files.
 * Astro then finds an empty folder and renders every page (see linkPageCopies).
 */

/** Prefix of the folders that hold a previous build's output while it is deleted: `.<outDir name>.old-<pid>` beside it. */
export function trashPrefix(outDir: string): string {
  return `.${path.basename(outDir)}.old-`;
}

/**
 * A new folder name beside `dir` to move it (or its entries) into for deletion:
 * `.<name>.old-<pid>`, or with the time after it when a leftover in `trash` already has that name.
 */
function trashFolder(dir: string, trash: readonly string[], pid: number): string {
  const mine = path.join(path.dirname(dir), `${trashPrefix(dir)}${pid}`);
  return trash.includes(mine) ? `${mine}${Date.now()}` : mine;
}

/** Entries kept in the output folder: a deploy repository (Astro keeps it too). */
const KEEP = new Set(['.git']);

export interface MovedAside {
  /** The folders to delete: this build's, and any an interrupted build left. */
  trash: string[];
  /** Entries moved out of the output folder. */
  moved: number;
  /** Why nothing was moved (Astro then empties the folder itself), when so. */
  skipped?: string;
}

/**
 * Moves every entry of `outDir` (except `.git`) into a new sibling folder, and collects sibling
 * folders an earlier interrupted build left. Moves nothing when `outDir` is missing, empty, a
 * symbolic link, or a rename is refused (another file system, permissions): Astro then empties it
 * as before. An entry that cannot be moved stays for Astro to delete.
 */
export function moveAside(outDir: string, pid = process.pid): MovedAside {
  const trash = leftovers(outDir);

  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(outDir);
  } catch {
    return { trash, moved: 0, skipped: 'no output folder yet' };
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) return { trash, moved: 0, skipped: 'the output folder is not a plain folder' };
  const entries = readdirSync(outDir).filter((e) => !KEEP.has(e));
  if (entries.length === 0) return { trash, moved: 0, skipped: 'the output folder is empty' };

  // A folder of this name is a leftover of a build whose process had the same id: delete it too,
  // after its contents are out of the way.
  const target = trashFolder(outDir, trash, pid);
  try {
    mkdirSync(target);
  } catch (err) {
    return { trash, moved: 0, skipped: `cannot create ${target}: ${(err as Error).message}` };
  }
  let moved = 0;
  for (const entry of entries) {
    try {
      renameSync(path.join(outDir, entry), path.join(target, entry));
      moved++;
    } catch {
      // EXDEV (a mount point), EBUSY, EPERM: leave it to Astro's own emptying.
    }
  }
  if (moved === 0) {
    rmdirSync(target);
    return { trash, moved, skipped: 'the renames were refused' };
  }
  return { trash: [...trash, target], moved };
}

/** The folder in Astro's cache where its incremental build keeps a copy of every page it writes (astro/dist/core/build/incremental.js). */
export const PAGE_COPIES = 'dist';

export interface LinkedCopies {
  /** Folders to delete: page copies an earlier build left in a real folder. */
  trash: string[];
  /** Why the link could not be made (Astro then writes its copies as before), when so. */
  skipped?: string;
}

/**
 * Makes Astro's folder of page copies (`<cacheDir>/dist`) a link to the output folder, so the
 * copy of each page it writes lands on the page itself instead of in a second file.
 *
 * Why: the copies are there so that an unchanged page can be restored into an emptied output
 * folder, but this output folder is kept between builds (trustedManifest), and Astro only looks
 * for a copy when the page is missing from it. Writing them doubled the page phase's files:
 * a cold build of 1,000 articles wrote 4,059 more files in 3,914 more folders (99 MB), and
 * creating a file or folder is what costs on a disk whose free inodes were just released (the
 * last build's output, deleted during this one). With the link, a page Astro would have copied
 * is rendered instead; that happens only when the output folder was not kept.
 *
 * Astro also deletes the copy of a page that is no longer keyed (pruning its cache): through the
 * link that is the page. A page this build renders is keyed unless its route stopped returning a
 * cacheKey, or the page moved to another route, since the last build; missingOutputs then finds
 * it gone and the build stops (see the integration).
 *
 * A real folder left by an earlier build is moved aside (returned in `trash`); a link to another
 * output folder is replaced. On Windows the link is a junction, which needs no privilege.
 */
export function linkPageCopies(cacheDir: string, outDir: string, pid = process.pid): LinkedCopies {
  const link = path.join(cacheDir, PAGE_COPIES);
  const trash = leftovers(link);
  let stat: ReturnType<typeof lstatSync> | undefined;
  try {
    stat = lstatSync(link);
  } catch {
    stat = undefined;
  }
  try {
    if (stat?.isSymbolicLink()) {
      if (path.resolve(cacheDir, readlinkSync(link)) === path.resolve(outDir)) return { trash };
      unlinkSync(link);
    } else if (stat) {
      const aside = trashFolder(link, trash, pid);
      renameSync(link, aside);
      trash.push(aside);
    }
    mkdirSync(cacheDir, { recursive: true });
    symlinkSync(path.resolve(outDir), link, 'junction');
    return { trash };
  } catch (err) {
    return { trash, skipped: `cannot link ${link} to ${outDir}: ${(err as Error).message}` };
  }
}

/**
 * The files of `written` (relative to `outDir`) that are not there: pages the build wrote and
 * something deleted since (see linkPageCopies). Empty when all are in place.
 */
export function missingOutputs(outDir: string, written: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const rel of written) {
    try {
      lstatSync(path.join(outDir, rel));
    } catch {
      missing.push(rel);
    }
  }
  return missing.sort();
}

/** Deletes `folders` in a child process; resolves when it is done (true) or failed (false). */
export function deleteInBackground(folders: string[]): Promise<boolean> {
  if (folders.length === 0) return Promise.resolve(true);
  const child = spawn(
    process.execPath,
    [
      '-e',
      "for (const d of process.argv.slice(1)) require('node:fs').rmSync(d, { recursive: true, force: true, maxRetries: 3 })",
      ...folders,
    ],
    { stdio: 'ignore' },
  );
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Empties `outDir` (all but .git) on this thread: what moveAside could not move. */
export function emptyFolder(outDir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return;
  }
  for (const entry of entries) if (!KEEP.has(entry)) rmSync(path.join(outDir, entry), { recursive: true, force: true, maxRetries: 3 });
}

/** Sibling folders an interrupted build left (see moveAside), to delete. */
export function leftovers(outDir: string): string[] {
  const parent = path.dirname(outDir);
  const prefix = trashPrefix(outDir);
  try {
    return readdirSync(parent)
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .map((name) => path.join(parent, name));
  } catch {
    return [];
  }
}

/** What the output folder needs of Astro's incremental-build manifest. */
export interface AstroManifest {
  /** A digest that does not depend on the order the routes were recorded in (pages finish in any order). */
  digest: string;
  /** Each recorded page's output file, relative to the output folder. */
  outputs: string[];
}

/** Astro's incremental-build manifest at `file`; undefined when it is missing or unreadable. */
export function readManifest(file: string): AstroManifest | undefined {
  let data: { version?: unknown; configHash?: unknown; lockfileHash?: unknown; routes?: unknown };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || typeof data.routes !== 'object' || data.routes === null) return undefined;
  const lines: string[] = [];
  const outputs: string[] = [];
  for (const [component, route] of Object.entries(data.routes as Record<string, { dependencyHash?: unknown; paths?: unknown }>)) {
    for (const [pathname, entry] of Object.entries((route?.paths ?? {}) as Record<string, { outputFile?: unknown }>)) {
      lines.push(JSON.stringify([component, route.dependencyHash, pathname, entry]));
      if (typeof entry?.outputFile === 'string') outputs.push(entry.outputFile);
    }
  }
  lines.sort();
  const hash = createHash('sha256');
  // Not keyDigest: Astro makes a new encryption key for every build (unless ASTRO_KEY is set),
  // and compares it itself for the only pages it matters to (server islands: none here).
  hash.update(JSON.stringify([data.version, data.configHash, data.lockfileHash]));
  for (const line of lines) hash.update(`\n${line}`);
  return { digest: hash.digest('hex'), outputs };
}

/** The stamp: for each output folder a build completed, the manifest digest it left. */
interface Stamp {
  version: 1;
  folders: Record<string, string>;
}
/** Output folders remembered at most (the oldest are forgotten: those fall back to clearing). */
const STAMP_FOLDERS = 16;

function readStamp(file: string): Stamp {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    if (data.version === 1 && typeof data.folders === 'object' && data.folders !== null) return data;
  } catch {
    // Missing or damaged: vouches for nothing.
  }
  return { version: 1, folders: {} };
}

function writeStamp(file: string, stamp: Stamp): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(stamp));
  renameSync(tmp, file);
}

/**
 * Astro's manifest at `manifestFile` when `outDir` holds what the build that left it wrote, as
 * `stampFile` records (recordOutput); undefined otherwise, and without reading the manifest when
 * the stamp does not name the folder. Either way the folder is forgotten until this build records
 * it again, so a build that stops half way leaves a folder the next build clears.
 */
export function trustedManifest(stampFile: string, manifestFile: string, outDir: string): AstroManifest | undefined {
  const stamp = readStamp(stampFile);
  const recorded = stamp.folders[outDir];
  if (recorded === undefined) return undefined;
  delete stamp.folders[outDir];
  writeStamp(stampFile, stamp);
  const manifest = readManifest(manifestFile);
  return manifest?.digest === recorded ? manifest : undefined;
}

/** Records that `outDir` holds what this build wrote, with the manifest it left at `manifestFile` (see trustedManifest). */
export function recordOutput(stampFile: string, manifestFile: string, outDir: string): void {
  const manifest = readManifest(manifestFile);
  const stamp = readStamp(stampFile);
  delete stamp.folders[outDir];
  if (manifest) stamp.folders[outDir] = manifest.digest;
  const kept = Object.entries(stamp.folders).slice(-STAMP_FOLDERS);
  writeStamp(stampFile, { version: 1, folders: Object.fromEntries(kept) });
}

/**
 * Deletes a file that stands where one of `outputs` (a page's `<path>/index.html`) needs its
 * folder: a redirect page for an old URL that names a file (/2010/07/post.html), which the last
 * build moved from post.html/index.html to post.html (src/integrations/hosting.ts). Astro then
 * writes the page again, and hosting moves it again. Returns the deleted files.
 */
export function clearPageFolders(outDir: string, outputs: readonly string[]): string[] {
  const cleared: string[] = [];
  for (const output of outputs) {
    if (!output.endsWith('/index.html')) continue;
    const folder = output.slice(0, -'/index.html'.length);
    // Only a name with a dot can be such a file; the rest needs no look.
    if (!path.posix.basename(folder).includes('.')) continue;
    const full = path.join(outDir, folder);
    try {
      if (!lstatSync(full).isFile()) continue;
    } catch {
      continue;
    }
    unlinkSync(full);
    cleared.push(folder);
  }
  return cleared;
}

/**
 * The file system's clock now, as it stamps files in `dir` (its own coarse clock, which may lag
 * Date.now() by a tick): a file written from now on has a modification time at least this.
 */
export function fileClock(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const probe = path.join(dir, `.backchannel-clock-${process.pid}`);
  writeFileSync(probe, '');
  try {
    return statSync(probe).mtimeMs;
  } finally {
    unlinkSync(probe);
  }
}

/**
 * Deletes from `outDir` every file this build did not write: not in `keep` (paths relative to
 * `outDir`, with /) and last modified before `since` (fileClock at the build's start). Folders
 * left empty go too; .git at the top is never touched. Returns the deleted files' paths.
 */
export function pruneOutput(outDir: string, keep: ReadonlySet<string>, since: number): string[] {
  const removed: string[] = [];
  const emptied = new Set<string>();
  for (const rel of filesUnder(outDir)) {
    if (KEEP.has(rel.split('/')[0] as string) || keep.has(rel)) continue;
    const full = path.join(outDir, rel);
    let mtime: number;
    try {
      mtime = lstatSync(full).mtimeMs;
    } catch {
      continue;
    }
    if (mtime >= since) continue;
    unlinkSync(full);
    removed.push(rel);
    emptied.add(path.dirname(full));
  }
  // Deepest first, so a folder whose only content was a folder goes too.
  for (const dir of [...emptied].sort((a, b) => b.length - a.length)) {
    for (let d = dir; d.startsWith(outDir + path.sep); d = path.dirname(d)) {
      try {
        rmdirSync(d);
      } catch {
        break;
      }
    }
  }
  return removed.sort();
}

/** `file` relative to `dir`, with / between folders: how the output folder's files are named here. */
export function relativeName(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** The files (not folders) under `dir`, by relativeName; none when it cannot be read. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => relativeName(dir, path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}
