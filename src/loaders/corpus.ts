import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { COMMENT_RENDERER_VERSION, renderCommentMarkdown } from '../lib/comment-markdown.ts';
import { type Corpus, type LoadOptions, loadCorpus } from '../lib/content/load.ts';
import { type FirstFiles, loadCorpusOnThread } from '../lib/content/load-parallel.ts';
import type { RenderedArticle, RenderedAuthor, RenderedComment, RenderedPage } from '../lib/content/model.ts';
import { buildEnv } from '../lib/env.ts';
import { ContentError } from '../lib/problems.ts';
import { withRenderedHtml } from '../lib/rendered-entry.ts';
import type { SiteInput } from '../lib/site.ts';
import { site } from '../site.config.ts';

/**
 * Content-layer loaders for the four collections. They share one read of the content folder
 * (src/lib/content/load.ts, also behind `npm run check`), so cross-file rules (unknown authors,
 * replies to missing comments, colliding URLs) are checked once and every problem is reported
 * together. Rendered HTML is kept in Astro's data store under a content digest, so a warm build
 * renders only what changed.
 */

let memo: { key: string; corpus: Corpus } | undefined;

// The pages and the post-build integrations (sitemap, host files, cards) need the same content.
// Astro loads them in other module graphs than this loader, so the read is handed over through one
// process-wide slot rather than this module's memo: one read of the folder per build. The slot
// also holds each entry's HTML as the sync leaves it in the data store (rendered now, or kept from
// the last build), so the pages build their model from here, not from getCollection(): that way
// the data store (150 MB at 10,000 articles) is never bundled into the page code, parsed again and
// held twice.
const READ = Symbol.for('backchannel.content-read');
interface Read {
  dir: string;
  corpus: Corpus;
  /** `<kind>/<id>` → the entry's HTML. */
  html: Map<string, string>;
  /** Collections synced so far (all four before the pages render). */
  synced: Set<Kind>;
}
type ReadSlot = { [READ]?: Read };

// Who waits for the read (the social cards, which need no comment and no rendered Markdown):
// called once, as soon as a build has read the authors, articles and pages without a problem,
// before any Markdown renders.
const LISTENERS = Symbol.for('backchannel.content-read-listeners');
type Listener = (first: FirstFiles) => void;
type ListenerSlot = { [LISTENERS]?: Listener[] };

/**
 * Calls `listener` with the authors, articles and pages once a build has read them without
 * problems (see LISTENERS); at once (on the next tick) if this build's folder is already read.
 */
export function onContentRead(listener: Listener): void {
  const read = (globalThis as ReadSlot)[READ];
  if (read?.dir === buildEnv().contentDir && !read.corpus.problems.length) {
    setImmediate(() => listener(read.corpus));
    return;
  }
  const slot = globalThis as ListenerSlot;
  slot[LISTENERS] = [...(slot[LISTENERS] ?? []), listener];
}

function contentRead(first: FirstFiles): void {
  const slot = globalThis as ListenerSlot;
  const listeners = slot[LISTENERS] ?? [];
  slot[LISTENERS] = [];
  for (const listener of listeners) listener(first);
}

// A build's read of the folder, begun on a thread of its own before the content sync (see
// readContentAhead): undefined if that thread failed, and the folder is then read here.
const AHEAD = Symbol.for('backchannel.content-ahead');
type AheadSlot = { [AHEAD]?: { dir: string; corpus: Promise<Corpus | undefined> } };

/** How a build reads the content folder: from the build environment and the site config. */
export function loadOptions(): LoadOptions {
  const { contentDir, publicDir } = buildEnv();
  return { contentDir, publicDir, timeZone: site.timeZone, permalink: site.permalink };
}

/** Makes `corpus` this build's one read of `dir` and tells who waits for it (if it has no problem). */
function settle(dir: string, corpus: Corpus): Read {
  const read: Read = { dir, corpus, html: new Map(), synced: new Set() };
  (globalThis as ReadSlot)[READ] = read;
  if (!corpus.problems.length) contentRead(corpus);
  return read;
}

/**
 * Starts a build's read of the content folder on a thread of its own, at once (from the first
 * integration's astro:config:setup), instead of on the main thread when the content sync begins:
 * Astro spends its first second or two starting Vite on one core, so the folder is read on the
 * other meanwhile, and the card drawers (onContentRead) start as soon as the articles are read,
 * before the comments. If the thread fails, `warn` says why and the sync reads the folder itself,
 * as without this.
 */
export function readContentAhead(warn: (message: string) => void): void {
  const opts = loadOptions();
  const corpus = loadCorpusOnThread(opts, contentRead).then(
    (c) => {
      if ((globalThis as ReadSlot)[READ]?.dir !== opts.contentDir) settle(opts.contentDir, c);
      return c;
    },
    (err: unknown) => {
      warn(
        `reading the content folder on a second thread failed (${err instanceof Error ? err.message : String(err)}); the content sync reads it instead`,
      );
      return undefined;
    },
  );
  (globalThis as AheadSlot)[AHEAD] = { dir: opts.contentDir, corpus };
}

/** This build's read of the folder: the one begun ahead, or one made now. */
async function buildRead(): Promise<Read> {
  const opts = loadOptions();
  const ahead = (globalThis as AheadSlot)[AHEAD];
  if (ahead?.dir === opts.contentDir) await ahead.corpus;
  const read = (globalThis as ReadSlot)[READ];
  if (read?.dir === opts.contentDir) return read;
  return settle(opts.contentDir, loadCorpus(opts));
}

/** The content this process's loaders read for a build of `dir`; undefined before the content sync, or under astro dev. */
export function corpusReadForBuild(dir: string): Corpus | undefined {
  const read = (globalThis as ReadSlot)[READ];
  return read?.dir === dir ? read.corpus : undefined;
}

