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
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { parseEnv } from '../env.ts';
import { linkOrCopy } from '../link-or-copy.ts';
import { releaseFreedMemory } from '../memory.ts';
import { rewriteBundleMeta } from './bundle-meta.ts';
import { closeMetaChunkGaps } from './chunk-ranges.ts';
import {
  BALLAST,
  type BasePage,
  DELTA_FOLDER,
  deltaParts,
  INDEX_LIMITS,
  type IndexLimits,
  LIVE,
  ONE_INDEX,
  PART_FILTER,
  PARTS_FILE,
  type PagePrint,
  planIndex,
  readParts,
  type SearchParts,
} from './delta.ts';
import { rechunkIndex } from './rechunk.ts';
import { offsetDateOrder, planShards, shardFolder } from './shards.ts';
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
  /** Pagefind indexes the full index was written as (./shards.ts); 1 when not sharded. */
  shards?: number;
  /** Set when only changed pages were indexed, beside the last full index (see ./delta.ts). */
  delta?: { changed: number; removed: number; ballast: number; basePages: number };
  /** Why the whole index was rebuilt, when it was (no earlier index, too many changes…). */
  fullBecause?: string;
  /** Set when the whole index was begun while the pages rendered (EarlyIndex): how long the build then waited for it. */
  early?: { waitedMs: number };
  /** Resident MiB of the build process before and after it handed back freed memory (../memory.ts), when it did. */
  released?: { before: number; after: number };
}

