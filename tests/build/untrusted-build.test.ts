import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { expect, test } from 'vitest';
import { LIMITS } from '../../src/lib/content/limits.ts';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { md } from '../fixtures/write-tree.ts';
import { astroBuild, OUTPUT, problemLines, writeContent } from '../support/astro-build.ts';

// `npm run check` and the build agree on untrusted content: what check accepts builds (with every
// comment on its page), and what it refuses stops the build naming the file, never with a stack
// overflow or a stall. Content files run no code in either.

const L = LIMITS.comment;
const base = {
  'authors/ann.md': md('name: Ann'),
  'articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: ann\naliases: [/old/hello.html, /2010/07/hello-world/]', 'Body.'),
  'pages/about.md': md('title: About\naliases: [/about-us/]', 'About us.'),
};
/** The most expensive comment bodies the bounds allow (see tests/unit/comment-render-bounds.test.ts). */
const hostile: Record<string, string> = {
  quotes: `${'> - '.repeat(L.containerDepth / 2)}x\n`.repeat(L.containers / L.containerDepth),
  brackets: `${'[!'.repeat(L.bracketDepth / 2)}[x](y)${'](z)'.repeat(L.bracketDepth / 2)}\n\n`.repeat(
    Math.floor(L.brackets / (L.bracketDepth + 1)),
  ),
  emphasis: `${'*_'.repeat(L.emphasisMarkers / 4)}x${'_*'.repeat(L.emphasisMarkers / 4)}`,
  table: `${'|a'.repeat(40)}|\n${'|-'.repeat(40)}|\n${'c\n'.repeat(L.tableCells / 40 - 1)}`,
  html: '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))',
};

test('content that check accepts builds, with every hostile comment on its page and plain redirects', () => {
  const files: Record<string, string> = { ...base };
  for (const [id, body] of Object.entries(hostile)) files[`comments/hello/${id}.md`] = md(`author: ${id}\ndate: 2010-07-15`, body);
  const content = writeContent(files);
  const corpus = loadCorpus({ contentDir: content, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/' });
  expect(corpus.problems).toEqual([]);
  const outDir = path.join(OUTPUT, 'unit-untrusted');
  const r = astroBuild({ contentDir: content, outDir });
  expect(r.status, r.output.slice(-2000)).toBe(0);
  const page = parse(readFileSync(path.join(outDir, '2010/07/14/hello/index.html'), 'utf8'));
  for (const id of Object.keys(hostile)) expect(page.querySelector(`#comment-${id}`), id).not.toBeNull();
  expect(page.querySelectorAll('main script')).toHaveLength(0);
  expect(r.output).not.toMatch(/shown as plain text/);
  const redirects = readFileSync(path.join(outDir, '_redirects'), 'utf8').trim().split('\n');
  expect(redirects).toEqual([
    '/2010/07/hello-world/ /2010/07/14/hello/ 301',
    '/about-us/ /about/ 301',
    '/old/hello.html /2010/07/14/hello/ 301',
  ]);
  expect(existsSync(path.join(outDir, 'about-us/index.html'))).toBe(true);
  // An old URL naming a file is answered at that path, not at old/hello.html/index.html.
  const moved = parse(readFileSync(path.join(outDir, 'old/hello.html'), 'utf8'));
  expect(moved.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe('0; url=/2010/07/14/hello/');
}, 240_000);

test('content that check refuses stops the build, naming each file, and its front matter runs no code', () => {
  const marker = path.join(tmpdir(), `backchannel-ran-${process.pid}`);
  const content = writeContent({
    ...base,
    'comments/hello/deep.md': md('author: Deep\ndate: 2010-07-15', `${'> - '.repeat(1000)}x`),
    'comments/hello/js.md': `---js\nrequire('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ({ author: 'x' })\n---\nHi`,
  });
  const r = astroBuild({ contentDir: content, outDir: path.join(OUTPUT, 'unit-untrusted-bad') });
  expect(r.status).not.toBe(0);
  expect(r.output).not.toMatch(/Maximum call stack size exceeded/);
  const lines = problemLines(r.output, content);
  expect(lines).toEqual([
    '- <content>/comments/hello/deep.md: body: line 2 of the text opens more than 6 block quotes or lists at once ("> - > - …"); flatten the quoting',
    '- <content>/comments/hello/js.md: must start with front matter: the first line must be exactly --- (found "---js"); only YAML front matter between two --- lines is supported',
  ]);
  expect(existsSync(marker)).toBe(false);
}, 240_000);
