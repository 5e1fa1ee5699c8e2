import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';
import type { RenderedArticle, RenderedAuthor, RenderedComment } from '../../src/lib/content/model.ts';
import { digestsSchema } from '../../src/lib/newsletter/config.ts';
import { buildIssues, defaultTitle, type Issue } from '../../src/lib/newsletter/digest.ts';
import type { DigestFile } from '../../src/lib/newsletter/load.ts';
import { weekByKey, weekOf } from '../../src/lib/newsletter/week.ts';
import { buildSite, type SiteInput } from '../../src/lib/site.ts';
import { renderedArticle } from '../fixtures/model.ts';

const TZ = 'America/New_York';
const config = parseSiteConfig({ title: 'Backchannel', url: 'https://example.com', timeZone: TZ, newsletter: { heading: 'h', text: 't' } });
const digests = digestsSchema.parse({});
/** A Wednesday long after every week below. */
const NOW = new Date('2011-06-01T12:00:00Z');

/** An article with a title and description of its own, so digests show them. */
function article(slug: string, date: string, extra: Partial<RenderedArticle> = {}): RenderedArticle {
  return renderedArticle(slug, date, { title: `Title of ${slug}`, description: `About ${slug}`, ...extra });
}
const author = (id: string, name: string): RenderedAuthor => ({ id, name, bio: '', html: '', file: `${id}.md` });
function comment(articleSlug: string, id: string, date: string, extra: Partial<RenderedComment> = {}): RenderedComment {
  return {
    id,
    article: articleSlug,
    author: `Reader ${id}`,
    date: new Date(date),
    body: id,
    html: `<p>Text of ${id}</p>`,
    file: `${id}.md`,
    ...extra,
  };
}

function site(input: Partial<SiteInput>, preview = false) {
  return buildSite({ articles: [], authors: [author('jp', 'Joe Panettieri')], pages: [], comments: [], ...input }, config, {
    now: NOW,
    preview,
  });
}

const keys = (issues: Issue[]) => issues.map((i) => i.key);
const quoted = (issue: Issue | undefined) => issue?.threads.map((t) => [t.title, t.quotes.map((q) => q.path.split('#comment-')[1])]);

describe('weeks in the site time zone', () => {
  test('a Sunday-night article in New York belongs to that Sunday, though it is Monday in UTC', () => {
    // Sunday 2010-07-18 23:30 in New York is Monday 03:30 UTC.
    const week = weekOf(new Date('2010-07-19T03:30:00Z'), TZ, 'monday');
    expect(week.key).toBe('2010-07-12');
    expect(week.start.toISOString()).toBe('2010-07-12T04:00:00.000Z');
    expect(week.end.toISOString()).toBe('2010-07-19T04:00:00.000Z');
  });

  test('the first day is configurable', () => {
    expect(weekOf(new Date('2010-07-14T16:00:00Z'), TZ, 'sunday').key).toBe('2010-07-11');
    expect(weekOf(new Date('2010-07-14T16:00:00Z'), TZ, 'wednesday').key).toBe('2010-07-14');
  });

  test('a week with a daylight-saving change still ends at local midnight seven days later', () => {
    const week = weekOf(new Date('2010-11-03T12:00:00Z'), TZ, 'monday');
    expect(week.key).toBe('2010-11-01');
    expect(week.start.toISOString()).toBe('2010-11-01T04:00:00.000Z');
    // Clocks went back on Sunday 7 November: the next Monday starts at 05:00 UTC.
    expect(week.end.toISOString()).toBe('2010-11-08T05:00:00.000Z');
  });

  test('a file name that is not the first day of a week says which day it should be', () => {
    expect(weekByKey('2010-07-14', TZ, 'monday')).toEqual({
      error:
        '2010-07-14 is a wednesday, but newsletter weeks start on monday; name the file after the week\u2019s first day, 2010-07-12'.replace(
          '\u2019',
          "'",
        ),
    });
    expect(weekByKey('2010-02-30', TZ, 'monday')).toEqual({ error: '"2010-02-30" is not a date written yyyy-mm-dd' });
  });
});

