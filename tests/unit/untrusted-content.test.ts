import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Corpus, loadCorpus } from '../../src/lib/content/load.ts';
import { parseMarkdownFile, parseYamlData } from '../../src/lib/content/parse.ts';
import { redirectsFile } from '../../src/lib/hosting.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { resolvePublicFile } from '../../src/lib/public-files.ts';
import { md, writeTree } from '../fixtures/write-tree.ts';
import { useTempDirs } from '../support/temp-dirs.ts';

/**
 * Content files come from pull requests, imports and reader submissions: the loader (behind the
 * build and `npm run check`) must never run their code, exhaust memory, read outside content/ or
 * public/, or write a redirect rule a host would read as a wildcard. One test per way in.
 */

const tempDir = useTempDirs('untrusted');

const AUTHOR = md('name: Joe');
const article = (extra = '') => md(`title: Hello\ndate: 2010-07-14\nauthor: jp\n${extra}`, 'Text.');

/** Loads content/ made of one author, one article and `files`; returns the problems as printed. */
function load(files: Record<string, string>, setup?: (root: string) => void): Corpus & { root: string; printed: string[] } {
  const root = tempDir();
  writeTree(root, { 'content/authors/jp.md': AUTHOR, 'content/articles/hello.md': article(), ...files });
  mkdirSync(path.join(root, 'public'), { recursive: true });
  setup?.(root);
  const corpus = loadCorpus({
    contentDir: path.join(root, 'content'),
    publicDir: path.join(root, 'public'),
    timeZone: 'America/New_York',
    permalink: '/:year/:month/:day/:slug/',
    cwd: root,
  });
  return { ...corpus, root, printed: corpus.problems.map(formatProblem) };
}

describe('front matter runs no code', () => {
  for (const opener of ['---js', '---javascript', '---json', '--- js', '---yaml']) {
    test(`a file opening with "${opener}" is refused, naming the file, and its code never runs`, () => {
      const marker = path.join(tempDir(), 'ran');
      const code = opener.includes('json')
        ? '{"author": "x", "date": "2010-07-14T00:00:00Z"}'
        : `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ({})`;
      const c = load({ 'content/comments/hello/c1.md': `${opener}\n${code}\n---\nHi` });
      expect(c.printed).toEqual([
        `content/comments/hello/c1.md: must start with front matter: the first line must be exactly --- (found ${JSON.stringify(opener)}); only YAML front matter between two --- lines is supported`,
      ]);
      expect(existsSync(marker)).toBe(false);
    });
  }

  test('a byte-order mark before --- is fine', () => {
    expect(load({ 'content/comments/hello/c1.md': `\uFEFF${md('author: A\ndate: 2010-07-15', 'Hi')}` }).problems).toEqual([]);
  });
});

describe('YAML cannot exhaust memory', () => {
  const laughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');

  test('a billion-laughs front matter (anchors and aliases) is refused in well under a second', () => {
    const start = performance.now();
    const c = load({ 'content/articles/bomb.md': `---\n${laughs}\n---\nx` });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(c.printed).toEqual([
      'content/articles/bomb.md: uses the YAML anchor "&a"; anchors and aliases (&name, *name) are not supported: write the value out',
    ]);
  });

  test('imported YAML (a Staticman comment file) refuses anchors the same way', () => {
    expect(() => parseYamlData(laughs)).toThrow(/anchors and aliases \(&name, \*name\) are not supported/);
  });

  test('front matter over 16 KiB or nested over 16 levels is refused before it is parsed', () => {
    expect(() => parseMarkdownFile(`---\ntitle: "${'x'.repeat(20_000)}"\n---\n`)).toThrow(
      'front matter is 20,010 characters long; the limit is 16,384: move long text into the body',
    );
    expect(() => parseMarkdownFile(`---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`)).toThrow(
      'front matter is nested more than 16 levels deep at front-matter line 2; flatten it',
    );
  });

  test('a comment file over its size bound is refused from its size, before it is read', () => {
    const c = load({ 'content/comments/hello/big.md': md('author: A\ndate: 2010-07-15', 'x'.repeat(70_000)) });
    expect(c.printed).toEqual(['content/comments/hello/big.md: is 70,036 bytes; comment files may be at most 65,536 bytes: shorten it']);
  });
});

