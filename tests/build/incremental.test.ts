import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { PAGE_COPIES, trashPrefix } from '../../src/lib/output-folder.ts';
import { type CorpusManifest, generateCorpus } from '../fixtures/generate-corpus.ts';
import { astroBuild, OUTPUT, ROOT, TEST_NOW } from '../support/astro-build.ts';

// Incremental builds (Astro's experimental.incrementalBuild with the cache keys of
// src/lib/page-keys.ts) copy unchanged pages from the last build. This checks the one thing that
// matters: after each kind of change an author or a reader makes, the incremental build writes
// exactly the files, byte for byte, that a full build (`--force`) of the same content writes. Each
// change runs on its own, so a change that re-renders everything can't hide a key that misses
// another. And it checks the cache does its job: after one new comment, most pages are copied.

const root = mkdtempSync(path.join(tmpdir(), 'backchannel-incremental-'));
const content = path.join(root, 'content');
const incrementalOut = path.join(OUTPUT, 'incremental');
const fullOut = path.join(OUTPUT, 'incremental-full');
let manifest: CorpusManifest;
let now = TEST_NOW;

/** Files under dir, relative, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Files that differ between two builds: missing on either side or different bytes. */
function differences(a: string, b: string): string[] {
  const fa = files(a);
  const fb = new Set(files(b));
  const out = [...fb].filter((f) => !fa.includes(f)).map((f) => `only in full build: ${f}`);
  for (const f of fa) {
    if (!fb.has(f)) out.push(`only in incremental build: ${f}`);
    else if (!readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)))) out.push(`differs: ${f}`);
  }
  return out;
}

/**
 * Output paths the build did not render: found in the output folder the last build left
 * ("(cached)"), or copied from Astro's cache when that folder was cleared ("(restored)").
 */
