import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { loadCorpusParallel } from '../../src/lib/content/load-parallel.ts';
import { generateCorpus } from '../fixtures/generate-corpus.ts';

// `npm run check` reads half of the comment folders on a second thread. What it reports must be
// what the build's single-threaded read reports: the same comments and problems, in the same order.
test('reading comments on two threads gives exactly what one thread gives, problems included', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'load-parallel-'));
  generateCorpus(dir, { articles: 240, commentsPerArticle: 3, seed: 7 });
  const comments = path.join(dir, 'comments');
  const folders = readdirSync(comments).sort();
  const first = folders[3] as string;
  const last = folders.at(-2) as string;
  // Problems in both halves: front matter, a reply to nothing, an unknown staff id, an empty body,
  // a folder without an article, a loose file, a folder inside a comment folder.
  for (const folder of [first, last]) {
    writeFileSync(path.join(comments, folder, 'bad-date.md'), '---\nauthor: A Reader\ndate: not a date\n---\n\nHello.\n');
    writeFileSync(
      path.join(comments, folder, 'orphan-reply.md'),
      '---\nauthor: A Reader\ndate: 2020-01-01T10:00:00Z\nreplyTo: nobody-here\n---\n\nAnswering nobody.\n',
    );
    writeFileSync(
      path.join(comments, folder, 'staffer.md'),
      '---\nauthor: Someone\ndate: 2020-01-01T10:00:00Z\nstaff: no-such-author\n---\n\nOfficial word.\n',
    );
    writeFileSync(path.join(comments, folder, 'empty.md'), '---\nauthor: A Reader\ndate: 2020-01-01T10:00:00Z\n---\n\n');
    mkdirSync(path.join(comments, folder, 'nested'));
  }
  mkdirSync(path.join(comments, 'zz-no-such-article'));
  writeFileSync(path.join(comments, 'zz-no-such-article', 'a.md'), readFileSync(path.join(comments, first, 'bad-date.md')));
  writeFileSync(path.join(comments, 'loose.md'), 'a comment outside any folder');

  const opts = { contentDir: dir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: dir };
  const one = loadCorpus(opts);
  const two = await loadCorpusParallel(opts);
  expect(one.comments.length).toBeGreaterThan(600);
  expect(one.problems.length).toBeGreaterThanOrEqual(11);
  // Problems come from both halves of the folders, so both threads did report.
  expect(one.problems.some((p) => p.file.includes(`${first}/`))).toBe(true);
  expect(one.problems.some((p) => p.file.includes(`${last}/`))).toBe(true);
  expect(two.problems).toEqual(one.problems);
  expect(two.comments).toEqual(one.comments);
  expect(two).toEqual(one);
}, 60_000);
