import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { commentFormFields, replyOptions } from '../../src/lib/comment-form.ts';
import { parseSiteConfig } from '../../src/lib/config.ts';
import { loadCorpus } from '../../src/lib/content/load.ts';
import type { Comment } from '../../src/lib/content/model.ts';
import { parseMarkdownFile } from '../../src/lib/content/parse.ts';
import { commentIdBase } from '../../src/lib/tools/comment-file.ts';
import { type CommentTarget, HONEYPOT_FIELD, normaliseSubmission, planComment } from '../../src/lib/tools/submission.ts';
import { writeFiles } from '../../src/lib/tools/write.ts';
import { md, writeTree } from '../fixtures/write-tree.ts';
import { useTempDirs } from '../support/temp-dirs.ts';

const TZ = 'America/New_York';
const now = new Date('2026-11-27T20:04:00Z');
const target: CommentTarget = {
  slug: 'hello',
  date: new Date('2010-07-14T04:00:00Z'),
  commentsClosed: false,
  commentIds: ['2010-07-14t1802-erik-walczak'],
};
const plan = (raw: unknown, t: CommentTarget = target) => planComment(normaliseSubmission(raw).fields, t, { timeZone: TZ, now });

const tempDir = useTempDirs('tools');

describe('reading submissions', () => {
  test('flat, Staticman-nested and fields[...] shapes give the same fields', () => {
    const flat = { name: 'Ana', message: 'Hi', replying_to: 'x', article: 'hello' };
    const nested = { fields: { name: 'Ana', message: 'Hi', replying_to: 'x' }, options: { slug: 'hello', redirect: 'https://x' } };
    const brackets = { 'fields[name]': 'Ana', 'fields[message]': 'Hi', 'fields[replying_to]': 'x', 'options[slug]': 'hello' };
    const expected = { name: 'Ana', message: 'Hi', replyTo: 'x', article: 'hello' };
    for (const raw of [flat, nested, brackets]) expect(normaliseSubmission(raw)).toEqual({ fields: expected, unknown: [] });
    expect(normaliseSubmission({ name: 'A', message: 'B', replyTo: '', colour: 'red' }).unknown).toEqual(['colour']);
  });

  test('the form posts exactly the names the comment tool reads, in both styles', () => {
    for (const style of ['plain', 'staticman'] as const) {
      const f = commentFormFields(style);
      const posted = {
        [f.name]: 'Ana',
        [f.email]: 'a@example.com',
        [f.url]: '',
        [f.affiliation]: 'Acme',
        [f.message]: 'Hi',
        [f.replyingTo]: '',
        [f.article]: 'hello',
        [f.honeypot]: '',
      };
      const { fields, unknown } = normaliseSubmission(posted);
      expect(unknown).toEqual([]);
      expect(fields).toMatchObject({
        name: 'Ana',
        email: 'a@example.com',
        affiliation: 'Acme',
        message: 'Hi',
        article: 'hello',
        honeypot: '',
      });
    }
  });

  test('the site config has no comment form by default and accepts only an http(s) action', () => {
    const minimal = { title: 'B', url: 'https://b.example.com' };
    expect(parseSiteConfig(minimal).commentForm).toBeUndefined();
    expect(parseSiteConfig({ ...minimal, commentForm: { action: 'https://forms.example.net/x' } }).commentForm).toEqual({
      action: 'https://forms.example.net/x',
      fieldNames: 'plain',
    });
    expect(() => parseSiteConfig({ ...minimal, commentForm: { action: 'javascript:alert(1)' } })).toThrow(/commentForm\.action/);
    expect(() => parseSiteConfig({ ...minimal, commentForm: { action: 'https://x.example', method: 'get' } })).toThrow(
      /commentForm\.method/,
    );
  });

  test('reply choices list every comment in reading order with its name and date', () => {
    const c = (id: string, author: string, iso: string): Comment => ({
      id,
      article: 'a',
      author,
      date: new Date(iso),
      body: 'x',
      file: id,
    });
    const options = replyOptions(
      [c('b', 'Bea', '2010-07-15T12:00:00Z'), c('a', 'Al', '2010-07-14T12:00:00Z')],
      (x) => x.author,
      TZ,
      'en-US',
    );
    expect(options).toEqual([
      { value: 'a', label: 'Al, July 14, 2010 at 8:00 AM' },
      { value: 'b', label: 'Bea, July 15, 2010 at 8:00 AM' },
    ]);
  });
});