/** Fails with every message Pagefind gave, so a broken index stops the build with its cause. */
function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`[search] Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
}

/** Pages in a written bundle, from its entry file (one count per language), with its shards'. */
function indexedPages(bundleDir: string, shards: readonly string[] = []): number {
  return [bundleDir, ...shards.map((s) => path.join(bundleDir, s))].reduce((sum, dir) => sum + entryPages(dir), 0);
}

function entryPages(bundleDir: string): number {
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
const INDEX_RECIPE = 7;

/** The HTML files of `outDir` to index (all of them without a glob), as sorted relative paths. */
function pagesToIndex(outDir: string, glob: string | undefined): string[] {
  const bundle = `${SEARCH_BUNDLE}/`;
  return globSync(glob ?? '**/*.html', { cwd: outDir })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith(bundle))
    .sort();
}

/**
 * A prepared page's date sort value, as SearchRecord.astro writes it. A copy: V8 keeps a matched
 * substring as a slice of the whole page, so 9,728 prints held 9,728 pages (about 400 MB of heap at
 * 10,000 articles) through the Pagefind runs.
 */
function sortDate(html: string): string | undefined {
  const value = /data-pagefind-sort="date\[data-value\]" data-value="([^"]*)"/.exec(html)?.[1];
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as string);
}

/**
 * A function that makes a folder (and its parents) the first time it is asked for it and never
 * again: a recursive mkdir of a folder that exists is still a system call, slow on the build
 * machine's disk, and the search step places thousands of files in a few hundred folders.
 */
function folderMaker(): (dir: string) => void {
  const made = new Set<string>();
  return (dir) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/**
 * The prepared pages Pagefind reads (pageForIndex), mirrored in a folder kept between builds:
 * rewriting 10,000 files takes seconds, but creating and deleting their 15,000 folders took
 * 10-40 s on the build machine's disk. A page whose print (hash and date) is the one recorded
 * beside the folder (`<dir>.json`) by the last build is not written again. Pages are put one by
 * one, from the build's output or as they are rendered (EarlyIndex), then `seal` leaves exactly
 * the given files in the folder and records their prints.
 */
export class PageStage {
  readonly dir: string;
  private readonly before: Record<string, PagePrint>;
  private readonly prints = new Map<string, PagePrint>();
  private readonly folder = folderMaker();

  constructor(dir: string) {
    this.dir = dir;
    const record = `${dir}.json`;
    this.before = existsSync(dir) && existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as Record<string, PagePrint>) : {};
    // Until sealed, the folder may hold pages the record does not describe.
    rmSync(record, { force: true });
  }

  /** Pages put so far. */
  get size(): number {
    return this.prints.size;
  }

  has(file: string): boolean {
    return this.prints.has(file);
  }

  /** Stages the page `file` (relative to the output folder, `/`-separated) from its built HTML. */
  put(file: string, html: string): void {
    const page = pageForIndex(html);
    const print: PagePrint = { hash: hashOf(page), date: sortDate(page) };
    this.prints.set(file, print);
    const target = path.join(this.dir, file);
    if (this.before[file]?.hash === print.hash && existsSync(target)) return;
    this.folder(path.dirname(target));
    writeFileSync(target, page);
  }

  /**
   * Removes staged pages that are not in `files`, records the prints and returns them in the
   * order of `files` (every one of which must have been put).
   */
  seal(files: readonly string[]): Map<string, PagePrint> {
    const keep = new Set(files);
    if (existsSync(this.dir)) {
      for (const f of globSync('**/*.html', { cwd: this.dir })) if (!keep.has(f.split(path.sep).join('/'))) rmSync(path.join(this.dir, f));
    }
    const prints = new Map<string, PagePrint>();
    for (const file of files) {
      const print = this.prints.get(file);
      if (!print) throw new Error(`[search] ${file} was never staged`);
      prints.set(file, print);
    }
    mkdirSync(path.dirname(this.dir), { recursive: true });
    writeFileSync(`${this.dir}.json`, JSON.stringify(Object.fromEntries(prints)));
    return prints;
  }
}

/** Stages the pages of `outDir` named in `files` that `stage` does not hold yet, then seals it with them. */
function stagePages(outDir: string, files: string[], stage: PageStage): Map<string, PagePrint> {
  for (const file of files) if (!stage.has(file)) stage.put(file, readFileSync(path.join(outDir, file), 'utf8'));
  return stage.seal(files);
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

/** The pages of `outDir` to index; a site without articles yet still gets a (small) bundle, so the search page works. */
function filesToIndex(outDir: string, glob: string | undefined): string[] {
  if (!existsSync(outDir)) throw new Error(`[search] Cannot index ${outDir}: the folder does not exist.`);
  let files = pagesToIndex(outDir, glob);
  if (glob && files.length === 0) files = pagesToIndex(outDir, undefined);
  if (files.length === 0) throw new Error(`[search] Pagefind found no HTML pages in ${outDir}; did the build write any?`);
  return files;
}

/**
 * Pagefind over the prepared pages in `folder`, writing a bundle to `bundle` with its word index
 * in smaller chunks (./rechunk.ts) whose ranges are closed (./chunk-ranges.ts), so a search
 * fetches only the word chunk it needs and little beside it, and its
 * date order moved up by `dateOffset` (a shard's, ./shards.ts).
 */
/** The last Pagefind run asked for: runs wait for it, since they share Pagefind's one service process, which each closes. */
let pagefindTurn: Promise<unknown> = Promise.resolve();

function runPagefind(
  folder: string,
  bundle: string,
  what: string,
  dateOffset = 0,
): Promise<{ read: number; feedMs: number; writeMs: number }> {
  const run = pagefindTurn.then(() => runPagefindNow(folder, bundle, what, dateOffset));
  pagefindTurn = run.catch(() => {});
  return run;
}

async function runPagefindNow(
  folder: string,
  bundle: string,
  what: string,
  dateOffset: number,
): Promise<{ read: number; feedMs: number; writeMs: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    check('start', errors);
    if (!index) throw new Error('[search] Pagefind returned no index and no error.');
    // Pagefind reads the prepared pages from a folder, in parallel, as it read the build's.
    // Sending them through its API (addHTMLFile) was measured too: the service decodes every page
    // from base64 JSON one message at a time, 36-43 s at 10,000 articles where reading files
    // takes 17 s.
    const added = await index.addDirectory({ path: folder });
    check(`index ${what}`, added.errors);
    const fed = performance.now();
    // A bundle left in the folder may share its files with the cache (linkTree): write a new
    // one beside nothing, so Pagefind never writes into a file the cache also holds.
    rmSync(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    check(`write the search bundle to ${written.outputPath}`, written.errors);
    rewriteBundleMeta(bundle, (meta, file) => {
      rechunkIndex(bundle, meta, file);
      closeMetaChunkGaps(meta, file);
      offsetDateOrder(meta, dateOffset, file);
    });
    return { read: added.page_count, feedMs: fed - started, writeMs: performance.now() - fed };
  } finally {
    // Pagefind runs as a child process; without this the build would wait on it.
    await pagefind.close();
  }
}

/** The report of a Pagefind run that wrote `bundle` (with `shards`), begun at `started`. */
function reportOf(
  bundle: string,
  run: { read: number; feedMs: number; writeMs: number },
  started: number,
  shards: readonly string[] = [],
): SearchIndexReport {
  return {
    read: run.read,
    indexed: indexedPages(bundle, shards),
    ...sizeOf(bundle),
    milliseconds: performance.now() - started,
    phases: { feedMs: run.feedMs, writeMs: run.writeMs },
    shards: shards.length + 1,
  };
}

/** Removes Pagefind's library from a bundle merged into another: the search page loads the first bundle's, never this copy. */
function dropLibrary(bundle: string): void {
  for (const name of readdirSync(bundle)) if (/\.(js|css)$|^wasm\./.test(name)) rmSync(path.join(bundle, name));
}

/**
 * Every page staged in `stage` indexed into `bundle`: one Pagefind index, or, for more pages than
 * `shardPages`, one per range of dates, written one after the other (./shards.ts): the oldest in
 * the bundle itself, the others in its shard folders, which are returned.
 */
async function writeFullIndex(
  stage: string,
  prints: ReadonlyMap<string, PagePrint>,
  bundle: string,
  what: string,
  shardPages: number,
): Promise<{ read: number; feedMs: number; writeMs: number; shards: string[] }> {
  const plan = planShards(prints, shardPages);
  if (plan.length === 1) return { ...(await runPagefind(stage, bundle, what)), shards: [] };
  const total = { read: 0, feedMs: 0, writeMs: 0, shards: [] as string[] };
  const place = linkOrCopy();
  for (const [i, shard] of plan.entries()) {
    // Beside the stage, so its pages are hard links, not copies.
    const folder = mkdtempSync(`${stage.replace(/[\\/]+$/, '')}-shard-`);
    try {
      const mkdir = folderMaker();
      for (const rel of shard.pages) {
        mkdir(path.dirname(path.join(folder, rel)));
        place(path.join(stage, rel), path.join(folder, rel));
      }
      const target = i === 0 ? bundle : path.join(bundle, shardFolder(i));
      const run = await runPagefind(folder, target, `${what} (shard ${i + 1} of ${plan.length})`, shard.offset);
      if (i > 0) {
        dropLibrary(target);
        total.shards.push(shardFolder(i));
      }
      total.read += run.read;
      total.feedMs += run.feedMs;
      total.writeMs += run.writeMs;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return total;
}

/** The shard folders a written bundle's parts file names. */
function shardsOf(bundle: string): string[] {
  const file = path.join(bundle, PARTS_FILE);
  return existsSync(file) ? (readParts(JSON.parse(readFileSync(file, 'utf8')))?.shards ?? []) : [];
}

/** Writes the parts file (./delta.ts) into a bundle, replacing rather than writing into a file the cache may share. */
function writeParts(bundle: string, parts: SearchParts): void {
  const file = path.join(bundle, PARTS_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(parts));
}

/**
 * Indexes the built site in `outDir` (only the files matching `glob`, when given) and writes the search bundle to <outDir>/pagefind/. Which
 * content counts is decided by the templates: article pages mark their body and comments with
 * data-pagefind-body, so every other page is left out (see src/components/search/SearchRecord.astro).
 * Pagefind reads the pages as pageForIndex prepares them, from `stage` (a folder kept for the
 * purpose; a temporary one when not given).
 */
export async function indexSite(outDir: string, glob?: string, stage?: string): Promise<SearchIndexReport> {
  const started = performance.now();
  const files = filesToIndex(outDir, glob);
  const folder = stage ?? mkdtempSync(path.join(tmpdir(), 'backchannel-search-'));
  try {
    const prints = stagePages(outDir, files, new PageStage(folder));
    const bundle = path.join(outDir, SEARCH_BUNDLE);
    const run = await writeFullIndex(folder, prints, bundle, outDir, INDEX_LIMITS.shardPages);
    writeParts(bundle, { ...ONE_INDEX, shards: run.shards });
    return reportOf(bundle, run, started, run.shards);
  } finally {
    if (!stage) rmSync(folder, { recursive: true, force: true });
    if (!stage) rmSync(`${folder}.json`, { force: true });
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
  const folder = folderMaker();
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(from, path.join(entry.parentPath, entry.name));
    if (entry.isDirectory()) {
      folder(path.join(to, rel));
      continue;
    }
    folder(path.dirname(path.join(to, rel)));
    place(path.join(from, rel), path.join(to, rel));
  }
}

/** Folder and file in the search cache that keep the last full index (the base) and its pages' prints and ids. */
const BASE = 'base';
const BASE_RECORD = 'base.json';

interface BaseRecord {
  version: string;
  recipe: number;
  glob: string;
  pages: Record<string, BasePage>;
  /** Its shard folders after the first (./shards.ts). */
  shards: string[];
}

type Base = Pick<BaseRecord, 'pages' | 'shards'>;

/** The base's pages and shards, when there is a base made by this Pagefind and recipe for this glob. */
function readBase(cacheDir: string, glob: string | undefined): Base | undefined {
  const file = path.join(cacheDir, BASE_RECORD);
  if (!existsSync(file) || !existsSync(path.join(cacheDir, BASE, 'pagefind-entry.json'))) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as BaseRecord;
    const fits = record.version === pagefindVersion() && record.recipe === INDEX_RECIPE && record.glob === (glob ?? '');
    return fits ? { pages: record.pages, shards: record.shards } : undefined;
  } catch {
    return undefined;
  }
}

/** The URL Pagefind gives a page at `rel` in the output folder. */
function urlOf(rel: string): string {
  return `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Pagefind's id of every page in a bundle and its `shards`, by URL, read from its result fragments (single or grouped). */
