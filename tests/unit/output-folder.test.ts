import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  clearPageFolders,
  deleteInBackground,
  emptyFolder,
  fileClock,
  linkPageCopies,
  missingOutputs,
  moveAside,
  PAGE_COPIES,
  pruneOutput,
  readManifest,
  recordOutput,
  trashPrefix,
  trustedManifest,
} from '../../src/lib/output-folder.ts';

function lastBuild(): { parent: string; out: string } {
  const parent = mkdtempSync(path.join(tmpdir(), 'output-folder-'));
  const out = path.join(parent, 'dist');
  mkdirSync(path.join(out, '2010/07/some-article'), { recursive: true });
  writeFileSync(path.join(out, '2010/07/some-article/index.html'), '<p>old</p>');
  writeFileSync(path.join(out, 'rss.xml'), '<rss/>');
  mkdirSync(path.join(out, '.git'));
  writeFileSync(path.join(out, '.git/HEAD'), 'ref: refs/heads/gh-pages\n');
  return { parent, out };
}

test('the last build moves aside (all but .git) and is deleted in the background', async () => {
  const { parent, out } = lastBuild();
  const aside = moveAside(out, 4242);
  expect(aside.skipped).toBeUndefined();
  expect(aside.moved).toBe(2);
  expect(aside.trash).toEqual([path.join(parent, `${trashPrefix(out)}4242`)]);
  // What Astro finds: only the deploy repository, with its file intact.
  expect(readdirSync(out)).toEqual(['.git']);
  expect(existsSync(path.join(out, '.git/HEAD'))).toBe(true);
  expect(readdirSync(aside.trash[0] as string).sort()).toEqual(['2010', 'rss.xml']);

  expect(await deleteInBackground(aside.trash)).toBe(true);
  expect(readdirSync(parent).sort()).toEqual(['dist']);
});

test('folders an interrupted build left are collected and deleted with the new one', async () => {
  const { parent, out } = lastBuild();
  const left = path.join(parent, `${trashPrefix(out)}17`);
  mkdirSync(path.join(left, 'tags'), { recursive: true });
  writeFileSync(path.join(left, 'tags/index.html'), 'stale');
  // Not ours: another name, or the prefix with more after it.
  mkdirSync(path.join(parent, '.dist.old-notes'));
  mkdirSync(path.join(parent, 'dist-old-17'));

  const aside = moveAside(out, 18);
  expect(aside.trash.sort()).toEqual([left, path.join(parent, `${trashPrefix(out)}18`)].sort());
  expect(await deleteInBackground(aside.trash)).toBe(true);
  expect(readdirSync(parent).sort()).toEqual(['.dist.old-notes', 'dist', 'dist-old-17']);
});

test('a leftover with this process id is deleted, not reused', () => {
  const { parent, out } = lastBuild();
  const same = path.join(parent, `${trashPrefix(out)}99`);
  mkdirSync(same);
  writeFileSync(path.join(same, 'rss.xml'), 'older');
  const aside = moveAside(out, 99);
  expect(aside.trash).toHaveLength(2);
  expect(aside.trash).toContain(same);
  // The older leftover is untouched by the move: nothing of this build went into it.
  expect(readdirSync(same)).toEqual(['rss.xml']);
});

test('nothing to do, or nothing that may be moved: Astro empties the folder itself', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'output-folder-'));
  const out = path.join(parent, 'dist');
  expect(moveAside(out)).toMatchObject({ moved: 0, trash: [], skipped: 'no output folder yet' });
  mkdirSync(out);
  expect(moveAside(out)).toMatchObject({ moved: 0, skipped: 'the output folder is empty' });

  // A linked output folder (a mount, a deploy checkout elsewhere) is left alone.
  const real = path.join(parent, 'real');
  mkdirSync(real);
  writeFileSync(path.join(real, 'index.html'), 'x');
  const linked = path.join(parent, 'linked');
  symlinkSync(real, linked);
  expect(moveAside(linked)).toMatchObject({ moved: 0, skipped: 'the output folder is not a plain folder' });
  expect(readdirSync(real)).toEqual(['index.html']);
  expect(readdirSync(parent).filter((n) => n.startsWith('.'))).toEqual([]);
});

test('a deletion that fails reports it instead of throwing', async () => {
  expect(await deleteInBackground([])).toBe(true);
  // rmSync ignores a missing folder, but not a name longer than the file system allows.
  expect(await deleteInBackground([path.join(tmpdir(), 'a'.repeat(300))])).toBe(false);
});

