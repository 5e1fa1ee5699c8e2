import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { indexSiteCached, searchIndexKey } from '../../src/lib/search/index-site.ts';

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'search-cache-'));
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${body}</p></main></body></html>`;
  writeFileSync(path.join(dir, 'a.html'), page('Alpha', 'Roskill spoke about MSPs.'));
  writeFileSync(path.join(dir, 'b.html'), page('Beta', 'Billing control for partners.'));
  return dir;
}

test('an unchanged build reuses the cached index; a changed page rebuilds it', async () => {
  const out = site();
  const cache = mkdtempSync(path.join(tmpdir(), 'search-cache-store-'));
  const first = await indexSiteCached(out, undefined, cache);
  expect(first.fromCache).toBeUndefined();
  expect(first.indexed).toBe(2);

  const again = await indexSiteCached(out, undefined, cache);
  expect(again).toMatchObject({ fromCache: true, indexed: 2, files: first.files, bytes: first.bytes });

  writeFileSync(
    path.join(out, 'b.html'),
    '<!doctype html><html lang="en"><head><title>Beta</title></head><body><main data-pagefind-body><p>Changed.</p></main></body></html>',
  );
  const changed = await indexSiteCached(out, undefined, cache);
  expect(changed.fromCache).toBeUndefined();
}, 60_000);

test('the key covers page contents and the glob', () => {
  const out = site();
  const key = searchIndexKey(out, undefined);
  expect(searchIndexKey(out, undefined)).toBe(key);
  expect(searchIndexKey(out, '*.html')).not.toBe(key);
  writeFileSync(path.join(out, 'a.html'), 'different');
  expect(searchIndexKey(out, undefined)).not.toBe(key);
});

test('the prepared pages stay in the cache between builds; a page no longer built leaves them and the index', async () => {
  const out = site();
  const cache = mkdtempSync(path.join(tmpdir(), 'search-cache-store-'));
  await indexSiteCached(out, undefined, cache);
  expect(existsSync(path.join(cache, 'pages', 'a.html'))).toBe(true);
  expect(existsSync(path.join(cache, 'pages', 'b.html'))).toBe(true);

  rmSync(path.join(out, 'b.html'));
  const after = await indexSiteCached(out, undefined, cache);
  expect(after).toMatchObject({ read: 1, indexed: 1 });
  expect(existsSync(path.join(cache, 'pages', 'a.html'))).toBe(true);
  expect(existsSync(path.join(cache, 'pages', 'b.html'))).toBe(false);
}, 60_000);