describe('npm run comment: turning a submission into a comment file', () => {
  test('writes name, url, affiliation, replyTo and date; never the e-mail; keeps markup as text', () => {
    const p = plan({
      fields: {
        name: 'Ana "<b>" Müller',
        email: 'ana@example.com',
        url: 'https://ana.example.com',
        affiliation: 'Acme & Co',
        message: 'Great <script>alert(1)</script> point\r\n\r\nSecond & "last"',
        replying_to: '2010-07-14t1802-erik-walczak',
        [HONEYPOT_FIELD]: '',
      },
    });
    expect(p.id).toBe('2026-11-27t1504-ana-b-muller');
    expect(p.file.path).toBe('comments/hello/2026-11-27t1504-ana-b-muller.md');
    expect(p.file.text).not.toContain('ana@example.com');
    const { data, body } = parseMarkdownFile(p.file.text);
    expect(data).toEqual({
      author: 'Ana "<b>" Müller',
      affiliation: 'Acme & Co',
      url: 'https://ana.example.com',
      replyTo: '2010-07-14t1802-erik-walczak',
      date: '2026-11-27T15:04:00-05:00',
    });
    expect(body.trim()).toBe('Great <script>alert(1)</script> point\n\nSecond & "last"');
  });

  test('ids use the site zone and the next free number', () => {
    expect(commentIdBase(new Date('2010-07-14T22:02:00Z'), 'Erik Walczak', TZ)).toBe('2010-07-14t1802-erik-walczak');
    expect(commentIdBase(new Date('2010-07-14T22:02:00Z'), '王小明', TZ)).toBe('2010-07-14t1802-comment');
    const p = plan({ name: 'Erik Walczak', message: 'again', date: '2010-07-14T18:02:30-04:00' });
    expect(p.id).toBe('2010-07-14t1802-erik-walczak-2');
    expect(plan({ name: 'Unix', message: 'x', date: 1279145000 }).file.text).toContain('date: 2010-07-14T18:03:20-04:00');
  });

  test('a filled honeypot is refused', () => {
    expect(() => plan({ name: 'Bot', message: 'Buy', [HONEYPOT_FIELD]: 'http://spam.example' })).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: refused: the hidden "honeypot" field is filled in, so a bot sent this submission (people never see that field)]`,
    );
    expect(() => plan({ 'fields[name]': 'Bot', 'fields[message]': 'Buy', 'fields[honeypot]': 'x' })).toThrow(/honeypot/);
  });

  test('an empty message, a missing name, a non-http URL and a reply to nothing are refused', () => {
    expect(() => plan({ name: 'A', message: '  \n ' })).toThrowErrorMatchingInlineSnapshot(`
      [ToolError: refused: the submission is not a valid comment:
        - message: is empty: there is no comment text]
    `);
    expect(() => plan({ message: 'x' })).toThrow(/name: is required/);
    expect(() => plan({ name: 'A', message: 'x', url: 'javascript:alert(1)' })).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: refused: url "javascript:alert(1)" is not an http:// or https:// address; fix it in the submission or remove it]`,
    );
    expect(() => plan({ name: 'A', message: 'x', replyTo: 'nope' })).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: refused: replying_to "nope" names no comment of article "hello"; use an id from content/comments/hello/ or leave it empty for a new thread]`,
    );
    expect(() => plan({ name: 'A', message: 'x', article: 'other' })).toThrow(/posted for article "other"/);
    expect(() => plan({ name: 'A', message: 'x' }, { ...target, commentsClosed: true })).toThrow(/closed/);
  });
});

describe('npm run comment: what a submitter controls', () => {
  const dated = (date: unknown) => {
    const p = plan({ name: 'A', message: 'x', date });
    return { date: parseMarkdownFile(p.file.text).data.date, notes: p.notes };
  };
  const NOW = '2026-11-27T15:04:00-05:00';

  test('a date between the article and now is kept; any other date becomes now, and the tool says so', () => {
    expect(dated('2011-02-03T10:00:00-05:00')).toEqual({ date: '2011-02-03T10:00:00-05:00', notes: [] });
    const cases: [unknown, RegExp][] = [
      ['99999999999', /not a readable date \(ISO 8601 or Unix seconds, years 1970–2199\)/],
      [8640000000000, /not a readable date/],
      ['+275760-09-13T00:00:00Z', /not a readable date/],
      ['9999-12-31T23:59-12:00', /not a readable date/],
      ['0099-01-01', /not a readable date/],
      ['2030-01-01T00:00:00Z', /in the future/],
      ['2009-01-01', /before the article was published \(2010-07-14T00:00:00-04:00\)/],
      ['yesterday', /not a readable date/],
    ];
    for (const [value, note] of cases) {
      const got = dated(value);
      expect(got.date, String(value)).toBe(NOW);
      expect(got.notes).toHaveLength(1);
      expect(got.notes[0]).toMatch(note);
    }
  });

  test('a name of the wrong type says so instead of "is required"', () => {
    expect(() => plan({ name: 123, message: 'x' })).toThrowErrorMatchingInlineSnapshot(`
      [ToolError: refused: the submission is not a valid comment:
        - name: must be text, not number]
    `);
  });

  test('__proto__ and constructor keys are ignored as unknown fields, never read through Object', () => {
    const raw = JSON.parse('{"name":"A","message":"x","__proto__":{"staff":"joe"},"constructor":"y","toString":"z"}');
    const n = normaliseSubmission(raw);
    expect(n.fields).toEqual({ name: 'A', message: 'x' });
    expect(n.unknown).toEqual(['__proto__', 'constructor', 'toString']);
    expect(plan(raw).file.text).not.toMatch(/staff/);
  });

  test('a URL that browsers and the URL parser read differently is refused', () => {
    for (const url of ['https:\\\\evil.example', 'https:/\\evil.example', 'https://evil.example/ x', 'https://']) {
      expect(() => plan({ name: 'A', message: 'x', url }), url).toThrow(/is not an http:\/\/ or https:\/\/ address/);
    }
  });

  test("fields over their bounds are refused with the limit (the form's maxlength is enforced here)", () => {
    expect(() => plan({ name: 'A'.repeat(101), message: 'x' })).toThrow(/name: is longer than 100 characters/);
    expect(() => plan({ name: 'A', affiliation: 'B'.repeat(101), message: 'x' })).toThrow(/affiliation: is longer than 100/);
    expect(() => plan({ name: 'A', message: 'x'.repeat(20_001) })).toThrow(/message: is longer than 20,000 characters/);
    expect(() => plan({ name: 'A', message: `${'> - '.repeat(1000)}x` })).toThrow(
      /message: line 1 of the text opens more than 6 block quotes/,
    );
    expect(() => plan({ name: 'A', message: `${'[!'.repeat(4000)}[x](y)${'](z)'.repeat(1000)}` })).toThrow(/message: .*limit/);
  });

  test("Staticman's options[parent] (the page URL) beside fields[replying_to] is read as a reply, not as replyTo twice", () => {
    const raw = {
      'options[slug]': 'hello',
      'options[parent]': 'https://blog.example.com/2010/07/14/hello/',
      'fields[name]': 'Ana',
      'fields[message]': 'Agreed',
      'fields[replying_to]': '2010-07-14t1802-erik-walczak',
    };
    expect(normaliseSubmission(raw).fields).toEqual({
      article: 'hello',
      name: 'Ana',
      message: 'Agreed',
      replyTo: '2010-07-14t1802-erik-walczak',
    });
    expect(parseMarkdownFile(plan(raw).file.text).data.replyTo).toBe('2010-07-14t1802-erik-walczak');
    const pageOnly = { ...raw, 'options[parent]': '/2010/07/14/hello/', 'fields[replying_to]': '' };
    expect(parseMarkdownFile(plan(pageOnly).file.text).data.replyTo).toBeUndefined();
    expect(() => plan({ ...raw, 'fields[replying_to]': '3' })).toThrow(/a number is a form's comment index/);
  });
});

describe('writing files', () => {
  test('identical files are left alone, differing ones stop everything unless forced, keepIfExists files are kept', () => {
    const dir = tempDir();
    const files = [
      { path: 'a/one.md', text: 'one\n' },
      { path: 'b/two.md', text: 'two\n' },
      { path: 'authors/x.md', text: 'x\n', keepIfExists: true },
    ];
    expect(writeFiles(dir, files, false).created).toHaveLength(3);
    expect(writeFiles(dir, files, false)).toMatchObject({ created: [], overwritten: [], kept: [] });
    writeFileSync(path.join(dir, 'b/two.md'), 'edited\n');
    writeFileSync(path.join(dir, 'authors/x.md'), 'edited bio\n');
    writeFileSync(path.join(dir, 'a/one.md'), 'edited\n');
    expect(() => writeFiles(dir, [...files, { path: 'c/new.md', text: 'new\n' }], false)).toThrow(/2 file\(s\) already exist/);
    expect(readdirSync(dir).sort()).toEqual(['a', 'authors', 'b']);
    const forced = writeFiles(dir, files, true);
    expect(forced.overwritten).toHaveLength(2);
    expect(forced.kept).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'authors/x.md'), 'utf8')).toBe('edited bio\n');
  });

  test('never writes through a symbolic link or outside the folder', () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    mkdirSync(path.join(dir, 'comments'), { recursive: true });
    symlinkSync(elsewhere, path.join(dir, 'comments/hello'));
    expect(() => writeFiles(dir, [{ path: 'comments/hello/c.md', text: 'x\n' }], false)).toThrow(
      /comments\/hello is a symbolic link; tools never write through links/,
    );
    symlinkSync(path.join(elsewhere, 'target.md'), path.join(dir, 'comments/link.md'));
    expect(() => writeFiles(dir, [{ path: 'comments/link.md', text: 'x\n' }], true)).toThrow(/is a symbolic link/);
    expect(() => writeFiles(dir, [{ path: '../escape.md', text: 'x\n' }], false)).toThrow(/would be written outside/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('the comment CLI', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const run = (content: string, args: string[], input: string) =>
    spawnSync(process.execPath, [path.join(root, 'scripts/add-comment.ts'), ...args], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: content },
      input,
      encoding: 'utf8',
    });

  test('writes a file that loadCorpus accepts, and exits 1 on a honeypot submission', () => {
    const dir = tempDir();
    writeTree(dir, {
      'authors/jp.md': md('name: Joe'),
      'articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp', 'Text.'),
    });
    const ok = run(dir, ['--article', 'hello'], JSON.stringify({ name: 'Ana', email: 'a@b.example', message: 'Hi **there**' }));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^Created .*comments\/hello\/\d{4}-\d\d-\d\dt\d{4}-ana\.md\nIt will appear at https:\/\/.*\/2010\/07\/14\/hello\/#comment-/,
    );
    const corpus = loadCorpus({ contentDir: dir, timeZone: TZ, permalink: '/:year/:month/:day/:slug/' });
    expect(corpus.problems).toEqual([]);
    expect(corpus.comments.map((c) => c.author)).toEqual(['Ana']);

    const bot = run(dir, ['--article', 'hello'], JSON.stringify({ name: 'Bot', message: 'x', honeypot: 'y' }));
    expect(bot.status).toBe(1);
    expect(bot.stderr).toMatch(/honeypot/);
    const missing = run(dir, ['--article', 'nope'], JSON.stringify({ name: 'A', message: 'x' }));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('there is no article "nope"');
    expect(readdirSync(path.join(dir, 'comments/hello'))).toHaveLength(1);
  });
});