function idsByUrl(bundle: string, shards: readonly string[] = []): Map<string, string> {
  const ids = new Map<string, string>();
  for (const part of [bundle, ...shards.map((s) => path.join(bundle, s))]) readIds(path.join(part, 'fragment'), ids);
  return ids;
}

function readIds(dir: string, ids: Map<string, string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.pf_fragment')) continue;
    const text = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8');
    const json = JSON.parse(text.slice(text.indexOf('{'))) as { url?: string } | Record<string, { url?: string }>;
    if (typeof json.url === 'string') ids.set(json.url, name.slice(0, -'.pf_fragment'.length));
    else
      for (const [id, fragment] of Object.entries(json as Record<string, { url?: string }>)) if (fragment?.url) ids.set(fragment.url, id);
  }
}

/** A prepared page with its part filter value (./delta.ts), inside its indexed body. */
function withPart(html: string, part: string): string {
  const tag = `<span data-pagefind-filter="${PART_FILTER}[data-value]" data-value="${part}"></span>`;
  const marker = html.indexOf('data-pagefind-body');
  const at = marker >= 0 ? html.indexOf('>', marker) : html.search(/<body[\s>]/) >= 0 ? html.indexOf('>', html.search(/<body[\s>]/)) : -1;
  return at < 0 ? tag + html : html.slice(0, at + 1) + tag + html.slice(at + 1);
}

