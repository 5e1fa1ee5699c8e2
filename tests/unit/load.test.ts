import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type Corpus, loadCorpus } from '../../src/lib/content/load.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { md, writeTree } from '../fixtures/write-tree.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AUTHOR = md('name: Joe Panettieri\ntitle: Editorial Director', 'Covers the channel.');
const ARTICLE = md('title: Hello\ndate: 2010-07-14\nauthor: jp\ntags: [MSP]', 'First paragraph.');
const COMMENT = md('author: Erik\ndate: 2010-07-14T18:02:00-04:00', 'Nice post.');

/** Loads a content folder made of the valid base files plus `files` (a value of null removes a base file). */
function load(files: Record<string, string | null>): Corpus & { tmp: string } {
  const tmp = mkdtempSync(path.join(tmpdir(), 'backchannel-load-'));
  dirs.push(tmp);
  const all: Record<string, string | null> = {
    'content/authors/jp.md': AUTHOR,
    'content/articles/hello.md': ARTICLE,
    'content/comments/hello/c1.md': COMMENT,
    ...files,
  };
  writeTree(tmp, Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null)));
  const corpus = loadCorpus({
    contentDir: path.join(tmp, 'content'),
    timeZone: 'America/New_York',
    permalink: '/:year/:month/:day/:slug/',
    cwd: tmp,
  });
  return { ...corpus, tmp };
}
const messages = (c: Corpus) => c.problems.map(formatProblem);

/** Loads and expects exactly one problem, in `file`, about `field`; returns its formatted text. */
function oneProblem(files: Record<string, string | null>, file: string, field: string | undefined): string {
  const c = load(files);
  expect(messages(c)).toHaveLength(1);
  const [p] = c.problems;
  expect(p?.file).toBe(file);
  expect(p?.field).toBe(field);
  return formatProblem(p ?? { file: '', message: '' });
}