describe('which weeks get an issue', () => {
  const s = site({
    articles: [
      article('wpc', '2010-07-14T18:30:00Z'),
      article('later', '2010-07-16T12:00:00Z'),
      article('draft', '2010-08-04T12:00:00Z', { draft: true }),
      article('scheduled', '2011-06-02T12:00:00Z'),
      article('this-week', '2011-05-31T12:00:00Z'),
    ],
    comments: [comment('draft', 'd1', '2010-08-05T12:00:00Z'), comment('scheduled', 's1', '2011-05-30T12:00:00Z')],
  });
  const { issues, problems } = buildIssues(s, [], { now: NOW, digests });

  test('one issue per ended week with a published article, newest first', () => {
    expect(problems).toEqual([]);
    expect(keys(issues)).toEqual(['2010-07-12']);
    expect(issues[0]?.articles.map((a) => a.path)).toEqual(['/wpc/', '/later/']);
  });

  test('drafts, scheduled articles and their comments never appear; empty weeks make no issue', () => {
    const everything = JSON.stringify(issues);
    expect(everything).not.toContain('draft');
    expect(everything).not.toContain('scheduled');
    expect(everything).not.toContain('d1');
  });

  test('the week still running has no issue yet: it goes out when the week ends', () => {
    expect(keys(issues)).not.toContain('2011-05-30');
    const after = buildIssues(s, [], { now: new Date('2011-06-06T04:00:00Z'), digests }).issues;
    expect(keys(after)).toEqual(['2011-05-30', '2010-07-12']);
  });

  test('the same input gives the same issues (rebuilds are identical)', () => {
    expect(JSON.stringify(buildIssues(s, [], { now: NOW, digests }).issues)).toBe(JSON.stringify(issues));
  });

  test('the default title and summary name the week and its articles', () => {
    expect(issues[0]?.title).toBe('Backchannel weekly: July 12\u2009–\u200918, 2010');
    expect(issues[0]?.summary).toBe('This week: “Title of wpc”, “Title of later”.');
  });
});

