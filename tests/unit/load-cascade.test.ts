import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { md, writeTree } from '../fixtures/write-tree.ts';

// One pass reports every problem, and each problem once: a file with a schema error still gets
// its cross-file checks, and a reply to a broken comment is not blamed for the breakage.

function load(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cascade-'));
  writeTree(dir, files);
  return loadCorpus({ contentDir: dir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: dir }).problems.map(
    formatProblem,
  );
}

test('an article with a schema error still reports its unknown author', () => {
  expect(
    load({
      'authors/ann.md': md('name: Ann'),
      'articles/a.md': md('title: A\ndate: 2010-07-14\nauthor: nobody\ndraft: "false"', 'Body.'),
    }),
  ).toMatchInlineSnapshot(`
    [
      "articles/a.md: draft: must be a boolean, not the string "false" (write true or false without quotes)",
      "articles/a.md: author: "nobody" names no author in authors/ (known authors: ann); fix the id or add authors/nobody.md",
    ]
  `);
});

test('a comment with a schema error still reports its unknown staff author', () => {
  expect(
    load({
      'authors/ann.md': md('name: Ann'),
      'articles/a.md': md('title: A\ndate: 2010-07-14\nauthor: ann', 'Body.'),
      'comments/a/c1.md': md('author: Bo\ndate: yesterday\nstaff: bob', 'Hi.'),
    }),
  ).toEqual([
    expect.stringMatching(/^comments\/a\/c1\.md: date: must be an ISO 8601 date/),
    expect.stringMatching(/^comments\/a\/c1\.md: staff: "bob" names no author/),
  ]);
});

test('a reply to a comment that has its own problem is not reported as a reply to a missing comment', () => {
  expect(
    load({
      'authors/ann.md': md('name: Ann'),
      'articles/a.md': md('title: A\ndate: 2010-07-14\nauthor: ann', 'Body.'),
      'comments/a/c1.md': md('author: Bo\ndate: yesterday', 'Hi.'),
      'comments/a/c2.md': md('author: Cy\ndate: 2010-07-15\nreplyTo: c1', 'Reply.'),
    }),
  ).toEqual([expect.stringMatching(/^comments\/a\/c1\.md: date:/)]);
});
