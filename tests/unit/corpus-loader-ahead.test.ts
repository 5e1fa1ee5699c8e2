import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, test, vi } from 'vitest';
import type { FirstFiles } from '../../src/lib/content/load-parallel.ts';
import { corpusLoader, onContentRead, readContentAhead, renderedContentForBuild } from '../../src/loaders/corpus.ts';
import { generateCorpus } from '../fixtures/generate-corpus.ts';

// The thread can be made to fail, to see the build read the folder itself.
const thread = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/lib/content/load-parallel.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/content/load-parallel.ts')>();
  return {
    ...real,
    loadCorpusOnThread: (...args: Parameters<typeof real.loadCorpusOnThread>) =>
      thread.fail ? Promise.reject(new Error('no threads here')) : real.loadCorpusOnThread(...args),
  };
});

/** A fresh content folder, made this build's CONTENT_DIR. */
function buildOf(articles: number, seed: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-ahead-'));
  generateCorpus(dir, { articles, seed });
  process.env.CONTENT_DIR = dir;
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('backchannel.build-env')];
  return dir;
}

function context() {
  const store = new Map<string, { id: string }>();
  return {
    store: {
      get: (id: string) => store.get(id),
      set: (entry: { id: string }) => store.set(entry.id, entry),
      keys: () => store.keys(),
      delete: (id: string) => store.delete(id),
    },
    generateDigest: (data: unknown) => JSON.stringify(data).length.toString(36),
    renderMarkdown: async (md: string) => ({ html: `<p>${md.length}</p>` }),
    logger: { warn: () => {}, error: () => {}, info: () => {} },
  } as unknown as LoaderContext;
}

async function syncAll() {
  const ctx = context();
  for (const kind of ['articles', 'authors', 'pages', 'comments'] as const) await corpusLoader(kind).load(ctx);
}

describe('the read begun ahead of the content sync', () => {
  test('tells the card drawers of the articles before the sync, and the sync uses the same read', async () => {
    const dir = buildOf(8, 21);
    const warnings: string[] = [];
    const heard = new Promise<FirstFiles>((resolve) => onContentRead(resolve));
    readContentAhead((m) => warnings.push(m));
    const first = await heard;
    expect(first.articles).toHaveLength(8);
    // A file added once the folder was read is not read again: the build has one read.
    writeFileSync(path.join(dir, 'articles', 'late.md'), '---\ntitle: Late\n---\n\nToo late.\n');
    await syncAll();
    expect(
      renderedContentForBuild(dir)
        ?.articles.map((a) => a.slug)
        .sort(),
    ).toEqual(first.articles.map((a) => a.slug).sort());
    expect(warnings).toEqual([]);
  });

  test('if its thread fails, says so, and the sync reads the folder itself', async () => {
    const dir = buildOf(5, 22);
    thread.fail = true;
    const warnings: string[] = [];
    const heard: number[] = [];
    onContentRead((f) => heard.push(f.articles.length));
    readContentAhead((m) => warnings.push(m));
    await syncAll();
    thread.fail = false;
    expect(warnings).toEqual([expect.stringMatching(/second thread failed \(no threads here\); the content sync reads it instead/)]);
    expect(renderedContentForBuild(dir)?.articles).toHaveLength(5);
    expect(heard).toEqual([5]);
  });

  test('content with a problem stops the sync, and the drawers are not told', async () => {
    const dir = buildOf(2, 23);
    writeFileSync(path.join(dir, 'articles', 'broken.md'), '---\ntitle: Broken\n---\n\nNo date, no author.\n');
    const heard: string[] = [];
    onContentRead(() => heard.push('started'));
    readContentAhead(() => {});
    await expect(corpusLoader('articles').load(context())).rejects.toThrow(/broken\.md/);
    expect(heard).toEqual([]);
    // Not to be heard by the next build's listeners either.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('backchannel.content-read-listeners')];
  });
});