describe('the picks rule', () => {
  const articles = [
    article('a', '2010-07-12T15:00:00Z'),
    article('b', '2010-07-13T15:00:00Z'),
    article('c', '2010-07-14T15:00:00Z'),
    article('old', '2010-06-01T15:00:00Z'),
  ];

  test('the most-discussed threads come first; an author reply breaks a tie; quotes answered by an author first', () => {
    const s = site({
      articles,
      comments: [
        // a: three comments that week.
        comment('a', 'a1', '2010-07-12T16:00:00Z'),
        comment('a', 'a2', '2010-07-12T17:00:00Z'),
        comment('a', 'a3', '2010-07-12T18:00:00Z', { replyTo: 'a2' }),
        // b and c: two each; b has an author reply, so b ranks above c.
        comment('b', 'b1', '2010-07-13T16:00:00Z'),
        comment('b', 'b2', '2010-07-13T17:00:00Z', { staff: 'jp', replyTo: 'b1' }),
        comment('c', 'c1', '2010-07-14T16:00:00Z'),
        comment('c', 'c2', '2010-07-14T17:00:00Z'),
        // old: one comment; it is fourth, and only three threads are quoted.
        comment('old', 'o1', '2010-07-15T16:00:00Z'),
      ],
    });
    const issue = buildIssues(s, [], { now: NOW, digests }).issues[0];
    // a2 has a reply, so it outranks a1 and a3; they show in the order posted.
    expect(quoted(issue)).toEqual([
      ['Title of a', ['a1', 'a2']],
      ['Title of b', ['b1']],
      ['Title of c', ['c1', 'c2']],
    ]);
    expect(issue?.threads.map((t) => t.weekComments)).toEqual([3, 2, 2]);
    expect(issue?.threads[1]?.quotes[0]?.answeredBy).toEqual(['Joe Panettieri']);
  });

  test('an author reply outranks more replies from readers when choosing quotes', () => {
    const s = site({
      articles: [articles[0] as RenderedArticle],
      comments: [
        comment('a', 'popular', '2010-07-12T16:00:00Z'),
        comment('a', 'r1', '2010-07-12T16:10:00Z', { replyTo: 'popular' }),
        comment('a', 'r2', '2010-07-12T16:20:00Z', { replyTo: 'popular' }),
        comment('a', 'answered', '2010-07-12T17:00:00Z'),
        comment('a', 'jp1', '2010-07-12T18:00:00Z', { staff: 'jp', replyTo: 'answered' }),
      ],
    });
    const one = buildIssues(s, [], { now: NOW, digests: { ...digests, quotesPerThread: 1 } }).issues[0];
    expect(quoted(one)).toEqual([['Title of a', ['answered']]]);
  });

  test('author comments are never quoted by the rule, and a thread of author comments only is not picked', () => {
    const s = site({
      articles: [articles[0] as RenderedArticle],
      comments: [comment('a', 'jp1', '2010-07-12T18:00:00Z', { staff: 'jp' })],
    });
    expect(buildIssues(s, [], { now: NOW, digests }).issues[0]?.threads).toEqual([]);
  });

  test('replies posted after the week ended do not change the issue', () => {
    const base = [comment('a', 'a1', '2010-07-12T16:00:00Z'), comment('a', 'a2', '2010-07-12T17:00:00Z')];
    const late = comment('a', 'late', '2010-08-01T12:00:00Z', { staff: 'jp', replyTo: 'a2' });
    const opts = { now: NOW, digests: { ...digests, quotesPerThread: 1 } };
    const before = buildIssues(site({ articles: [articles[0] as RenderedArticle], comments: base }), [], opts).issues.find(
      (i) => i.key === '2010-07-12',
    );
    const after = buildIssues(site({ articles: [articles[0] as RenderedArticle], comments: [...base, late] }), [], opts).issues.find(
      (i) => i.key === '2010-07-12',
    );
    expect(quoted(after)).toEqual(quoted(before));
    expect(after?.threads[0]?.quotes[0]?.answeredBy).toEqual([]);
  });

  test('a featured comment is quoted first, even from a thread outside the top threads', () => {
    const s = site({
      articles,
      comments: [
        comment('a', 'a1', '2010-07-12T16:00:00Z'),
        comment('a', 'a2', '2010-07-12T17:00:00Z'),
        comment('b', 'b1', '2010-07-13T16:00:00Z'),
        comment('b', 'b2', '2010-07-13T17:00:00Z'),
        comment('old', 'quiet', '2010-07-15T16:00:00Z', { featured: true }),
      ],
    });
    const issue = buildIssues(s, [], { now: NOW, digests: { ...digests, threads: 1 } }).issues[0];
    // a and b tie on comments and author replies; the newer article, b, wins the one slot.
    expect(quoted(issue)).toEqual([
      ['Title of old', ['quiet']],
      ['Title of b', ['b1', 'b2']],
    ]);
  });

  test('excerpts are plain text cut at a word, and keep markup out', () => {
    const long = `<p>${'word '.repeat(100)}<script>alert(1)</script> &amp; “quoted”</p>`;
    const s = site({
      articles: [articles[0] as RenderedArticle],
      comments: [comment('a', 'long', '2010-07-12T16:00:00Z', { html: long })],
    });
    const excerpt = buildIssues(s, [], { now: NOW, digests: { ...digests, excerptLength: 60 } }).issues[0]?.threads[0]?.quotes[0]?.excerpt;
    expect(excerpt).toMatch(/^(word ){10,}word…$/);
    expect(excerpt?.length).toBeLessThanOrEqual(60);
  });

  test('a week with comments on an older article but no new article still gets an issue', () => {
    const s = site({ articles: [articles[3] as RenderedArticle], comments: [comment('old', 'o1', '2010-07-15T16:00:00Z')] });
    const { issues } = buildIssues(s, [], { now: NOW, digests });
    expect(keys(issues)).toEqual(['2010-07-12', '2010-05-31']);
    expect(issues[0]?.articles).toEqual([]);
  });
});

