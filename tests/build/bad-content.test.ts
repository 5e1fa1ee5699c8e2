import path from 'node:path';
import { expect, test } from 'vitest';
import { md } from '../fixtures/write-tree.ts';
import { astroBuild, OUTPUT, problemLines, writeContent } from '../support/astro-build.ts';

// The build itself (not only `npm run check`) stops on bad content, naming every file and field
// in one run, and writes no site.

test('a build over bad content fails and lists every problem with its file and field', () => {
  const content = writeContent({
    'authors/ann.md': md('name: Ann'),
    'articles/good.md': md('title: Good\ndate: 2010-07-14\nauthor: ann', 'Body.'),
    'articles/typo.md': md('tittle: Typo\ndate: 2010-07-14\nauthor: ann', 'Body.'),
    'articles/stranger.md': md('title: Stranger\ndate: 2010-07-14\nauthor: nobody\ndraft: "false"', 'Body.'),
    'comments/good/c1.md': md('author: Bob\ndate: 2010-07-15\nreplyTo: c9', 'Hi.'),
    'comments/gone/c1.md': md('author: Eve\ndate: 2010-07-15', 'Orphan.'),
  });
  const r = astroBuild({ contentDir: content, outDir: path.join(OUTPUT, 'unit-bad') });
  expect(r.status).not.toBe(0);
  const lines = problemLines(r.output, content);
  expect(lines).toEqual([
    '- <content>/articles/stranger.md: draft: must be a boolean, not the string "false" (write true or false without quotes)',
    expect.stringMatching(/^- <content>\/articles\/stranger\.md: author: "nobody" names no author/),
    '- <content>/articles/typo.md: title: is required (string)',
    '- <content>/articles/typo.md: tittle: unknown field; check its spelling or remove it',
    expect.stringMatching(/^- <content>\/comments\/gone: folder names no article/),
    expect.stringMatching(/^- <content>\/comments\/good\/c1\.md: replyTo: "c9" names no comment of article "good"/),
  ]);
  expect(r.output).toContain('Content has 6 problems');
}, 120_000);
