import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { COMMENT_RENDERER_VERSION, renderCommentMarkdown } from '../lib/comment-markdown.ts';
import { type Corpus, loadCorpus } from '../lib/content/load.ts';
import { buildEnv } from '../lib/env.ts';
import { ContentError } from '../lib/problems.ts';
import { site } from '../site.config.ts';

/**
 * Content-layer loaders for the four collections. They share one read of the content folder
 * (src/lib/content/load.ts, also behind `npm run check`), so cross-file rules (unknown authors,
 * replies to missing comments, colliding URLs) are checked once and every problem is reported
 * together. Rendered HTML is kept in Astro's data store under a content digest, so a warm build
 * renders only what changed.
 */

let memo: { key: string; corpus: Corpus } | undefined;

// The post-build integrations (sitemap, host files, cards) need the same content. Astro loads
// them in another module graph than this loader, so the read is handed over through one
// process-wide slot rather than this module's memo: one read of the folder per build.
const READ = Symbol.for('backchannel.content-read');
type ReadSlot = { [READ]?: { dir: string; corpus: Corpus } };

/** The content this process's loaders read for a build of `dir`; undefined before the content sync, or under astro dev. */
export function corpusReadForBuild(dir: string): Corpus | undefined {
  const read = (globalThis as ReadSlot)[READ];
  return read?.dir === dir ? read.corpus : undefined;
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
 * The validated content. A build stops on any problem. `astro dev` (which alone has a file
 * watcher) keeps serving what is valid and prints the problems once per change, so a typo in one
 * file does not take the author's preview down; the fix is picked up when the file is saved.
 */
function corpus(ctx: LoaderContext): Corpus {
  const { contentDir: dir, publicDir } = buildEnv();
  // A build reads the folder once for all four collections; only astro dev (with its watcher)
  // needs the fingerprint, since files change under it.
  const key = ctx.watcher ? `${dir}\n${fingerprint(dir)}` : dir;
  if (memo?.key !== key) {
    memo = { key, corpus: loadCorpus({ contentDir: dir, publicDir, timeZone: site.timeZone, permalink: site.permalink }) };
    if (!ctx.watcher) (globalThis as ReadSlot)[READ] = { dir, corpus: memo.corpus };
  }
  const { problems } = memo.corpus;
  if (problems.length && !ctx.watcher) throw new ContentError(problems);
  if (problems.length && reported !== key) {
    reported = key;
    ctx.logger.error(
      `${new ContentError(problems).message}\nThe preview shows everything else; \`npm run build\` fails until these are fixed.`,
    );
  }
  return memo.corpus;
}

type Kind = 'articles' | 'authors' | 'pages' | 'comments';

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

async function sync(kind: Kind, ctx: LoaderContext) {
  const list = items(kind, corpus(ctx));
  const keep = new Set<string>();
  for (const item of list) {
    keep.add(item.id);
    const digest = ctx.generateDigest({ kind, v: COMMENT_RENDERER_VERSION, data: JSON.stringify(item.data), md: item.markdown });
    const existing = ctx.store.get(item.id);
    if (existing?.digest === digest && existing.rendered) continue;
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
  }
  for (const id of ctx.store.keys()) if (!keep.has(id)) ctx.store.delete(id);
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
