import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { loadCorpusOnThread, loadCorpusParallel } from '../../src/lib/content/load-parallel.ts';
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

// A build reads the folder on a thread of its own while Astro starts (src/loaders/corpus.ts).
test('a read on its own thread gives exactly what this thread reads, and the first files before the comments', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'load-thread-'));
  generateCorpus(dir, { articles: 30, commentsPerArticle: 2, seed: 9 });
  const opts = { contentDir: dir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: dir };
  const heard: string[] = [];
  let first: unknown;
  const corpus = await loadCorpusOnThread(opts, (f) => {
    heard.push('first');
    first = f;
  }).then((c) => {
    heard.push('corpus');
    return c;
  });
  const here = loadCorpus(opts);
  // Dates and every other value come through the structured clone as they were.
  expect(corpus).toStrictEqual(here);
  expect(here.articles[0]?.date).toBeInstanceOf(Date);
  expect(heard).toEqual(['first', 'corpus']);
  expect(first).toStrictEqual({ authors: here.authors, articles: here.articles, pages: here.pages });
}, 60_000);

test('the first files are not announced when they have a problem; the whole read still comes back with it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'load-thread-bad-'));
  generateCorpus(dir, { articles: 3, seed: 10 });
  writeFileSync(path.join(dir, 'articles', 'broken.md'), '---\ntitle: Broken\n---\n\nNo date, no author.\n');
  const opts = { contentDir: dir, timeZone: 'UTC', permalink: '/:year/:month/:day/:slug/', cwd: dir };
  let announced = false;
  const corpus = await loadCorpusOnThread(opts, () => {
    announced = true;
  });
  expect(announced).toBe(false);
  expect(corpus.problems.map((p) => p.file)).toContain('articles/broken.md');
  expect(corpus).toStrictEqual(loadCorpus(opts));
}, 60_000);
