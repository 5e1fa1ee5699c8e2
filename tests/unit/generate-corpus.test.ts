import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { isPublished } from '../../src/lib/publish.ts';
import { buildThread, type ThreadNode } from '../../src/lib/threading.ts';
import { generateCorpus } from '../fixtures/generate-corpus.ts';

const root = mkdtempSync(path.join(tmpdir(), 'backchannel-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const load = (dir: string) =>
  loadCorpus({ contentDir: dir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: dir });

function readAll(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  }
  return out;
}

function maxDepth(nodes: readonly ThreadNode[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + maxDepth(n.children)));
}

describe('generateCorpus', () => {
  const dir = path.join(root, 'thirty');
  const manifest = generateCorpus(dir, { articles: 30, seed: 42 });
  const corpus = load(dir);

  test('a 30-article corpus loads with zero problems', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles).toHaveLength(30);
    expect(corpus.authors.length).toBeGreaterThanOrEqual(3);
  });

  test('the manifest matches what loads', () => {
    const now = { now: new Date(), preview: false };
    const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
    expect(new Set(bySlug.keys())).toEqual(new Set([...manifest.published, ...manifest.drafts, ...manifest.future]));
    expect(
      corpus.articles
        .filter((a) => isPublished(a, now))
        .map((a) => a.slug)
        .sort(),
    ).toEqual([...manifest.published].sort());
    expect(
      corpus.articles
        .filter((a) => a.draft)
        .map((a) => a.slug)
        .sort(),
    ).toEqual([...manifest.drafts].sort());
    expect(manifest.drafts).toHaveLength(2);
    expect(manifest.future).toHaveLength(1);
    for (const slug of manifest.future) expect(bySlug.get(slug)?.date.getTime()).toBeGreaterThan(Date.now());
    const loaded = corpus.comments.map((c) => `${c.article}/${c.id}`).sort();
    expect(loaded).toEqual(manifest.comments.map((c) => `${c.article}/${c.id}`).sort());
    expect(corpus.articles.filter((a) => a.commentsClosed).map((a) => a.slug)).toEqual(manifest.commentsClosed);
  });

  test('it holds the awkward cases', () => {
    const tags = corpus.articles.flatMap((a) => a.tags);
    // The same tag in more than one spelling across articles.
    const spellings = new Map<string, Set<string>>();
    for (const t of tags) spellings.set(t.toLowerCase(), (spellings.get(t.toLowerCase()) ?? new Set()).add(t));
    expect([...spellings.values()].some((s) => s.size > 1)).toBe(true);
    expect(new Set(corpus.articles.map((a) => a.author)).size).toBeGreaterThanOrEqual(3);
    expect(corpus.comments.some((c) => c.staff)).toBe(true);
    const bodies = corpus.comments.map((c) => c.body).join('\n');
    expect(bodies).toContain('<script>');
    expect(bodies).toContain('[here](javascript:alert(1))');
    expect(bodies).toMatch(/^\|---\|/m);
    expect(bodies).toMatch(/\bx{200}\b/);
    const deepest = Math.max(
      ...corpus.articles.map((a) =>
        maxDepth(
          buildThread(
            corpus.comments.filter((c) => c.article === a.slug),
            100,
          ),
        ),
      ),
    );
    expect(deepest).toBe(7);
  });

  test('the same seed writes the same files; another seed writes others', () => {
    const again = path.join(root, 'again');
    const other = path.join(root, 'other');
    generateCorpus(again, { articles: 30, seed: 42 });
    generateCorpus(other, { articles: 30, seed: 43 });
    expect(readAll(again)).toEqual(readAll(dir));
    expect(readAll(other)).not.toEqual(readAll(dir));
  });

  test('refuses to overwrite a folder it did not write', () => {
    const real = path.join(root, 'real');
    generateCorpus(real, { articles: 1 });
    rmSync(path.join(real, '.generated-corpus'));
    writeFileSync(path.join(real, 'keep.md'), 'mine');
    expect(() => generateCorpus(real, { articles: 1 })).toThrow(/is not empty and was not written by generate-corpus/);
    expect(readFileSync(path.join(real, 'keep.md'), 'utf8')).toBe('mine');
  });

  test('small corpora are valid too', () => {
    for (const articles of [1, 2, 4]) {
      const d = path.join(root, `small-${articles}`);
      const m = generateCorpus(d, { articles, commentsPerArticle: 0 });
      expect(load(d).problems).toEqual([]);
      expect(m.published.length + m.drafts.length + m.future.length).toBe(articles);
    }
  });
});
