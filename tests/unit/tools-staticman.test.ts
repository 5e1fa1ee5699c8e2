import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import type { Comment } from '../../src/lib/content/model.ts';
import { importOutcome } from '../../src/lib/import/finish.ts';
import { formatCommentTally } from '../../src/lib/import/report.ts';
import { importStaticman, type StaticmanFile } from '../../src/lib/import/staticman.ts';
import { writeFiles } from '../../src/lib/tools/write.ts';

const TZ = 'America/New_York';
const PERMALINK = '/:year/:month/:day/:slug/';
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/staticman/_data/comments');
const ARTICLE = 'microsoft-channel-chief-concedes-i-need-to-learn-about-msps';
const VAR_ARTICLE = 'from-var-to-msp-notes-from-one-year-of-recurring-revenue';

const files: StaticmanFile[] = readdirSync(FIXTURE).flatMap((post) =>
  readdirSync(path.join(FIXTURE, post)).map((name) => ({ post, name, source: readFileSync(path.join(FIXTURE, post, name), 'utf8') })),
);
const articleMap = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/staticman/article-map.json'), 'utf8')) as Record<string, string>;
const options = {
  timeZone: TZ,
  articleMap: { 'wpc10-roskill': articleMap['_data/comments/wpc10-roskill/'] as string },
  articles: new Set([ARTICLE, VAR_ARTICLE]),
  staffNames: new Map([['Joe Panettieri', 'joe-panettieri']]),
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The sample site's content plus the imported comments. */
function importIntoSample(opts = options) {
  const dir = mkdtempSync(path.join(tmpdir(), 'backchannel-staticman-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  const result = importStaticman(files, opts);
  const written = writeFiles(dir, result.files, false);
  const corpus = loadCorpus({ contentDir: dir, timeZone: TZ, permalink: PERMALINK, cwd: dir });
  return { result, written, corpus, dir };
}
const byAuthorAndText = (comments: Comment[], text: string) => comments.find((c) => c.body.includes(text));

describe('Staticman import of the fixture folder', () => {
  const { result, corpus, dir } = importIntoSample();

  test('the content stays valid and the imported comments are there', () => {
    expect(corpus.problems).toEqual([]);
    expect(result.counts.comments).toBe(7);
    expect(corpus.comments.filter((c) => c.article === VAR_ARTICLE).map((c) => c.author)).toContain('Priya Raman');
  });

  test('threads: a numeric replying_to counts the post’s files in name order, replying_to_uid names an _id', () => {
    const all = corpus.comments.filter((c) => c.article === ARTICLE);
    const linda = byAuthorAndText(all, 'Roskill has a hard job.');
    const joe = byAuthorAndText(all, 'Linda: agreed.');
    const gerard = byAuthorAndText(all, 'encouraged by what I hear');
    const tom = byAuthorAndText(all, 'proof is in the pudding');
    const gerard2 = byAuthorAndText(all, 'it is.');
    expect(joe?.replyTo).toBe(linda?.id);
    expect(joe?.staff).toBe('joe-panettieri');
    expect(tom?.replyTo).toBe(gerard?.id);
    expect(gerard2?.replyTo).toBe(tom?.id);
    expect(linda).toMatchObject({ id: '2010-07-14t1803-linda-marsh', url: 'https://lindamarsh.example.com' });
    expect(linda?.body.trim()).toBe('Roskill has a hard job.\n\nBilling is *the* issue.');
    expect(readFileSync(path.join(dir, 'comments', ARTICLE, `${linda?.id}.md`), 'utf8')).not.toContain('0bc83cb571cd1c50ba6f3e8a78ef1346');
  });

  test('honeypot, empty and unmapped entries are listed with the reason; a reply to a skipped one starts a thread', () => {
    expect(result.skipped.map((s) => `${s.label}: ${s.reason}`)).toEqual([
      'old-post-gone/comment-1200000000000.yml: folder "old-post-gone" is not in the article map',
      'wpc10-roskill/comment-1279150000000.yml: honeypot field filled in (a bot)',
      'wpc10-roskill/comment-1279151000000.yml: empty message',
    ]);
    const unal = byAuthorAndText(corpus.comments, 'Replying to the spam');
    expect([unal?.replyTo, unal?.url]).toEqual([undefined, undefined]);
    expect(result.notes).toContain('wpc10-roskill/comment-1279152000000.yml: web site "javascript:alert(1)" dropped (not an http(s) URL)');
  });

  test('re-running writes nothing new', () => {
    const again = writeFiles(dir, importStaticman(files, options).files, false);
    expect(again).toMatchObject({ created: [], overwritten: [] });
  });

  test('a map entry naming a missing article skips the folder with that reason', () => {
    const r = importStaticman(files, { ...options, articleMap: { 'wpc10-roskill': 'no-such-article' } });
    expect(r.skipped.filter((s) => s.reason.includes('no-such-article'))).toHaveLength(8);
  });

  test('the fixture numbers all entries: the numbering is read off the data and printed', () => {
    expect(result.decisions[0]).toMatch(/^Reply numbering: all \(/);
  });

  test('with --reply-index top-level, a number naming no earlier top-level entry re-threads the reply and says so', () => {
    const r = importStaticman(files, { ...options, replyIndex: 'top-level' });
    // Top-level files in name order: Linda, Gerard, the honeypot entry, the empty one. "3" is the
    // honeypot entry, posted after Tom's reply, so it cannot be what Tom answered.
    expect(r.notes).toContain(
      `${ARTICLE}: wpc10-roskill/comment-1279148000000.yml by Tom Brennan answered replying_to 3 (not in the source); it now starts a thread`,
    );
    expect(r.counts.rethreaded).toBe(2);
  });
});

const MM = path.join(ROOT, 'tests/fixtures/staticman-mm/_data/comments');
const mmFiles: StaticmanFile[] = readdirSync(MM).flatMap((post) =>
  readdirSync(path.join(MM, post)).map((name) => ({ post, name, source: readFileSync(path.join(MM, post, name), 'utf8') })),
);
const mmOptions = {
  timeZone: TZ,
  articleMap: JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/staticman-mm/article-map.json'), 'utf8')) as Record<string, string>,
  articles: new Set([ARTICLE, VAR_ARTICLE]),
  staffNames: new Map([['Joe Panettieri', 'joe-panettieri']]),
};

describe('Staticman data as Minimal Mistakes sites store it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backchannel-staticman-mm-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  const result = importStaticman(mmFiles, mmOptions);
  writeFiles(dir, result.files, false);
  const corpus = loadCorpus({ contentDir: dir, timeZone: TZ, permalink: PERMALINK, cwd: dir });
  const roskill = corpus.comments.filter((c) => c.article === ARTICLE);
  const who = (text: string) => byAuthorAndText(roskill, text);

  test('the content stays valid', () => {
    expect(corpus.problems).toEqual([]);
  });

  test('_parent (the page URL) is not a parent; numeric replying_to counts top-level entries', () => {
    const parentOf = (text: string) => roskill.find((c) => c.id === who(text)?.replyTo)?.author;
    expect({
      raj: parentOf('the MSPs I talk to'),
      tom: parentOf('proof is in the pudding'),
      unal: parentOf('which billing platforms'),
      gerard: parentOf('know by the fall'),
      joe: parentOf('Linda: agreed'),
      linda: who('Roskill has a hard job')?.replyTo,
      maya: who('Billing integration')?.replyTo,
    }).toEqual({
      raj: 'Linda Marsh',
      tom: 'Gerard Kane',
      unal: 'Maya Chen',
      gerard: 'Gerard Kane',
      joe: 'Linda Marsh',
      linda: undefined,
      maya: undefined,
    });
    expect(result.decisions).toMatchInlineSnapshot(`
      [
        "Reply numbering: top-level (of 7 numeric replying_to, counting top-level entries, every one names an earlier top-level entry; counting all entries, every one names an earlier entry but 3 would answer replies)",
        "_parent: in 13 entries it names no entry (it is Staticman's options[parent], the post's URL on these sites), so it is not read as a reply link",
      ]
    `);
  });

  test('an empty url (YAML null, "" or only a comment) is no url, never a reason to drop the comment', () => {
    const found = ['Roskill has a hard job', "I'm encouraged", 'the MSPs I talk to'].map((t) => [who(t)?.author, who(t)?.url]);
    expect(found).toEqual([
      ['Linda Marsh', undefined],
      ['Gerard Kane', undefined],
      ['Raj Patel', undefined],
    ]);
  });

  test('a date out of range is a listed reason, and the reply to it is counted as re-threaded', () => {
    expect(result.skipped.map((s) => [s.label, s.reason, s.detail, s.deliberate ?? false])).toEqual([
      ['2010-07-14-wpc-roskill/comment-1279152000000.yml', 'date out of range', '"+275760-09-13T00:00:00.000Z"', false],
      ['2010-07-14-wpc-roskill/comment-1279155000000.yml', 'honeypot field filled in (a bot)', undefined, true],
    ]);
    expect(who('Replying to the time traveller')?.replyTo).toBeUndefined();
    expect(result.counts).toMatchObject({ comments: 11, replies: 6, rethreaded: 1 });
    expect(formatCommentTally(result)).toMatchInlineSnapshot(
      `"Comments: 11 imported (6 replies under their parent), 1 re-threaded, 1 lost (date out of range 1), 1 left out on purpose (honeypot field filled in (a bot) 1)"`,
    );
  });

  test('every --staff badge is listed, with the rule that gave it', () => {
    expect(result.staff).toEqual([
      {
        label: '2010-07-14-wpc-roskill/comment-1279154000000.yml by Joe Panettieri',
        author: 'joe-panettieri',
        rule: '--staff "Joe Panettieri=joe-panettieri": the name the commenter typed',
      },
    ]);
    expect(who('Linda: agreed')?.staff).toBe('joe-panettieri');
  });

  test('without an article map, a folder goes to the article its entries’ _parent URL names', () => {
    const articlePaths = new Map(corpus.articles.map((a) => [a.path, a.slug]));
    const r = importStaticman(mmFiles, { ...mmOptions, articleMap: {}, articlePaths });
    expect(r.notes.filter((n) => n.includes('_parent ('))).toEqual([
      'folder "2010-07-14-wpc-roskill" is not in the article map; its entries\' _parent (/2010/07/14/microsoft-channel-chief-concedes-i-need-to-learn-about-msps/) is the article "microsoft-channel-chief-concedes-i-need-to-learn-about-msps"',
      'folder "2010-11-03-var-to-msp" is not in the article map; its entries\' _parent (/2010/11/03/from-var-to-msp-notes-from-one-year-of-recurring-revenue/) is the article "from-var-to-msp-notes-from-one-year-of-recurring-revenue"',
    ]);
    expect(r.counts.comments).toBe(result.counts.comments);
    const unknown = importStaticman(mmFiles, { ...mmOptions, articleMap: {}, articlePaths: new Map([['/elsewhere/', ARTICLE]]) });
    expect(unknown.counts.comments).toBe(0);
    expect(new Set(unknown.skipped.filter((s) => !s.deliberate).map((s) => s.reason))).toEqual(
      new Set(['folder "2010-07-14-wpc-roskill" is not in the article map', 'folder "2010-11-03-var-to-msp" is not in the article map']),
    );
  });

  test('lost or re-threaded comments make the import fail unless --allow-rethread', () => {
    expect(importOutcome(result, [], false).code).toBe(1);
    expect(importOutcome(result, [], true).code).toBe(0);
    const clean = importStaticman(
      mmFiles.filter((f) => !f.name.startsWith('comment-127915')),
      mmOptions,
    );
    expect(importOutcome(clean, [], false)).toMatchObject({ code: 0, err: [] });
    expect(importOutcome(clean, [], false).out.at(-1)).toMatch(/^Comments: \d+ imported/);
  });
});

describe('reply numbering that the data does not settle', () => {
  const entry = (n: number, extra: string) => ({
    post: 'p',
    name: `comment-${1300000000000 + n * 1000}.yml`,
    source: `_id: id-${n}\nname: N${n}\nmessage: m${n}\ndate: ${1300000000 + n}\n${extra}`,
  });
  const opts = { timeZone: TZ, articleMap: { p: ARTICLE }, articles: new Set([ARTICLE]) };

  test('numbers that fit neither numbering stop the import with the counts', () => {
    const files = [entry(1, ''), entry(2, "replying_to: '2'"), entry(3, "replying_to: '9'")];
    expect(() => importStaticman(files, opts)).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: the numeric replying_to values fit neither numbering: of 2, counting top-level entries, 2 name no earlier top-level entry; counting all entries, 2 name no earlier entry. Check that every comment file of each post is in the folder (a deleted file shifts the numbers), or re-run with --reply-index top-level or --reply-index all; replies that then name no earlier entry are re-threaded and listed.]`,
    );
    expect(importStaticman(files, { ...opts, replyIndex: 'all' }).counts.rethreaded).toBe(2);
  });

  test('numbers that fit both with different threads and no tell stop the import', () => {
    // Counting top-level entries, N5's "3" is N4; counting all, it is N3, also top-level: nothing tells them apart.
    const files = [entry(1, ''), entry(2, "replying_to: '1'"), entry(3, ''), entry(4, ''), entry(5, "replying_to: '3'")];
    expect(() => importStaticman(files, opts)).toThrow(/fit both numberings, which give 1 replies different parents/);
  });

  test('a date of 8640000000000 ms or more is a reason, not a crash', () => {
    const r = importStaticman([entry(1, ''), { ...entry(2, ''), source: 'name: X\nmessage: y\ndate: 8640000000000' }], opts);
    expect(r.skipped.map((s) => s.reason)).toEqual(['date out of range']);
  });

  test('the frontmatter format (message as the body), JSON with nulls, and replying_to 0 as "no parent" all import', () => {
    const r = importStaticman(
      [
        {
          post: 'p',
          name: 'comment-1300000001000.md',
          source: '---\n_id: a\nname: Ann\ndate: 1300000001\nurl:\n---\nHello from *front matter*.\n',
        },
        {
          post: 'p',
          name: 'comment-1300000002000.json',
          source: '{"_id":"b","name":"Bo","message":"Hi","date":1300000002,"url":null,"replying_to":"0"}',
        },
        {
          post: 'p',
          name: 'comment-1300000003000.json',
          source: '{"_id":"c","name":"Cy","message":"Re","date":1300000003,"replying_to":"2"}',
        },
      ],
      opts,
    );
    expect(r.skipped).toEqual([]);
    expect(r.files.map((f) => [f.path.split('/').pop(), /replyTo: (.*)/.exec(f.text)?.[1]])).toEqual([
      ['2011-03-13t0306-ann.md', undefined],
      ['2011-03-13t0306-bo.md', undefined],
      ['2011-03-13t0306-cy.md', '2011-03-13t0306-bo'],
    ]);
    expect(r.files[0]?.text).toContain('Hello from *front matter*.');
  });

  test('an entry file over the size bound is a listed reason, read or not', () => {
    const r = importStaticman(
      [
        entry(1, ''),
        { post: 'p', name: 'comment-1300000002000.json', source: '', bytes: 50_000_000 },
        { ...entry(3, ''), source: `message: "${'x'.repeat(200_000)}"` },
      ],
      opts,
    );
    expect(r.skipped.map((s) => [s.reason, s.detail])).toEqual([
      ['unreadable', 'is 50,000,000 bytes; an entry may have 131,072'],
      ['unreadable', 'is 200,011 bytes; an entry may have 131,072'],
    ]);
  });

  test('_parent that names another entry (setups that post the parent comment as options[parent]) is a reply link', () => {
    const r = importStaticman([entry(1, '_parent: https://example.com/post/'), entry(2, '_parent: id-1')], opts);
    expect(r.files.map((f) => /replyTo: (.*)/.exec(f.text)?.[1])).toEqual([undefined, '2011-03-13t0306-n1']);
    expect(r.decisions).toEqual([
      "_parent: in 1 entry it names no entry (it is Staticman's options[parent], the post's URL on these sites), so it is not read as a reply link",
    ]);
  });
});
