import { createHash } from 'node:crypto';
import {
  existsSync,
  globSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { parseEnv } from '../env.ts';
import { linkOrCopy } from '../link-or-copy.ts';
import { closeBundleChunkGaps } from './chunk-ranges.ts';
import { plainApostrophes } from './text.ts';

/** Folder of the search bundle inside the build output, and its URL path on the site. */
export const SEARCH_BUNDLE = 'pagefind';

/** What indexing a built site produced. */
export interface SearchIndexReport {
  /** HTML files Pagefind read. */
  read: number;
  /** Pages in the index: those with data-pagefind-body (articles). */
  indexed: number;
  /** Bytes written under <outDir>/pagefind/. */
  bytes: number;
  files: number;
  milliseconds: number;
  /** Of those: preparing the pages and Pagefind reading them, then Pagefind building and writing the bundle. */
  phases?: { feedMs: number; writeMs: number };
  /** True when the bundle was copied from the cache instead of built. */
  fromCache?: boolean;
}

/** Fails with every message Pagefind gave, so a broken index stops the build with its cause. */
function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`[search] Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
}

/** Pages in a written bundle, from its entry file (one count per language). */
function indexedPages(bundleDir: string): number {
  const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Folder in the search cache that keeps the prepared pages between builds (see stagePages). */
const STAGE = 'pages';

/** Bump when indexSite changes what it hands Pagefind or how it rewrites the bundle, so cached bundles are not reused. */
const INDEX_RECIPE = 4;

/** The HTML files of `outDir` to index (all of them without a glob), as sorted relative paths. */
function pagesToIndex(outDir: string, glob: string | undefined): string[] {
  const bundle = `${SEARCH_BUNDLE}/`;
  return globSync(glob ?? '**/*.html', { cwd: outDir })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith(bundle))
    .sort();
}

/**
 * Mirrors the pages of `outDir` named in `files` into `stage` as pageForIndex prepares them, and
 * removes staged pages that are no longer built. The stage is kept between builds: rewriting
 * 10,000 files takes seconds, but creating and deleting their 15,000 folders took 10-40 s on the
 * build machine's disk.
 */
function stagePages(outDir: string, files: string[], stage: string): void {
  const keep = new Set(files);
  if (existsSync(stage)) {
    for (const f of globSync('**/*.html', { cwd: stage })) if (!keep.has(f.split(path.sep).join('/'))) rmSync(path.join(stage, f));
  }
  for (const file of files) {
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    writeFileSync(path.join(stage, file), pageForIndex(readFileSync(path.join(outDir, file), 'utf8')));
  }
}

/**
 * `html` without the contents of its <head>. Pagefind indexes the body and reads the language from
 * <html lang>; the head is a third of an article page (its JSON-LD repeats every comment), so
 * handing it over only costs time. The JSON-LD escapes "<" (src/lib/seo.ts), so the first
 * `</head>` is the head's end.
 */
function withoutHead(html: string): string {
  const start = html.search(/<head[\s>]/);
  const end = html.indexOf('</head>');
  return start >= 0 && end > start ? html.slice(0, start) + html.slice(end + '</head>'.length) : html;
}

/**
 * A page as the index reads it: without its head, and with typographic apostrophes made plain
 * (see ./text.ts) everywhere but the record block (SearchRecord.astro, `data-search-record`),
 * whose values results show as written.
 */
export function pageForIndex(page: string): string {
  const html = withoutHead(page);
  const marker = html.indexOf(' data-search-record');
  const start = marker < 0 ? -1 : html.lastIndexOf('<div', marker);
  const end = marker < 0 ? -1 : html.indexOf('</div>', marker);
  if (start < 0 || end < 0) return plainApostrophes(html);
  return plainApostrophes(html.slice(0, start)) + html.slice(start, end) + plainApostrophes(html.slice(end));
}

/**
 * Indexes the built site in `outDir` (only the files matching `glob`, when given) and writes the search bundle to <outDir>/pagefind/. Which
 * content counts is decided by the templates: article pages mark their body and comments with
 * data-pagefind-body, so every other page is left out (see src/components/search/SearchRecord.astro).
 * Pagefind reads the pages as pageForIndex prepares them, from `stage` (a folder kept for the
 * purpose; a temporary one when not given); the bundle's chunk ranges are then closed
 * (./chunk-ranges.ts), so a search fetches only the word chunk it needs.
 */
export async function indexSite(outDir: string, glob?: string, stage?: string): Promise<SearchIndexReport> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`[search] Cannot index ${outDir}: the folder does not exist.`);
  let temporary: string | undefined;
  try {
    const { index, errors } = await pagefind.createIndex({});
    check('start', errors);
    if (!index) throw new Error('[search] Pagefind returned no index and no error.');
    // A site without articles yet still gets a (small) bundle, so the search page works.
    let files = pagesToIndex(outDir, glob);
    if (glob && files.length === 0) files = pagesToIndex(outDir, undefined);
    if (files.length === 0) throw new Error(`[search] Pagefind found no HTML pages in ${outDir}; did the build write any?`);
    // Pagefind reads the prepared pages from a folder, in parallel, as it read the build's.
    // Sending them through its API (addHTMLFile) was measured too: the service decodes every page
    // from base64 JSON one message at a time, 36-43 s at 10,000 articles where reading files
    // takes 17 s.
    const folder = stage ?? mkdtempSync(path.join(tmpdir(), 'backchannel-search-'));
    if (!stage) temporary = folder;
    stagePages(outDir, files, folder);
    const added = await index.addDirectory({ path: folder });
    check(`index ${outDir}`, added.errors);
    const fed = performance.now();
    // A bundle left in the folder may share its files with the cache (linkTree): write a new
    // one beside nothing, so Pagefind never writes into a file the cache also holds.
    const bundle = path.join(outDir, SEARCH_BUNDLE);
    rmSync(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    check(`write the search bundle to ${written.outputPath}`, written.errors);
    closeBundleChunkGaps(bundle);
    const done = performance.now();
    return {
      read: added.page_count,
      indexed: indexedPages(bundle),
      ...sizeOf(bundle),
      milliseconds: done - started,
      phases: { feedMs: fed - started, writeMs: done - fed },
    };
  } finally {
    // Pagefind runs as a child process; without this the build would wait on it.
    await pagefind.close();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

/** Folder that keeps the last search bundle between builds (SEARCH_CACHE_DIR to move it, e.g. into a CI cache). */
export function searchCacheDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return parseEnv(env, cwd).searchCacheDir;
}

/** Pagefind's version, read from node_modules/pagefind/package.json (the package exports neither it nor a require entry). */
function pagefindVersion(): string {
  let dir = process.cwd();
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', 'pagefind', 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/**
 * What the index is made from: every HTML file of the build (path and bytes), the glob,
 * Pagefind's version and this module's recipe. Unchanged content and templates give the same key.
 */
export function searchIndexKey(outDir: string, glob: string | undefined): string {
  const hash = createHash('sha256').update(`pagefind@${pagefindVersion()}\nrecipe ${INDEX_RECIPE}\n${glob ?? ''}\n`);
  const files = (readdirSync(outDir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.html') && !f.startsWith(`${SEARCH_BUNDLE}${path.sep}`))
    .sort();
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(path.join(outDir, f)))
      .update('\0');
  return hash.digest('hex').slice(0, 32);
}

/**
 * Mirrors the files of `from` into `to` as hard links (a 10,000-article bundle is 10,259 files),
 * or copies where the two folders are on different file systems. Pagefind and this module only
 * ever write new files, never into existing ones, so the two trees may share them.
 */
function linkTree(from: string, to: string): void {
  const place = linkOrCopy();
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(from, path.join(entry.parentPath, entry.name));
    if (entry.isDirectory()) {
      mkdirSync(path.join(to, rel), { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    place(path.join(from, rel), path.join(to, rel));
  }
}

/**
 * indexSite, skipped when nothing it reads has changed: a build whose HTML is identical to the
 * last one's copies the cached bundle (Pagefind always re-reads every page, 2–5 s on 1,000
 * articles). Only the latest bundle is kept.
 */
export async function indexSiteCached(outDir: string, glob: string | undefined, cacheDir: string): Promise<SearchIndexReport> {
  const started = performance.now();
  const key = searchIndexKey(outDir, glob);
  const entry = path.join(cacheDir, key);
  const bundle = path.join(outDir, SEARCH_BUNDLE);
  if (existsSync(path.join(entry, 'pagefind-entry.json'))) {
    rmSync(bundle, { recursive: true, force: true });
    linkTree(entry, bundle);
    const size = sizeOf(bundle);
    const indexed = indexedPages(bundle);
    return { read: indexed, indexed, ...size, milliseconds: performance.now() - started, fromCache: true };
  }
  const report = await indexSite(outDir, glob, path.join(cacheDir, STAGE));
  const temp = `${entry}.tmp-${process.pid}`;
  for (const old of readdirSync(cacheDir)) if (old !== STAGE) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  linkTree(bundle, temp);
  renameSync(temp, entry);
  return { ...report, milliseconds: performance.now() - started };
}