/**
 * The content as the pages render it (each entry's data with its HTML, as getCollection() would
 * give it), from this build's content sync; undefined before all four collections are synced or
 * under astro dev.
 */
export function renderedContentForBuild(dir: string): SiteInput | undefined {
  const read = (globalThis as ReadSlot)[READ];
  if (read?.dir !== dir || read.synced.size < KINDS.length) return undefined;
  const entries = <T>(kind: Kind, collection: string) =>
    items(kind, read.corpus).map((item) =>
      withRenderedHtml<T>(collection, { id: item.id, data: item.data, rendered: htmlOf(read, kind, item.id) }),
    );
  return {
    articles: entries<RenderedArticle>('articles', 'article'),
    authors: entries<RenderedAuthor>('authors', 'author'),
    pages: entries<RenderedPage>('pages', 'page'),
    comments: entries<RenderedComment>('comments', 'comment'),
  };
}

function htmlOf(read: Read, kind: Kind, id: string): { html: string } | undefined {
  const html = read.html.get(`${kind}/${id}`);
  return html === undefined ? undefined : { html };
}

/** A cheap fingerprint of the content folder (paths, sizes, mtimes) to know when to re-read it. */
function fingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        parts.push(`${full}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}

let reported = '';

/**
 * The validated content. A build reads the folder once for all four collections and stops on
 * any problem. `astro dev` (which alone has a file watcher) keeps serving what is valid and
 * prints the problems once per change, so a typo in one file does not take the author's preview
 * down; the fix is picked up when the file is saved.
 */
async function corpus(ctx: LoaderContext): Promise<Corpus> {
  if (!ctx.watcher) {
    const { corpus: c } = await buildRead();
    if (c.problems.length) throw new ContentError(c.problems);
    return c;
  }
  // Files change under astro dev: read again when the fingerprint does.
  const opts = loadOptions();
  const key = `${opts.contentDir}\n${fingerprint(opts.contentDir)}`;
  if (memo?.key !== key) memo = { key, corpus: loadCorpus(opts) };
  const { problems } = memo.corpus;
  if (problems.length && reported !== key) {
    reported = key;
    ctx.logger.error(
      `${new ContentError(problems).message}\nThe preview shows everything else; \`npm run build\` fails until these are fixed.`,
    );
  }
  return memo.corpus;
}

const KINDS = ['articles', 'authors', 'pages', 'comments'] as const;
type Kind = (typeof KINDS)[number];

interface Item {
  id: string;
  data: Record<string, unknown>;
  markdown: string;
  file: string;
}

function items(kind: Kind, c: Corpus): Item[] {
  switch (kind) {
    case 'articles':
      return c.articles.map(({ body, ...data }) => ({ id: data.slug, data, markdown: body, file: data.file }));
    case 'authors':
      return c.authors.map(({ bio, ...data }) => ({ id: data.id, data, markdown: bio, file: data.file }));
    case 'pages':
      return c.pages.map(({ body, ...data }) => ({ id: data.slug, data, markdown: body, file: data.file }));
    case 'comments':
      return c.comments.map(({ body, ...data }) => ({ id: `${data.article}/${data.id}`, data, markdown: body, file: data.file }));
  }
}

/** How long the sync renders before it lets other work on the event loop run. */
const YIELD_EVERY_MS = 20;

async function sync(kind: Kind, ctx: LoaderContext) {
  const list = items(kind, await corpus(ctx));
  // Set by corpus() for a build (not under astro dev): the pages read the HTML from here.
  const read = ctx.watcher ? undefined : (globalThis as ReadSlot)[READ];
  const keep = new Set<string>();
  let lastYield = performance.now();
  for (const item of list) {
    keep.add(item.id);
    // Rendering 80,000 comments takes tens of seconds in one go: let the event loop run now and
    // then, so the card drawers started by onContentRead get their next jobs meanwhile.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    const digest = ctx.generateDigest({ kind, v: COMMENT_RENDERER_VERSION, data: JSON.stringify(item.data), md: item.markdown });
    const existing = ctx.store.get(item.id);
    if (existing?.digest === digest && existing.rendered) {
      read?.html.set(`${kind}/${item.id}`, existing.rendered.html);
      continue;
    }
    // Comments are untrusted and go through the sanitizing pipeline; authors' own Markdown
    // goes through Astro's processor.
    const rendered =
      kind === 'comments'
        ? {
            html: renderCommentMarkdown(item.markdown, {
              id: String(item.data.id),
              onPlainText: (reason) => ctx.logger.warn(`${item.file}: ${reason}`),
            }),
          }
        : await ctx.renderMarkdown(item.markdown);
    // Astro accepts only paths inside the project; content from elsewhere (CONTENT_DIR) goes without.
    ctx.store.set({ id: item.id, data: item.data, digest, rendered, ...(path.isAbsolute(item.file) ? {} : { filePath: item.file }) });
    read?.html.set(`${kind}/${item.id}`, rendered.html);
  }
  for (const id of ctx.store.keys()) if (!keep.has(id)) ctx.store.delete(id);
  read?.synced.add(kind);
}

/** Loader for one collection, reading the shared content folder. */
export function corpusLoader(kind: Kind): Loader {
  return {
    name: `backchannel-${kind}`,
    async load(ctx) {
      await sync(kind, ctx);
      const dir = buildEnv().contentDir;
      ctx.watcher?.add(dir);
      ctx.watcher?.on('all', (_event, changed) => {
        if (!path.resolve(changed).startsWith(dir + path.sep)) return;
        sync(kind, ctx).catch((err: unknown) => ctx.logger.error(err instanceof Error ? err.message : String(err)));
      });
    },
  };
}