describe('digest files', () => {
  const s = site({
    articles: [article('a', '2010-07-12T15:00:00Z'), article('secret', '2010-07-13T15:00:00Z', { draft: true })],
    comments: [
      comment('a', 'a1', '2010-07-12T16:00:00Z'),
      comment('a', 'a2', '2010-07-12T17:00:00Z'),
      comment('secret', 's1', '2010-07-13T16:00:00Z'),
    ],
  });
  const file = (extra: Partial<DigestFile>): DigestFile => ({
    key: '2010-07-12',
    events: [],
    intro: '',
    file: 'content/newsletter/2010-07-12.md',
    ...extra,
  });

  test('picks, title, summary, intro and events replace the defaults', () => {
    const { issues, problems } = buildIssues(
      s,
      [
        file({
          title: 'WPC week',
          summary: 'Roskill and the MSPs.',
          picks: ['a/a2'],
          intro: 'Hello **readers**, see [the tags](/tags/).',
          events: [
            { name: 'Later', date: new Date('2010-09-01T04:00:00Z') },
            { name: 'Sooner', date: new Date('2010-08-01T04:00:00Z'), end: new Date('2010-08-03T04:00:00Z'), location: 'Online' },
          ],
        }),
      ],
      { now: NOW, digests },
    );
    expect(problems).toEqual([]);
    const issue = issues[0];
    expect(issue?.title).toBe('WPC week');
    expect(issue?.summary).toBe('Roskill and the MSPs.');
    expect(quoted(issue)).toEqual([['Title of a', ['a2']]]);
    expect(issue?.introHtml).toBe('<p>Hello <strong>readers</strong>, see <a href="/tags/">the tags</a>.</p>');
    expect(issue?.events.map((e) => e.name)).toEqual(['Sooner', 'Later']);
  });

  test('rules that need the week and the clock fail with the file, the field and what to do', () => {
    const { problems } = buildIssues(
      s,
      [
        file({ picks: ['secret/s1', 'a/nope'], events: [{ name: 'Past', date: new Date('2010-07-13T04:00:00Z') }] }),
        file({ key: '2010-07-14', file: 'content/newsletter/2010-07-14.md' }),
        file({ key: '2010-08-02', file: 'content/newsletter/2010-08-02.md' }),
      ],
      { now: NOW, digests },
    );
    expect(problems.map((p) => `${p.file}: ${p.field ?? ''}: ${p.message}`)).toMatchInlineSnapshot(`
      [
        "content/newsletter/2010-07-14.md: : 2010-07-14 is a wednesday, but newsletter weeks start on monday; name the file after the week's first day, 2010-07-12.md",
        "content/newsletter/2010-07-12.md: picks.0: "secret/s1" is not a comment of a published article (a draft's or a scheduled article's comments never go out); remove it",
        "content/newsletter/2010-07-12.md: picks.1: "a/nope" is not a comment of a published article (a draft's or a scheduled article's comments never go out); remove it",
        "content/newsletter/2010-07-12.md: events.0: "Past" is over before the issue goes out (2010-07-19T04:00:00.000Z); list only upcoming events",
        "content/newsletter/2010-08-02.md: : nothing was published in the week of 2010-08-02, so there is no issue for this file; remove it or rename it after a week with articles",
      ]
    `);
  });

  test('the intro keeps links and drops raw HTML; an image becomes a link, as e-mails need image sizes', () => {
    const intro = 'See ![WPC stage](/images/wpc.jpg) and <script>alert(1)</script> [this](https://example.com/).';
    const html = buildIssues(s, [file({ intro })], { now: NOW, digests }).issues[0]?.introHtml;
    expect(html).toBe('<p>See <a href="/images/wpc.jpg">WPC stage</a> and alert(1) <a href="https://example.com/">this</a>.</p>');
  });

  test('a digest file for a week that has not ended waits, like a scheduled article', () => {
    const { issues, problems } = buildIssues(s, [file({ key: '2011-05-30', file: 'content/newsletter/2011-05-30.md' })], {
      now: NOW,
      digests,
    });
    expect(problems).toEqual([]);
    expect(keys(issues)).toEqual(['2010-07-12']);
  });
});

test('default issue titles follow each language and zone asked for (formatters are reused per pair)', () => {
  const week = weekOf(new Date('2010-07-14T12:00:00Z'), 'UTC', 'monday');
  expect(defaultTitle('B', week, 'UTC', 'en-US')).toBe('B weekly: July 12\u2009–\u200918, 2010');
  expect(defaultTitle('B', week, 'UTC', 'de-DE')).toBe('B weekly: 12.–18. Juli 2010');
  // The week's UTC midnights are the evening before in Los Angeles.
  expect(defaultTitle('B', week, 'America/Los_Angeles', 'en-US')).toBe('B weekly: July 11\u2009–\u200917, 2010');
  expect(defaultTitle('B', week, 'UTC', 'en-US')).toBe('B weekly: July 12\u2009–\u200918, 2010');
});