describe("authors' Markdown is bounded too (a pull request is input from outside)", () => {
  test('list markers 100,000 deep on one line, and a table padded to 10 million cells, are refused in the loader', () => {
    const start = performance.now();
    const c = load({
      'content/articles/deep.md': md('title: Deep\ndate: 2010-07-14\nauthor: jp', `${'- '.repeat(100_000)}x`),
      'content/pages/table.md': md('title: Table', `${'|a'.repeat(100)}|\n${'|-'.repeat(100)}|\n${'a\n'.repeat(100_000)}`),
    });
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(c.printed).toEqual([
      'content/articles/deep.md: body: line 2 of the text opens more than 16 block quotes or lists at once ("> - > - …"); flatten the quoting',
      'content/pages/table.md: body: has tables of 10,000,100 cells; the limit is 100,000: shorten the tables or link to the data',
    ]);
  });
});

describe('aliases are plain paths', () => {
  const aliasProblems = (aliases: string[]) =>
    load({ 'content/articles/hello.md': article(`aliases: ${JSON.stringify(aliases)}`) }).printed;

  test.each([
    ['/:year/:month/:day/:slug/', /holds a colon \(hosts read ":name" as a placeholder\)/],
    ['/:page/', /holds a colon/],
    ['/p/*/', /holds a \* \(hosts read it as a wildcard\)/],
    ['/a b/', /holds a space or control character/],
    ['/a%20b/', /holds a space or control character/],
    ['/a\\b/', /holds a backslash/],
    ['/a/../b/', /has a \. or \.\. segment/],
    ['/a/%2e%2e/b/', /has a \. or \.\. segment/],
    ['/a//b/', /has an empty segment/],
    ['/robots.txt', /belongs to the site's own pages or files \(\/robots\.txt\)/],
    ['/rss.xml', /belongs to the site's own pages or files/],
    ['/search/', /belongs to the site's own pages or files/],
    ['/tags/msp/', /belongs to the site's own pages or files/],
    ['/_redirects', /belongs to the site's own pages or files/],
    ['/.well-known/x/', /belongs to the site's own pages or files/],
    ['/', /is the home page/],
    ['/a%zz/', /a % that is not followed by two hex digits/],
  ])('%s is refused by check, with the file and field', (alias, message) => {
    const printed = aliasProblems([alias]);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^content\/articles\/hello\.md: aliases\.0: /);
    expect(printed[0]).toMatch(message);
  });

  test('an alias naming a file in public/ is refused', () => {
    const c = load({ 'content/articles/hello.md': article('aliases: [/favicon-x.png]') }, (root) =>
      writeFileSync(path.join(root, 'public/favicon-x.png'), 'x'),
    );
    expect(c.printed).toEqual(['content/articles/hello.md: aliases: /favicon-x.png is a file or folder in public/; remove the alias']);
  });

  test('plain old URLs pass and become one 301 rule each, for articles and pages', () => {
    const c = load({
      'content/articles/hello.md': article('aliases: [/2010/07/old-title.html, /2011/01/20/パートナー/, https://old.example.com/x/y]'),
      'content/pages/about.md': md('title: About\naliases: [/about-us/]', 'Hi'),
    });
    expect(c.printed).toEqual([]);
    const rules = redirectsFile([...c.articles, ...c.pages.map((p) => ({ path: `/${p.slug}/`, aliases: p.aliases }))]);
    expect(rules.trim().split('\n')).toEqual([
      '/2010/07/old-title.html /2010/07/14/hello/ 301',
      '/2011/01/20/パートナー/ /2010/07/14/hello/ 301',
      '/about-us/ /about/ 301',
      '/x/y/ /2010/07/14/hello/ 301',
    ]);
  });

  test('an alias on a file the build writes beside an article (its comment feed) is refused; /x/index.html is /x/', () => {
    const c = load({
      'content/articles/other.md': md(
        'title: Other\ndate: 2010-07-15\nauthor: jp\naliases: [/2010/07/14/hello/comments.xml, /old/index.html]',
        'x',
      ),
    });
    expect(c.printed).toEqual([
      'content/articles/other.md: aliases: URL /2010/07/14/hello/comments.xml is already used by content/articles/hello.md; pick another',
    ]);
    expect(c.articles.find((a) => a.slug === 'other')?.aliases).toEqual(['/2010/07/14/hello/comments.xml', '/old/']);
  });

  test('two files claiming one alias are both named', () => {
    const c = load({
      'content/articles/hello.md': article('aliases: [/old/]'),
      'content/pages/about.md': md('title: About\naliases: [/old/]', 'Hi'),
    });
    expect(c.printed).toEqual(['content/pages/about.md: aliases: URL /old/ is already used by content/articles/hello.md; pick another']);
  });
});

describe('paths stay inside content/ and public/', () => {
  test.each(['/../../x.svg', '/%2e%2e/%2e%2e/x.svg', '/images/..%2f..%2fx.svg', '/a\\\\..\\\\x.svg'])(
    'image %s outside public/ is refused',
    (image) => {
      const c = load({ 'content/articles/hello.md': article(`image: "${image}"\nimageAlt: x`) }, (root) =>
        writeFileSync(path.join(root, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      );
      expect(c.printed).toHaveLength(1);
      expect(c.printed[0]).toMatch(/^content\/articles\/hello\.md: image: .* (leaves public\/|is not a file in public\/)/);
    },
  );

  test('a symbolic link in public/ is not drawn or served as an image', () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'public/images'), { recursive: true });
    writeFileSync(path.join(root, 'secret.svg'), '<svg/>');
    symlinkSync(path.join(root, 'secret.svg'), path.join(root, 'public/images/x.svg'));
    symlinkSync(root, path.join(root, 'public/up'));
    expect(resolvePublicFile(path.join(root, 'public'), '/images/x.svg')).toEqual({
      problem: '/images/x.svg is a symbolic link in public/; put the file itself there',
    });
    expect(resolvePublicFile(path.join(root, 'public'), '/up/secret.svg')).toEqual({
      problem: '/up/secret.svg reaches outside public/ through a linked folder; put the file itself in public/',
    });
  });

  test('symbolic links in content/ are refused, never read: a page, an article folder, a comment folder', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'leak.md'), md('title: Leak', 'secret'));
    mkdirSync(path.join(outside, 'comments'));
    writeFileSync(path.join(outside, 'comments/c9.md'), md('author: X\ndate: 2010-07-15', 'x'));
    const c = load({}, (root) => {
      mkdirSync(path.join(root, 'content/pages'), { recursive: true });
      symlinkSync(path.join(outside, 'leak.md'), path.join(root, 'content/pages/leak.md'));
      symlinkSync(outside, path.join(root, 'content/articles/more'));
      mkdirSync(path.join(root, 'content/comments'), { recursive: true });
      symlinkSync(path.join(outside, 'comments'), path.join(root, 'content/comments/hello'));
    });
    expect(c.pages).toEqual([]);
    expect(c.comments).toEqual([]);
    expect(c.printed).toEqual([
      'content/articles/more: is a symbolic link; content must be real files (replace the link with the file itself)',
      'content/pages/leak.md: is a symbolic link; content must be real files (replace the link with the file itself)',
      'content/comments/hello: is a symbolic link; content must be real files (replace the link with the file itself)',
    ]);
  });
});

describe('dates, lengths and odd keys get the usual file: field: what to do', () => {
  test.each([
    ['0099-01-01', 'date: "0099-01-01" is outside the years 1970 to 2199; fix the year'],
    ['9999-12-31T23:59-12:00', 'date: "9999-12-31T23:59-12:00" is outside the years 1970 to 2199; fix the year'],
    ['"+275760-09-13T00:00:00Z"', 'date: "+275760-09-13T00:00:00Z" is outside the years 1970 to 2199; fix the year'],
  ])('article date %s', (date, message) => {
    const c = load({ 'content/articles/hello.md': md(`title: Hello\ndate: ${date}\nauthor: jp`, 'x') });
    expect(c.printed).toEqual([`content/articles/hello.md: ${message}`]);
  });

  test('a backslash URL, a 2,000-character tag, a 200-character file name and __proto__ keys', () => {
    const c = load({
      'content/comments/hello/c1.md': md('author: A\ndate: 2010-07-15\nurl: "https:\\\\evil.example"', 'x'),
      'content/articles/hello.md': article(`tags: ["${'t'.repeat(2000)}"]`),
      [`content/articles/${'a'.repeat(200)}.md`]: article(),
      'content/pages/about.md': md('title: About\n__proto__: {a: 1}\nconstructor: x', 'Hi'),
    });
    expect(c.printed).toEqual([
      `content/articles/${'a'.repeat(200)}.md: file name is 200 characters long; article ids may have at most 100: rename it`,
      'content/articles/hello.md: tags.0: is longer than 60 characters; shorten it',
      'content/pages/about.md: __proto__: unknown field; check its spelling or remove it',
      'content/pages/about.md: constructor: unknown field; check its spelling or remove it',
      'content/comments/hello/c1.md: url: must be an http:// or https:// URL',
    ]);
  });
});