describe("Astro's page copies", () => {
  function folders(): { cache: string; out: string; link: string } {
    const parent = mkdtempSync(path.join(tmpdir(), 'page-copies-'));
    return {
      cache: path.join(parent, 'node_modules/.astro'),
      out: path.join(parent, 'dist'),
      link: path.join(parent, 'node_modules/.astro', PAGE_COPIES),
    };
  }
  const target = (link: string) => path.resolve(path.dirname(link), readlinkSync(link));

  test('a first build links them to the output folder: a copy Astro writes is the page itself', () => {
    const { cache, out, link } = folders();
    expect(linkPageCopies(cache, out)).toEqual({ trash: [] });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(target(link)).toBe(path.resolve(out));
    // Astro writes the page, then its copy through the link: one file, no second folder tree.
    mkdirSync(path.join(out, '2010/07/a'), { recursive: true });
    writeFileSync(path.join(out, '2010/07/a/index.html'), '<p>a</p>');
    writeFileSync(path.join(link, '2010/07/a/index.html'), '<p>a</p>');
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(['2010', '2010/07', '2010/07/a', '2010/07/a/index.html']);
    // The next build into the same folder finds the link as it is.
    expect(linkPageCopies(cache, out)).toEqual({ trash: [] });
    expect(target(link)).toBe(path.resolve(out));
  });

  test('a build into another output folder points the link there, and the other folder keeps its pages', () => {
    const { cache, out, link } = folders();
    linkPageCopies(cache, out);
    mkdirSync(out);
    writeFileSync(path.join(out, 'index.html'), 'first');
    const other = `${out}-other`;
    expect(linkPageCopies(cache, other)).toEqual({ trash: [] });
    expect(target(link)).toBe(path.resolve(other));
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('first');
  });

  test('copies an older build wrote in a real folder are moved aside and deleted, with leftovers of an interrupted one', async () => {
    const { cache, out, link } = folders();
    mkdirSync(path.join(link, '2010/07/a'), { recursive: true });
    writeFileSync(path.join(link, '2010/07/a/index.html'), 'copy');
    const left = path.join(cache, `${trashPrefix(link)}7`);
    mkdirSync(left);
    const linked = linkPageCopies(cache, out, 8);
    expect(linked.skipped).toBeUndefined();
    expect(linked.trash.sort()).toEqual([left, path.join(cache, `${trashPrefix(link)}8`)].sort());
    expect(readFileSync(path.join(cache, `${trashPrefix(link)}8`, '2010/07/a/index.html'), 'utf8')).toBe('copy');
    expect(target(link)).toBe(path.resolve(out));
    expect(await deleteInBackground(linked.trash)).toBe(true);
    expect(readdirSync(cache)).toEqual([PAGE_COPIES]);
  });

  test('when the link cannot be made, it says why and Astro keeps its copies as before', () => {
    const { cache, out } = folders();
    mkdirSync(path.dirname(cache), { recursive: true });
    // A file where the cache folder should be: nothing can be created under it.
    writeFileSync(cache, '');
    const linked = linkPageCopies(cache, out);
    expect(linked.trash).toEqual([]);
    expect(linked.skipped).toMatch(/^cannot link .*dist to .*dist: /);
  });

  test('missingOutputs names the written pages that are gone, and nothing when all are there', () => {
    const { out } = folders();
    mkdirSync(path.join(out, 'about'), { recursive: true });
    writeFileSync(path.join(out, 'about/index.html'), 'x');
    writeFileSync(path.join(out, 'rss.xml'), 'x');
    expect(missingOutputs(out, ['rss.xml', 'about/index.html'])).toEqual([]);
    rmSync(path.join(out, 'about/index.html'));
    expect(missingOutputs(out, new Set(['rss.xml', 'about/index.html', 'tags/index.html']))).toEqual([
      'about/index.html',
      'tags/index.html',
    ]);
  });
});

/** An incremental-build manifest as Astro writes it (astro/dist/core/build/incremental.js), routes in the given order. */
function astroManifest(file: string, routes: [string, string, string, string][], keyDigest = 'k1'): void {
  const data: { version: number; configHash: string; lockfileHash: string; keyDigest: string; routes: Record<string, unknown> } = {
    version: 1,
    configHash: 'c',
    lockfileHash: 'l',
    keyDigest,
    routes: {},
  };
  for (const [component, pathname, cacheKey, outputFile] of routes) {
    data.routes[component] ??= { dependencyHash: 'd', paths: {} };
    (data.routes[component] as { paths: Record<string, unknown> }).paths[pathname] = { cacheKey, outputFile };
  }
  writeFileSync(file, JSON.stringify(data, null, '\t'));
}

const ROUTES: [string, string, string, string][] = [
  ['src/pages/[...article].astro', '/2010/07/a/', 'key-a', '2010/07/a/index.html'],
  ['src/pages/[...article].astro', '/2010/07/b/', 'key-b', '2010/07/b/index.html'],
  ['src/pages/[...alias].astro', '/2009/01/old.html/', 'key-old', '2009/01/old.html/index.html'],
];

