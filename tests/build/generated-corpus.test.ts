import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CorpusManifest, generateCorpus } from '../fixtures/generate-corpus.ts';
import { astroBuild, OUTPUT } from '../support/astro-build.ts';
import { parseFeeds } from '../support/feedparser.ts';
import { page } from '../support/html.ts';

// A generated corpus of 100 articles (drafts, a scheduled article, deep threads, closed
// comments, hostile text) builds, and every published article and comment appears exactly once.

const dist = path.join(OUTPUT, 'unit-corpus');
let manifest: CorpusManifest;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('index.html'))
    .map((f) => path.join(dir, f));
}

beforeAll(() => {
  const content = path.join(mkdtempSync(path.join(tmpdir(), 'backchannel-corpus-')), 'content');
  manifest = generateCorpus(content, { articles: 100, seed: 3 });
  const r = astroBuild({ contentDir: content, outDir: dist });
  if (r.status !== 0) throw new Error(`corpus build failed:\n${r.output}`);
}, 300_000);

describe('a generated 100-article corpus', () => {
  test('every published article has exactly one page, and drafts and scheduled articles have none', () => {
    const pages = htmlFiles(dist).map((f) => path.relative(dist, f));
    for (const slug of manifest.published) {
      expect(
        pages.filter((p) => p.endsWith(`/${slug}/index.html`) && /^\d{4}\/\d{2}\/\d{2}\//.test(p)),
        slug,
      ).toHaveLength(1);
    }
    for (const slug of [...manifest.drafts, ...manifest.future]) {
      expect(
        pages.filter((p) => p.includes(`/${slug}/`)),
        slug,
      ).toEqual([]);
    }
  });

  test('every comment of a published article appears exactly once, on its article page', () => {
    const published = new Set(manifest.published);
    const byArticle = new Map<string, string[]>();
    for (const c of manifest.comments) byArticle.set(c.article, [...(byArticle.get(c.article) ?? []), c.id]);
    const seen = new Map<string, number>();
    for (const file of htmlFiles(dist)) {
      const doc = page(path.dirname(file), '/');
      for (const el of doc.querySelectorAll('article.comment')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    }
    let expected = 0;
    for (const [article, ids] of byArticle) {
      if (!published.has(article)) continue;
      for (const id of ids) {
        expected++;
        expect(seen.get(`comment-${id}`), `${article}/${id}`).toBe(1);
      }
    }
    expect(expected).toBeGreaterThan(300);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(expected);
  });

  test('home pagination covers every published article once', () => {
    const slugs: string[] = [];
    for (let n = 1; ; n++) {
      const p = n === 1 ? '/' : `/page/${n}/`;
      let doc: ReturnType<typeof page>;
      try {
        doc = page(dist, p);
      } catch {
        break;
      }
      slugs.push(...doc.querySelectorAll('.article-list .card-title a').map((a) => (a.getAttribute('href') ?? '').split('/').at(-2) ?? ''));
    }
    expect(slugs.sort()).toEqual([...manifest.published].sort());
  });

  test('all feeds parse cleanly in feedparser', () => {
    const feeds = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.xml') && !path.basename(f).startsWith('sitemap'))
      .map((f) => path.join(dist, f));
    const parsed = parseFeeds(feeds);
    expect(parsed.filter((f) => f.bozo).map((f, i) => `${feeds[i]}: ${f.bozo_exception}`)).toEqual([]);
    const site = parseFeeds([path.join(dist, 'rss.xml')])[0];
    expect(site?.entries).toHaveLength(50);
    // Tag and author feeds carry topicFeedSize (20) items; the busiest tag has more articles than that.
    const topicFeeds = parsed.filter((_, i) => /[/\\](tags|authors)[/\\]/.test(feeds[i] ?? ''));
    const sizes = topicFeeds.map((f) => f.entries.length);
    expect(Math.max(...sizes)).toBe(20);
  });

  test('no page carries a script other than JSON-LD', () => {
    for (const file of htmlFiles(dist)) {
      const html = readFileSync(file, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      if (file.includes(`${path.sep}search${path.sep}`)) continue;
      expect(
        scripts.filter((attrs) => !attrs?.includes('application/ld+json')),
        file,
      ).toEqual([]);
    }
  });
});
