import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import type { Comment } from '../../src/lib/content/model.ts';
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

  test('with --reply-index top-level, numbers count top-level comments only', () => {
    const r = importStaticman(files, { ...options, replyIndex: 'top-level' });
    // Top-level files in name order: Linda, Gerard, the honeypot entry, the empty one. "3" is now
    // the honeypot entry, which is not imported, so Tom's reply starts a thread, with a note.
    expect(r.notes).toContain(
      `${ARTICLE}: wpc10-roskill/comment-1279148000000.yml by Tom Brennan answered 5f1a0c60-8f2b-11e0-a001-000000000006 (honeypot field filled in (a bot)); it now starts a thread`,
    );
  });
});