/** A full index of the staged pages, written by writeFullIndex into `bundle`. */
interface FullRun {
  bundle: string;
  prints: ReadonlyMap<string, PagePrint>;
  run: { read: number; feedMs: number; writeMs: number; shards: string[] };
  /** When Pagefind was started (performance.now()). */
  started: number;
}

/** Indexes every staged page into `bundle`, with Pagefind, without touching the cache. */
async function runFull(
  stage: string,
  prints: ReadonlyMap<string, PagePrint>,
  bundle: string,
  what: string,
  shardPages: number,
): Promise<FullRun> {
  const started = performance.now();
  return { bundle, prints, run: await writeFullIndex(stage, prints, bundle, what, shardPages), started };
}

/** Makes a full run the build's bundle (moved to `bundle` when written elsewhere) and the new base, with its pages' prints and ids. */
function adoptFull(full: FullRun, bundle: string, cacheDir: string, glob: string | undefined): SearchIndexReport {
  const { run, prints } = full;
  if (full.bundle !== bundle) {
    rmSync(bundle, { recursive: true, force: true });
    try {
      renameSync(full.bundle, bundle);
    } catch {
      // Another file system: copied, then the original removed.
      linkTree(full.bundle, bundle);
      rmSync(full.bundle, { recursive: true, force: true });
    }
  }
  writeParts(bundle, { ...ONE_INDEX, shards: run.shards });
  const ids = idsByUrl(bundle, run.shards);
  const pages: Record<string, BasePage> = {};
  for (const [rel, print] of prints) pages[rel] = { ...print, id: ids.get(urlOf(rel)) };
  rmSync(path.join(cacheDir, BASE_RECORD), { force: true });
  rmSync(path.join(cacheDir, BASE), { recursive: true, force: true });
  linkTree(bundle, path.join(cacheDir, BASE));
  const record: BaseRecord = { version: pagefindVersion(), recipe: INDEX_RECIPE, glob: glob ?? '', pages, shards: run.shards };
  writeFileSync(path.join(cacheDir, BASE_RECORD), JSON.stringify(record));
  return reportOf(bundle, run, full.started, run.shards);
}

