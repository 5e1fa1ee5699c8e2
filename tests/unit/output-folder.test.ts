import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { deleteInBackground, moveAside, trashPrefix } from '../../src/lib/output-folder.ts';

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