describe('loadCorpus: one problem per bad input, naming the file and the field', () => {
  test('an article without a title fails with the file path', () => {
    expect(
      oneProblem({ 'content/articles/hello.md': md('date: 2010-07-14\nauthor: jp') }, 'content/articles/hello.md', 'title'),
    ).toMatchInlineSnapshot(`"content/articles/hello.md: title: is required (string)"`);
  });

  test('an impossible date fails and shows the value', () => {
    expect(
      oneProblem({ 'content/articles/hello.md': md('title: Hello\ndate: 2010-02-30\nauthor: jp') }, 'content/articles/hello.md', 'date'),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: date: must be an ISO 8601 date like 2010-07-14 or 2010-07-14T09:30:00-04:00, not "2010-02-30""`,
    );
  });

  test('a date in prose fails', () => {
    expect(
      oneProblem({ 'content/articles/hello.md': md('title: Hello\ndate: July 14, 2010\nauthor: jp') }, 'content/articles/hello.md', 'date'),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: date: must be an ISO 8601 date like 2010-07-14 or 2010-07-14T09:30:00-04:00, not "July 14, 2010""`,
    );
  });

  test('a misspelt field (tittle) is an unknown field, not ignored', () => {
    const text = oneProblem(
      { 'content/articles/hello.md': md('title: Hello\ntittle: Hello\ndate: 2010-07-14\nauthor: jp') },
      'content/articles/hello.md',
      'tittle',
    );
    expect(text).toMatchInlineSnapshot(`"content/articles/hello.md: tittle: unknown field; check its spelling or remove it"`);
  });

  test('draft: "false" as a string is an error, not coerced to true', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp\ndraft: "false"') },
        'content/articles/hello.md',
        'draft',
      ),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: draft: must be a boolean, not the string "false" (write true or false without quotes)"`,
    );
  });

  test('tags given as a string instead of a list fail', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp\ntags: MSP, Cloud') },
        'content/articles/hello.md',
        'tags',
      ),
    ).toMatchInlineSnapshot(`"content/articles/hello.md: tags: must be an array, not the string "MSP, Cloud""`);
  });

  test('a tag that is a number fails at its position, showing the number', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp\ntags: [MSP, 2010]') },
        'content/articles/hello.md',
        'tags.1',
      ),
    ).toMatchInlineSnapshot(`"content/articles/hello.md: tags.1: must be a string, not 2010"`);
  });

  test('an unknown author fails and lists the known ones', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: nobody') },
        'content/articles/hello.md',
        'author',
      ),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: author: "nobody" names no author in content/authors/ (known authors: jp); fix the id or add content/authors/nobody.md"`,
    );
  });

  test('a staff reply naming an unknown author fails', () => {
    expect(
      oneProblem(
        { 'content/comments/hello/c2.md': md('author: X\ndate: 2010-07-15\nstaff: ghost\nreplyTo: c1', 'Reply.') },
        'content/comments/hello/c2.md',
        'staff',
      ),
    ).toMatchInlineSnapshot(
      `"content/comments/hello/c2.md: staff: "ghost" names no author in content/authors/ (known authors: jp); fix the id or remove staff"`,
    );
  });

  test('a comment folder for an unknown article fails, naming the folder', () => {
    expect(oneProblem({ 'content/comments/goodbye/c1.md': COMMENT }, 'content/comments/goodbye', undefined)).toMatchInlineSnapshot(
      `"content/comments/goodbye: folder names no article (no content/articles/goodbye.md) and holds 1 comment file(s); rename the folder to the article slug or restore the article"`,
    );
  });

  test('a comment folder differing from an article slug only in case suggests the right name', () => {
    expect(oneProblem({ 'content/comments/Hello/c1.md': COMMENT }, 'content/comments/Hello', undefined)).toMatchInlineSnapshot(
      `"content/comments/Hello: folder names no article (no content/articles/Hello.md) and holds 1 comment file(s); rename the folder to hello"`,
    );
  });

  test('a reply to a missing comment fails with the file path', () => {
    expect(
      oneProblem(
        { 'content/comments/hello/c2.md': md('author: X\ndate: 2010-07-15\nreplyTo: xyz', 'Reply.') },
        'content/comments/hello/c2.md',
        'replyTo',
      ),
    ).toMatchInlineSnapshot(
      `"content/comments/hello/c2.md: replyTo: "xyz" names no comment of article "hello"; use the file name (without .md) of a comment in the same folder, or remove replyTo"`,
    );
  });

  test('a reply loop (a → b → a) fails for both comments', () => {
    const c = load({
      'content/comments/hello/a.md': md('author: A\ndate: 2010-07-15\nreplyTo: b', 'A.'),
      'content/comments/hello/b.md': md('author: B\ndate: 2010-07-16\nreplyTo: a', 'B.'),
    });
    expect(c.problems.map((p) => [p.file, p.field])).toEqual([
      ['content/comments/hello/a.md', 'replyTo'],
      ['content/comments/hello/b.md', 'replyTo'],
    ]);
    expect(messages(c)).toMatchInlineSnapshot(`
      [
        "content/comments/hello/a.md: replyTo: replies form a loop (a → b → a); one of them must answer a comment outside the loop or nothing",
        "content/comments/hello/b.md: replyTo: replies form a loop (a → b → a); one of them must answer a comment outside the loop or nothing",
      ]
    `);
  });

  test('a comment replying to itself fails', () => {
    expect(
      oneProblem(
        { 'content/comments/hello/c2.md': md('author: X\ndate: 2010-07-15\nreplyTo: c2', 'Me.') },
        'content/comments/hello/c2.md',
        'replyTo',
      ),
    ).toMatchInlineSnapshot(`"content/comments/hello/c2.md: replyTo: names this comment itself; a comment cannot answer itself"`);
  });

  test('a comment with an empty body fails', () => {
    expect(
      oneProblem(
        { 'content/comments/hello/c2.md': md('author: X\ndate: 2010-07-15', '\n   \n') },
        'content/comments/hello/c2.md',
        undefined,
      ),
    ).toMatchInlineSnapshot(
      `"content/comments/hello/c2.md: comment body is empty; write the comment text below the front matter or delete the file"`,
    );
  });

  test('a commenter URL that is not http(s) fails', () => {
    expect(
      oneProblem(
        { 'content/comments/hello/c2.md': md('author: X\ndate: 2010-07-15\nurl: javascript:alert(1)', 'Hi.') },
        'content/comments/hello/c2.md',
        'url',
      ),
    ).toMatchInlineSnapshot(`"content/comments/hello/c2.md: url: must be an http:// or https:// URL"`);
  });

  test('two articles with the same slug in different folders both fail', () => {
    const c = load({ 'content/articles/2010/hello.md': md('title: Other\ndate: 2011-01-01\nauthor: jp', 'Other.') });
    expect(c.problems.map((p) => p.file)).toEqual(['content/articles/2010/hello.md', 'content/articles/hello.md']);
    expect(messages(c)).toMatchInlineSnapshot(`
      [
        "content/articles/2010/hello.md: slug "hello" is also used by content/articles/hello.md; article slugs (file names) must be unique, so rename one",
        "content/articles/hello.md: slug "hello" is also used by content/articles/2010/hello.md; article slugs (file names) must be unique, so rename one",
      ]
    `);
  });

  test('invalid YAML (an unquoted "title: A: B") fails with the line and a hint', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('date: 2010-07-14\ntitle: Q&A: The Plan\nauthor: jp') },
        'content/articles/hello.md',
        undefined,
      ),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: invalid YAML front matter at front-matter line 3: bad indentation of a mapping entry. Quote values that contain ": " or start with a special character (title: "Q&A: the plan")"`,
    );
  });

  test('an image without imageAlt fails on imageAlt', () => {
    expect(
      oneProblem(
        { 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp\nimage: /images/x.jpg') },
        'content/articles/hello.md',
        'imageAlt',
      ),
    ).toMatchInlineSnapshot(
      `"content/articles/hello.md: imageAlt: is required when image is set: describe the image for screen-reader users"`,
    );
  });

  test('a file name with a space and capitals fails and suggests a name', () => {
    expect(oneProblem({ 'content/articles/Bad Name.md': ARTICLE }, 'content/articles/Bad Name.md', undefined)).toMatchInlineSnapshot(
      `"content/articles/Bad Name.md: file name "Bad Name" is not a valid article id (lowercase letters, digits, hyphens); rename it to bad-name.md"`,
    );
  });

  test('an alias that is another article’s URL fails on aliases', () => {
    const c = load({
      'content/articles/second.md': md('title: Second\ndate: 2010-08-01\nauthor: jp\naliases: [/2010/07/14/hello/]', 'Two.'),
    });
    expect(c.problems.map((p) => [p.file, p.field])).toEqual([['content/articles/second.md', 'aliases']]);
    expect(messages(c)).toMatchInlineSnapshot(`
      [
        "content/articles/second.md: aliases: URL /2010/07/14/hello/ is already used by content/articles/hello.md; pick another",
      ]
    `);
  });

  test('a missing date says it is required', () => {
    expect(
      oneProblem({ 'content/articles/hello.md': md('title: Hello\nauthor: jp') }, 'content/articles/hello.md', 'date'),
    ).toMatchInlineSnapshot(`"content/articles/hello.md: date: is required (string)"`);
  });
});