function restoredPaths(log: string): string[] {
  return [...log.matchAll(/├─ (\S+) \((?:restored|cached)\)/g)].map((m) => m[1] as string);
}
/** Output paths found in place, in the output folder the last build left. */
function keptPaths(log: string): string[] {
  return [...log.matchAll(/├─ (\S+) \(cached\)/g)].map((m) => m[1] as string);
}
/** Output paths the page phase rendered. */
function renderedPaths(log: string): string[] {
  return [...log.matchAll(/├─ (\S+)(?!\S| \((?:restored|cached)\))/g)].map((m) => m[1] as string);
}
/** Every output path the page phase logged. */
function loggedPaths(log: string): number {
  return [...log.matchAll(/├─ \//g)].length;
}

function build(force: boolean, outDir: string) {
  const r = astroBuild({ contentDir: content, outDir, now, force, env: { CARDS: 'off' } });
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
  // Astro colours its log when CI is set (or on a terminal): read the text, not the escapes.
  return stripVTControlCharacters(r.output);
}

/** Incremental build, then a full build of the same content; returns the incremental build's log. */
function rebuildAndCompare(): string {
  const log = build(false, incrementalOut);
  // The full build in between wrote another folder but left the same cache record, so the last
  // incremental build's folder is kept: unchanged pages are found in place. The only copies are
  // redirect pages of old URLs that name a file, which the last build moved to that name.
  expect(log).toContain(`Keeping the last build's output in ${incrementalOut}`);
  // Nothing is copied from Astro's cache: its page copies are the output folder itself
  // (linkPageCopies), so a page not found in place is rendered.
  expect(keptPaths(log)).toEqual(restoredPaths(log));
  build(true, fullOut);
  expect(differences(incrementalOut, fullOut)).toEqual([]);
  return log;
}

/** The article file of a slug, wherever it sits under articles/. */
function articleFile(slug: string): string {
  const rel = files(path.join(content, 'articles')).find((f) => path.basename(f) === `${slug}.md`);
  if (!rel) throw new Error(`no article file for ${slug}`);
  return path.join(content, 'articles', rel);
}
const commentsOf = (slug: string) =>
  manifest.comments.filter((c) => c.article === slug).map((c) => path.join(content, 'comments', slug, `${c.id}.md`));
const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${from}`);
  writeFileSync(file, next);
};
/** An ordinary published article with comments, not the first (closed, special comments) one. */
const ordinary = (i: number) => manifest.published.filter((s) => commentsOf(s).length >= 3)[i] as string;

beforeAll(() => {
  manifest = generateCorpus(content, { articles: 40, seed: 5 });
  // Scheduled after the test clock: the clock step below publishes it.
  writeFileSync(
    path.join(content, 'articles/partner-summit-preview.md'),
    '---\ntitle: "Partner summit preview"\ndate: 2026-12-08\nauthor: joe-panettieri\ntags: ["MSP"]\n---\n\nWhat to expect at the summit.\n',
  );
  const log = build(true, incrementalOut);
  expect(restoredPaths(log)).toEqual([]);
}, 120_000);

describe('an incremental build writes what a full build writes', () => {
  test('unchanged content: every keyed page is copied, and the output is the same', () => {
    const log = rebuildAndCompare();
    expect(restoredPaths(log).length).toBeGreaterThan(manifest.published.length);
    // Only the routes without getStaticPaths (home, archive index, topics, search, 404, feeds) render.
    expect(loggedPaths(log) - restoredPaths(log).length).toBeLessThanOrEqual(12);
  }, 120_000);

  test('one new reply: its article, feeds and listings render; the other article pages are copied', () => {
    const slug = ordinary(2);
    const parent = path.basename(commentsOf(slug)[0] as string, '.md');
    writeFileSync(
      path.join(content, 'comments', slug, '2026-11-20t1200-new-reader-900.md'),
      `---\nauthor: "New Reader"\ndate: 2026-11-20T12:00:00Z\nreplyTo: ${parent}\n---\n\nA late reply.\n`,
    );
    const log = rebuildAndCompare();
    const restored = restoredPaths(log);
    expect(restored.some((p) => p.includes(`/${slug}/`))).toBe(false);
    const untouched = manifest.published.filter((s) => s !== slug && restored.some((p) => p.includes(`/${s}/index.html`)));
    expect(untouched.length).toBeGreaterThan(manifest.published.length / 2);
  }, 120_000);

  test('a comment edited, a comment removed, an article retitled', () => {
    const edited = commentsOf(ordinary(3))[1] as string;
    edit(edited, /\n\n(\S)/, '\n\nEdited: $1');
    // The newest comment of its article, so nothing replies to it.
    const removed = commentsOf(ordinary(4)).sort().at(-1) as string;
    rmSync(removed);
    edit(articleFile(ordinary(5)), /title: "([^"]*)"/, 'title: "$1, revisited"');
    rebuildAndCompare();
  }, 120_000);

  test('a new tag on one article (tag links on every page)', () => {
    edit(articleFile(ordinary(6)), /tags: \[/, 'tags: ["Edge Computing", ');
    rebuildAndCompare();
  }, 120_000);

  test("an author's name (bylines and staff replies everywhere)", () => {
    edit(path.join(content, 'authors/maria-delgado.md'), 'name: "Maria Delgado"', 'name: "María Delgado-Ruiz"');
    rebuildAndCompare();
  }, 120_000);

  test('the site settings in content/site.yml', () => {
    writeFileSync(path.join(content, 'site.yml'), 'title: "Channel Notes"\n');
    rebuildAndCompare();
  }, 120_000);

  test('a later clock: a scheduled article is published and a newsletter week ends', () => {
    now = '2026-12-20T00:00:00Z';
    rebuildAndCompare();
  }, 120_000);

  test('an article removed, an alias added, a new page in the footer', () => {
    const gone = ordinary(7);
    rmSync(articleFile(gone));
    rmSync(path.join(content, 'comments', gone), { recursive: true });
    // An old URL that names a file: the last build turned its redirect page into that file.
    edit(articleFile(ordinary(8)), /\ndate:/, '\naliases: ["/old/moved-story/", "/2009/01/moved-story.html"]\ndate:');
    writeFileSync(path.join(content, 'pages/disclosures.md'), '---\ntitle: "Disclosures"\n---\n\nNo vendor pays for coverage.\n');
    const log = rebuildAndCompare();
    expect(log).toMatch(/Deleted \d+ files of the last build that this one did not write/);
  }, 120_000);

  test('the build after: the old URL that names a file is written again over the kept folder', () => {
    expect(statSync(path.join(incrementalOut, '2009/01/moved-story.html')).isFile()).toBe(true);
    const log = rebuildAndCompare();
    expect(keptPaths(log).length).toBeGreaterThan(manifest.published.length / 2);
    expect(renderedPaths(log)).toContain('/2009/01/moved-story.html/index.html');
    expect(log).not.toMatch(/Deleted \d+ files/);
  }, 120_000);
});

describe("Astro's page copies are the output folder", () => {
  const cacheDir = path.join(ROOT, 'node_modules/.astro');
  const manifestFile = path.join(cacheDir, 'incremental-build.json');

  test('the copies folder is a link to the folder the last build wrote, not a second tree of pages', () => {
    const link = path.join(cacheDir, PAGE_COPIES);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // The last build above was the full one, into its own folder.
    expect(realpathSync(link)).toBe(realpathSync(fullOut));
  });

  test('a page whose route changed since the last build is never lost: the build stops, and the next one renders it', () => {
    // As if /disclosures/ had come from another route last time: Astro prunes that route's copy,
    // which through the link is the page this build just wrote.
    const data = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      routes: Record<string, { dependencyHash: string; paths: Record<string, { outputFile: string }> }>;
    };
    const [component, route] =
      Object.entries(data.routes).find(([, r]) => Object.values(r.paths).some((p) => p.outputFile === 'disclosures/index.html')) ?? [];
    if (!component || !route) throw new Error('no /disclosures/ in the manifest');
    const [pathname, entry] = Object.entries(route.paths).find(([, p]) => p.outputFile === 'disclosures/index.html') as [
      string,
      { outputFile: string },
    ];
    delete route.paths[pathname];
    data.routes['src/pages/retired-route.astro'] = { dependencyHash: route.dependencyHash, paths: { [pathname]: entry } };
    writeFileSync(manifestFile, JSON.stringify(data));

    const failed = astroBuild({ contentDir: content, outDir: incrementalOut, now, env: { CARDS: 'off' } });
    expect(failed.status).not.toBe(0);
    expect(stripVTControlCharacters(failed.output)).toMatch(
      /\[output\] 1 page\(s\) this build wrote were deleted by Astro's incremental cache \(disclosures\/index\.html\).*Build again/,
    );
    expect(existsSync(path.join(incrementalOut, 'disclosures/index.html'))).toBe(false);

    const log = build(false, incrementalOut);
    expect(renderedPaths(log)).toContain('/disclosures/index.html');
    // The stopped build recorded no output, so this one moved the folder aside and, once done,
    // deleted it, with what the stopped build had moved aside.
    expect(log).not.toContain('Keeping the last build');
    expect(readdirSync(OUTPUT).filter((n) => n.startsWith(trashPrefix(incrementalOut)))).toEqual([]);
    build(true, fullOut);
    expect(differences(incrementalOut, fullOut)).toEqual([]);
  }, 180_000);
});