/** Indexes every staged page into the bundle and keeps it, with its pages' prints and ids, as the new base. */
async function indexFull(
  outDir: string,
  stage: string,
  prints: ReadonlyMap<string, PagePrint>,
  cacheDir: string,
  glob: string | undefined,
  shardPages: number,
): Promise<SearchIndexReport> {
  // Pagefind's processes need a gigabyte or more each on a big site: run them beside a build
  // process that has handed back the memory its content, pages and staging no longer use.
  const released = releaseFreedMemory();
  const bundle = path.join(outDir, SEARCH_BUNDLE);
  const full = await runFull(stage, prints, bundle, outDir, shardPages);
  return { ...adoptFull(full, bundle, cacheDir, glob), ...(released ? { released } : {}) };
}

/** A path Astro prerenders, as its prerenderer lists it (astro's PathWithRoute, narrowed to what is read here). */
export interface RenderPath {
  pathname: string;
  route: { type: string };
}

/**
 * The file a prerendered path is written to, relative to the output folder, for the
 * `directory` build format: a page `/a/b/` is `a/b/index.html` (the 404 page `404.html`), an
 * endpoint keeps its path (`/rss.xml`).
 */
export function outputFileOf(pathname: string, routeType: string): string {
  const trimmed = pathname.replace(/^\/+|\/+$/g, '');
  if (routeType !== 'page') return trimmed;
  if (trimmed === '404' || trimmed === '500') return `${trimmed}.html`;
  return trimmed ? `${trimmed}/index.html` : 'index.html';
}

/**
 * The search index, begun while the pages are still being rendered: the build hands it the
 * paths it will render (`order`, which puts the pages the index reads first) and each indexed
 * page's HTML as it is rendered (`add`). When the last of them has been rendered and the index
 * is to be rebuilt whole (no earlier index, or too much changed), Pagefind starts at once, on
 * the cores the rest of the pages leave, instead of after every page, feed and listing is
 * written. indexSiteCached then uses its bundle if the build's output holds exactly those
 * pages; else (pages restored from Astro's cache, or files the prerenderer never saw) it stages
 * what is missing from the output, as without it. Pages are indexed exactly as rendered, which
 * is what Astro writes.
 */
export class EarlyIndex {
  private readonly expected = new Set<string>();
  private stage: PageStage | undefined;
  private full: Promise<FullRun> | undefined;
  private files: string[] = [];
  private reason = '';
  private readonly cacheDir: string;
  private readonly glob: string;
  private readonly limits: IndexLimits;

  constructor(cacheDir: string, glob: string, limits: IndexLimits = INDEX_LIMITS) {
    this.cacheDir = cacheDir;
    this.glob = glob;
    this.limits = limits;
  }