describe('keeping the output folder', () => {
  test("Astro's manifest: the same record in another order (or with another build's key) is the same digest; a changed key is not", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'output-manifest-'));
    const file = (name: string) => path.join(dir, name);
    astroManifest(file('a.json'), ROUTES);
    astroManifest(file('b.json'), [...ROUTES].reverse(), 'k2');
    astroManifest(
      file('c.json'),
      ROUTES.map(([c, p, k, o]) => [c, p, p.includes('/b/') ? 'key-b2' : k, o]),
    );
    const a = readManifest(file('a.json'));
    expect(a?.outputs.sort()).toEqual(ROUTES.map((r) => r[3]).sort());
    expect(readManifest(file('b.json'))?.digest).toBe(a?.digest);
    expect(readManifest(file('c.json'))?.digest).not.toBe(a?.digest);
    writeFileSync(file('d.json'), '{"routes": ');
    expect(readManifest(file('d.json'))).toBeUndefined();
    expect(readManifest(file('missing.json'))).toBeUndefined();
  });

  test('a folder is trusted once, with the manifest it was recorded with, and forgotten meanwhile', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'output-stamp-'));
    const stamp = path.join(dir, 'cache/stamp.json');
    const m = path.join(dir, 'm.json');
    astroManifest(m, ROUTES);
    const manifest = readManifest(m);
    expect(trustedManifest(stamp, m, '/site/dist')).toBeUndefined();
    recordOutput(stamp, m, '/site/dist');
    recordOutput(stamp, m, '/site/other');
    // Another folder's record does not vouch for this one; a changed manifest vouches for none.
    expect(trustedManifest(stamp, m, '/site/dist')).toEqual(manifest);
    // The build that trusted it has not recorded it yet: a second look (an interrupted build) says no.
    expect(trustedManifest(stamp, m, '/site/dist')).toBeUndefined();
    astroManifest(m, ROUTES.slice(1));
    expect(trustedManifest(stamp, m, '/site/other')).toBeUndefined();
    // A damaged stamp vouches for nothing and is replaced.
    astroManifest(m, ROUTES);
    writeFileSync(stamp, 'not json');
    expect(trustedManifest(stamp, m, '/site/dist')).toBeUndefined();
    recordOutput(stamp, m, '/site/dist');
    expect(JSON.parse(readFileSync(stamp, 'utf8')).folders).toEqual({ '/site/dist': manifest?.digest });
    // A missing manifest vouches for nothing either, even with the folder recorded.
    recordOutput(stamp, m, '/site/dist');
    expect(trustedManifest(stamp, path.join(dir, 'missing.json'), '/site/dist')).toBeUndefined();
  });

  test('pruning deletes what this build neither listed nor wrote, and the folders it empties', () => {
    const { parent, out } = lastBuild();
    mkdirSync(path.join(out, '2010/07/gone'), { recursive: true });
    writeFileSync(path.join(out, '2010/07/gone/index.html'), 'removed article');
    mkdirSync(path.join(out, '_astro'));
    writeFileSync(path.join(out, '_astro/old.css'), 'old stylesheet');
    const old = new Date(Date.now() - 60_000);
    for (const f of ['2010/07/some-article/index.html', 'rss.xml', '2010/07/gone/index.html', '_astro/old.css', '.git/HEAD']) {
      utimesSync(path.join(out, f), old, old);
    }
    const since = fileClock(out);
    // Written by this build: a new stylesheet and a rewritten feed.
    writeFileSync(path.join(out, '_astro/new.css'), 'new stylesheet');
    writeFileSync(path.join(out, 'rss.xml'), '<rss version="2.0"/>');
    // A page found in place is listed; it keeps its old time.
    const removed = pruneOutput(out, new Set(['2010/07/some-article/index.html']), since);
    expect(removed).toEqual(['2010/07/gone/index.html', '_astro/old.css']);
    expect(existsSync(path.join(out, '2010/07/gone'))).toBe(false);
    expect(readdirSync(path.join(out, '2010/07'))).toEqual(['some-article']);
    expect(readdirSync(path.join(out, '_astro'))).toEqual(['new.css']);
    expect(existsSync(path.join(out, '.git/HEAD'))).toBe(true);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('a file where a page needs its folder (an old URL naming a file) is deleted; other files are not', () => {
    const { out } = lastBuild();
    mkdirSync(path.join(out, '2009/01'), { recursive: true });
    writeFileSync(path.join(out, '2009/01/old.html'), 'redirect page, moved into place by the last build');
    mkdirSync(path.join(out, '2010/07/b'), { recursive: true });
    writeFileSync(path.join(out, '2010/07/b/index.html'), 'page');
    expect(
      clearPageFolders(
        out,
        ROUTES.map((r) => r[3]),
      ),
    ).toEqual(['2009/01/old.html']);
    expect(existsSync(path.join(out, '2009/01/old.html'))).toBe(false);
    expect(existsSync(path.join(out, '2010/07/b/index.html'))).toBe(true);
  });

  test('emptying by hand keeps .git', () => {
    const { out } = lastBuild();
    emptyFolder(out);
    expect(readdirSync(out)).toEqual(['.git']);
    emptyFolder(path.join(out, 'missing'));
  });
});