describe('loadCorpus: whole runs', () => {
  test('problems in several files are all reported in one run', () => {
    const c = load({
      'content/articles/hello.md': md('tittle: Hello\ndate: 2010-07-14\nauthor: jp'),
      'content/articles/two.md': md('title: Two\ndate: someday\nauthor: jp'),
      'content/articles/three.md': md('title: Three\ndate: 2010-07-14\nauthor: ghost'),
      'content/authors/bad.md': md('name: Bad\nurl: ftp://example.com'),
      'content/comments/hello/c1.md': md('author: X\ndate: 2010-07-15\nreplyTo: nope', 'x'),
      'content/comments/nowhere/c1.md': COMMENT,
    });
    expect(c.problems.map((p) => `${p.file} ${p.field ?? ''}`.trim())).toEqual([
      'content/authors/bad.md url',
      'content/articles/hello.md title',
      'content/articles/hello.md tittle',
      'content/articles/three.md author',
      'content/articles/two.md date',
      'content/comments/hello/c1.md replyTo',
      'content/comments/nowhere',
    ]);
  });

  test('a valid corpus has no problems and the right counts', () => {
    const c = load({
      'content/authors/maria.md': md('name: Maria Delgado'),
      'content/articles/2011/later.md': md('title: "Later: a sequel"\ndate: 2011-01-20T08:30:00\nauthor: maria\ntags: [Cloud]', 'Later.'),
      'content/pages/about.md': md('title: About', 'About us.'),
      'content/comments/hello/c2.md': md('author: Joe\ndate: 2010-07-14T19:41:00-04:00\nstaff: jp\nreplyTo: c1', 'Thanks.'),
      'content/comments/later/x.md': md('author: Priya\ndate: 2011-01-20T10:00:00-05:00\nurl: https://example.com', 'Hi.'),
    });
    expect(c.problems).toEqual([]);
    expect([c.articles.length, c.authors.length, c.pages.length, c.comments.length]).toEqual([2, 2, 1, 3]);
    expect(c.articles.map((a) => [a.slug, a.path, a.file])).toEqual([
      ['later', '/2011/01/20/later/', 'content/articles/2011/later.md'],
      ['hello', '/2010/07/14/hello/', 'content/articles/hello.md'],
    ]);
    expect(c.comments.find((x) => x.id === 'c2')).toMatchObject({ article: 'hello', staff: 'jp', replyTo: 'c1' });
  });

  test('dates are read in the site time zone', () => {
    const c = load({
      'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nupdated: 2010-07-15T09:00:00\nauthor: jp'),
      'content/comments/hello/c1.md': md('author: E\ndate: 2010-07-14T22:00:00', 'x'),
    });
    expect(c.problems).toEqual([]);
    const [a] = c.articles;
    expect(a?.date.toISOString()).toBe('2010-07-14T04:00:00.000Z');
    expect(a?.updated?.toISOString()).toBe('2010-07-15T13:00:00.000Z');
    expect(c.comments[0]?.date.toISOString()).toBe('2010-07-15T02:00:00.000Z');
  });

  test('an article late in the New York evening gets the New York day in its URL', () => {
    const c = load({ 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-15T02:00:00Z\nauthor: jp') });
    expect(c.articles[0]?.path).toBe('/2010/07/14/hello/');
  });

  test('a description is derived from the first paragraph when absent, and kept when given', () => {
    const c = load({
      'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp', '## Intro\n\nThe **real** first paragraph.\n\nMore.'),
      'content/articles/given.md': md('title: Given\ndate: 2010-07-15\nauthor: jp\ndescription: Written by hand.', 'Body.'),
    });
    expect(Object.fromEntries(c.articles.map((a) => [a.slug, a.description]))).toEqual({
      hello: 'The real first paragraph.',
      given: 'Written by hand.',
    });
  });

  test('a derived description behaves as a plain field: copied, serialised, overwritten, in its place', () => {
    const c = load({
      'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp', 'The first paragraph.\n\nMore.'),
    });
    const a = c.articles[0] as (typeof c.articles)[number];
    expect(Object.keys(a).indexOf('description')).toBe(Object.keys(a).indexOf('tags') + 1);
    expect({ ...a }.description).toBe('The first paragraph.');
    expect(JSON.parse(JSON.stringify(a)).description).toBe('The first paragraph.');
    expect(structuredClone(a).description).toBe('The first paragraph.');
    a.description = 'Edited.';
    expect(a.description).toBe('Edited.');
    expect(Object.getOwnPropertyDescriptor(a, 'description')).toMatchObject({ value: 'Edited.', writable: true, enumerable: true });
  });

  test('duplicate tags differing only in case are collapsed to the first spelling', () => {
    const c = load({
      'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp\ntags: [Cloud, cloud, MSP, CLOUD, " msp "]'),
    });
    expect(c.articles[0]?.tags).toEqual(['Cloud', 'MSP']);
  });

  test('defaults: not a draft, comments open, no tags, no aliases', () => {
    const c = load({ 'content/articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp') });
    expect(c.articles[0]).toMatchObject({ draft: false, commentsClosed: false, tags: [], aliases: [] });
  });

  test('a missing content folder is one problem, not an exception', () => {
    const c = loadCorpus({ contentDir: '/nonexistent/content', timeZone: 'UTC', permalink: '/:slug/' });
    expect(messages(c)).toMatchInlineSnapshot(`
      [
        "/nonexistent/content: content folder does not exist; set CONTENT_DIR to a folder holding articles/, authors/, pages/ and comments/",
      ]
    `);
  });
});