  /**
   * The paths in the order to render them: those whose file the index reads first, each group
   * in its own order. Paths are left as they are when two share a file, since Astro renders the
   * first of those and order decides which.
   */
  order<T extends RenderPath>(paths: readonly T[]): T[] {
    const files = paths.map((p) => outputFileOf(p.pathname, p.route.type));
    if (new Set(files).size !== files.length) return [...paths];
    const indexed: T[] = [];
    const rest: T[] = [];
    paths.forEach((p, i) => {
      const file = files[i] as string;
      if (p.route.type === 'page' && path.matchesGlob(file, this.glob)) {
        this.expected.add(file);
        indexed.push(p);
      } else rest.push(p);
    });
    return [...indexed, ...rest];
  }

  /** Whether the index reads the page rendered at `pathname` (one of the paths `order` put first). */
  wants(pathname: string, routeType: string): boolean {
    return this.expected.has(outputFileOf(pathname, routeType));
  }

  /** A rendered page: staged if the index reads it; Pagefind starts once the last one is in. */
  add(pathname: string, routeType: string, html: string): void {
    const file = outputFileOf(pathname, routeType);
    if (!this.expected.has(file) || this.stage?.has(file)) return;
    this.stage ??= new PageStage(path.join(this.cacheDir, STAGE));
    this.stage.put(file, html);
    if (this.stage.size === this.expected.size && !this.full) this.start();
  }

  private start(): void {
    const stage = this.stage as PageStage;
    this.files = [...this.expected].sort();
    const prints = stage.seal(this.files);
    const plan = planIndex(readBase(this.cacheDir, this.glob)?.pages, prints, this.limits);
    // A delta or the base as it is costs little after the pages; only a whole index is begun early.
    if (plan.kind !== 'full') return;
    this.reason = plan.reason;
    const bundle = mkdtempSync(path.join(this.cacheDir, 'early-'));
    this.full = runFull(stage.dir, prints, bundle, `${this.files.length} pages as rendered`, this.limits.shardPages);
    // Awaited by indexSiteCached; a failure must not surface as an unhandled rejection before then.
    this.full.catch(() => {});
  }

  /** The stage the pages went to, when any did (indexSiteCached stages the rest). */
  stageFor(dir: string): PageStage | undefined {
    return this.stage?.dir === dir ? this.stage : undefined;
  }

