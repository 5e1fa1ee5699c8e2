import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { beforeAll, describe, expect, test } from 'vitest';
import { corpusLoader, onContentRead, renderedContentForBuild } from '../../src/loaders/corpus.ts';
import { generateCorpus } from '../fixtures/generate-corpus.ts';

// The loaders as a build runs them (no file watcher), on a generated folder, with a stand-in for
// Astro's loader context: a Map as the data store, Markdown "rendered" by a function we count.
const dir = mkdtempSync(path.join(tmpdir(), 'corpus-loader-'));
beforeAll(() => {
  generateCorpus(dir, { articles: 12, seed: 3 });
  process.env.CONTENT_DIR = dir;
});

function context(render: () => void) {
  const store = new Map<string, { id: string; digest?: string; rendered?: { html: string } }>();
  return {
    store: {
      get: (id: string) => store.get(id),
      set: (entry: { id: string; digest?: string; rendered?: { html: string } }) => store.set(entry.id, entry),
      keys: () => store.keys(),
      delete: (id: string) => store.delete(id),
    },
    generateDigest: (data: unknown) => JSON.stringify(data).length.toString(36),
    renderMarkdown: async (md: string) => {
      render();
      return { html: `<p>${md.length}</p>` };
    },
    logger: { warn: () => {}, error: () => {}, info: () => {} },
  } as unknown as LoaderContext;
}

describe('the corpus loaders in a build', () => {
  test('whoever waits for the content (the card drawers) hears once, before any Markdown renders', async () => {
    let rendered = 0;
    const heard: number[] = [];
    onContentRead(() => heard.push(rendered));
    const ctx = context(() => rendered++);
    await corpusLoader('articles').load(ctx);
    await corpusLoader('authors').load(ctx);
    expect(heard).toEqual([0]);
    expect(rendered).toBeGreaterThan(12);
  });

  test('the sync lets the event loop run while it renders, so drawers get their next jobs', async () => {
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // Each page's Markdown takes 5 ms of this thread, with no I/O that would yield on its own.
    const busy = () => {
      const until = performance.now() + 5;
      while (performance.now() < until);
    };
    const before = ticks;
    await corpusLoader('pages').load(context(busy));
    await corpusLoader('articles').load(context(busy));
    ticking = false;
    // 12+ articles at 5 ms is 60 ms or more: the loop ran at least twice in between (every 20 ms).
    expect(ticks - before).toBeGreaterThanOrEqual(2);
  });

  test('the pages take the synced content from the same read', async () => {
    const ctx = context(() => {});
    for (const kind of ['articles', 'authors', 'pages', 'comments'] as const) await corpusLoader(kind).load(ctx);
    const input = renderedContentForBuild(dir);
    expect(input?.articles.length).toBe(12);
    expect(input?.articles.every((a) => a.html.startsWith('<p>'))).toBe(true);
    expect(renderedContentForBuild(path.join(dir, 'elsewhere'))).toBeUndefined();
  });
});

describe('content with a problem', () => {
  test('stops the load, and nobody is told to start on it', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'corpus-loader-broken-'));
    generateCorpus(broken, { articles: 2, seed: 4 });
    writeFileSync(path.join(broken, 'articles', 'broken.md'), '---\ntitle: Broken\n---\n\nNo date, no author.\n');
    // A build of another folder: the build environment is read again.
    process.env.CONTENT_DIR = broken;
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('backchannel.build-env')];
    const heard: string[] = [];
    onContentRead(() => heard.push('started'));
    await expect(corpusLoader('articles').load(context(() => {}))).rejects.toThrow(/broken\.md/);
    expect(heard).toEqual([]);
  });
});