  /**
   * The early index, when one was begun from exactly `files`: waited for, with how long that
   * took. Otherwise undefined, after waiting for and removing any index begun from other files.
   */
  async take(files: readonly string[]): Promise<{ full: FullRun; waitedMs: number; reason: string } | undefined> {
    if (!this.full) return undefined;
    const waitStart = performance.now();
    const full = await this.full;
    const waitedMs = performance.now() - waitStart;
    this.full = undefined;
    if (files.length === this.files.length && files.every((f, i) => f === this.files[i])) return { full, waitedMs, reason: this.reason };
    rmSync(full.bundle, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * The base as it is, plus the changed pages (and the ballast) indexed into <bundle>/delta/, and
 * the parts file that merges them. Undefined when the parts would hide a page (an id collision):
 * the caller then indexes in full.
 */
async function indexDelta(
  outDir: string,
  stage: string,
  prints: ReadonlyMap<string, PagePrint>,
  cacheDir: string,
  base: Base,
  plan: Extract<ReturnType<typeof planIndex>, { kind: 'delta' }>,
): Promise<SearchIndexReport | undefined> {
  if (plan.changed.length + plan.ballast.length === 0) return undefined;
  const started = performance.now();
  const bundle = path.join(outDir, SEARCH_BUNDLE);
  const folder = mkdtempSync(path.join(tmpdir(), 'backchannel-search-delta-'));
  try {
    const mkdir = folderMaker();
    const put = (rel: string, part: string) => {
      mkdir(path.dirname(path.join(folder, rel)));
      writeFileSync(path.join(folder, rel), withPart(readFileSync(path.join(stage, rel), 'utf8'), part));
    };
    for (const rel of plan.changed) put(rel, LIVE);
    for (const rel of plan.ballast) put(rel, BALLAST);
    rmSync(bundle, { recursive: true, force: true });
    linkTree(path.join(cacheDir, BASE), bundle);
    const deltaBundle = path.join(bundle, DELTA_FOLDER);
    const run = await runPagefind(folder, deltaBundle, `${outDir} (changed pages)`);
    dropLibrary(deltaBundle);
    const ids = idsByUrl(deltaBundle);
    const deltaIds = new Map<string, string>();
    for (const rel of plan.changed) {
      const id = ids.get(urlOf(rel));
      if (id) deltaIds.set(rel, id);
    }
    const parts = deltaParts(base.pages, base.shards, plan, prints, deltaIds);
    if (!parts) return undefined;
    writeParts(bundle, parts);
    const basePages = indexedPages(bundle, base.shards);
    return {
      ...reportOf(bundle, run, started, base.shards),
      indexed: basePages - parts.superseded.length + deltaIds.size - parts.duplicates.length,
      delta: { changed: plan.changed.length, removed: plan.removed.length, ballast: plan.ballast.length, basePages },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the search cache keeps besides the latest bundle. */
const KEPT = new Set([STAGE, `${STAGE}.json`, BASE, BASE_RECORD]);

/**
 * indexSite, skipped when nothing it reads has changed: a build whose HTML is identical to the
 * last one's copies the cached bundle (Pagefind always re-reads every page, 2–5 s on 1,000
 * articles). Otherwise the pages are staged and compared with the last full index (the base):
 * when few of many changed, only those are indexed, as a delta beside the base (./delta.ts);
 * else the whole index is rebuilt and becomes the base. Only the latest bundle is kept.
 */
export async function indexSiteCached(
  outDir: string,
  glob: string | undefined,
  cacheDir: string,
  limits: IndexLimits = INDEX_LIMITS,
  early?: EarlyIndex,
): Promise<SearchIndexReport> {
  const started = performance.now();
  const key = searchIndexKey(outDir, glob);
  const entry = path.join(cacheDir, key);
  const bundle = path.join(outDir, SEARCH_BUNDLE);
  if (existsSync(path.join(entry, 'pagefind-entry.json'))) {
    // A bundle of these very pages is cached: any index begun early matches no file list and is dropped.
    await early?.take([]);
    rmSync(bundle, { recursive: true, force: true });
    linkTree(entry, bundle);
    const size = sizeOf(bundle);
    const indexed = indexedPages(bundle, shardsOf(bundle));
    return { read: indexed, indexed, ...size, milliseconds: performance.now() - started, fromCache: true };
  }
  mkdirSync(cacheDir, { recursive: true });
  const stageDir = path.join(cacheDir, STAGE);
  const files = filesToIndex(outDir, glob);
  const begun = await early?.take(files);
  let report: SearchIndexReport | undefined;
  if (begun) {
    // Timed from Pagefind's start, during the pages; `early` says how much of it the build waited.
    report = { ...adoptFull(begun.full, bundle, cacheDir, glob), fullBecause: begun.reason, early: { waitedMs: begun.waitedMs } };
    keepLatest(cacheDir, bundle, entry);
    return report;
  }
  const prints = stagePages(outDir, files, early?.stageFor(stageDir) ?? new PageStage(stageDir));
  const base = readBase(cacheDir, glob);
  const plan = planIndex(base?.pages, prints, limits);
  if (plan.kind === 'base') {
    rmSync(bundle, { recursive: true, force: true });
    linkTree(path.join(cacheDir, BASE), bundle);
    const indexed = indexedPages(bundle, base?.shards);
    report = { read: 0, indexed, ...sizeOf(bundle), milliseconds: 0, fromCache: true };
  } else if (plan.kind === 'delta' && base) {
    report = await indexDelta(outDir, stageDir, prints, cacheDir, base, plan);
  }
  report ??= {
    ...(await indexFull(outDir, stageDir, prints, cacheDir, glob, limits.shardPages)),
    fullBecause: plan.kind === 'full' ? plan.reason : 'page ids of the two parts collide',
  };
  keepLatest(cacheDir, bundle, entry);
  return { ...report, milliseconds: performance.now() - started };
}

/** Leaves in the search cache only what it keeps (KEPT) and a copy of the build's bundle under its key (`entry`). */
function keepLatest(cacheDir: string, bundle: string, entry: string): void {
  const temp = `${entry}.tmp-${process.pid}`;
  for (const old of readdirSync(cacheDir)) if (!KEPT.has(old)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  linkTree(bundle, temp);
  renameSync(temp, entry);
}
