import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, OUTPUT } from '../support/astro-build.ts';
import { parseFeeds } from '../support/feedparser.ts';
import { page, text } from '../support/html.ts';

const first = path.join(OUTPUT, 'newsletter-a');
const second = path.join(OUTPUT, 'newsletter-b');
const off = path.join(OUTPUT, 'newsletter-off');
const ISSUE = '/newsletter/2010-07-12/';
const SAMPLE_ARTICLE = '/2010/07/14/microsoft-channel-chief-concedes-i-need-to-learn-about-msps/';
/** Gmail cuts off messages whose HTML is larger than this and hides the rest behind a link. */
const GMAIL_CLIP_BYTES = 102 * 1024;

/** Builds with extra environment variables (the helper passes the process's environment on). */
function buildWith(env: Record<string, string>, outDir: string) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return astroBuild({ outDir });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const files = (dir: string): string[] => (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();

beforeAll(() => {
  for (const [dir, env] of [
    [first, { CARDS: 'off' }],
    [second, { CARDS: 'off' }],
    [off, { CARDS: 'off', DIGESTS: 'off' }],
  ] as const) {
    const r = buildWith(env, dir);
    if (r.status !== 0) throw new Error(`build into ${dir} failed:\n${r.output}`);
  }
}, 240_000);

afterAll(() => {
  for (const dir of [first, second, off]) rmSync(dir, { recursive: true, force: true });
});

describe('the newsletter of the sample site', () => {
  test('one issue per week with a published article; the draft and the scheduled weeks have none', () => {
    const archive = page(first, '/newsletter/');
    const links = archive.querySelectorAll('main .issue-list h2 a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/newsletter/2011-01-17/', '/newsletter/2010-11-01/', '/newsletter/2010-09-20/', ISSUE]);
    // content/articles/cloud-billing-control-revisited.md is a draft of the week of 2011-02-28.
    expect(files(path.join(first, 'newsletter'))).not.toContain('2011-02-28');
    expect(readFileSync(path.join(first, 'newsletter/rss.xml'), 'utf8')).not.toContain('cloud-billing-control-revisited');
  });

  test('the issue page lists the article and quotes the most-discussed thread, linking each comment', () => {
    const issue = page(first, ISSUE);
    expect(text(issue.querySelector('h1'))).toBe('Backchannel weekly: July 12 – 18, 2010');
    expect(issue.querySelectorAll('.issue-articles h3 a').map((a) => a.getAttribute('href'))).toEqual([SAMPLE_ARTICLE]);
    const quotes = issue.querySelectorAll('.issue-quote figcaption a').map((a) => a.getAttribute('href'));
    expect(quotes).toEqual([
      `${SAMPLE_ARTICLE}#comment-2010-07-14t1802-erik-walczak`,
      `${SAMPLE_ARTICLE}#comment-2010-07-15t0847-gerard-kane`,
    ]);
    expect(issue.querySelectorAll('script')).toHaveLength(0);
  });

  test('the digest file adds its intro and upcoming events to its week', () => {
    const issue = page(first, '/newsletter/2011-01-17/');
    expect(text(issue.querySelector('.issue-intro'))).toMatch(/^Conference season is weeks away\./);
    expect(issue.querySelectorAll('.issue-events li').map((li) => text(li))).toEqual([
      'Backchannel reader roundtable: cloud billing for MSPs: February 9, 2011, Online',
      'Microsoft Worldwide Partner Conference 2011: July 10 – 14, 2011, Los Angeles',
    ]);
  });

  test('the feed parses in feedparser: every issue, full content, the week’s end as its date', () => {
    const [feed] = parseFeeds([path.join(first, 'newsletter/rss.xml')]);
    expect(feed?.bozo).toBe(0);
    expect(feed?.entries.map((e) => e.link)).toEqual([
      'https://backchannel.example.com/newsletter/2011-01-17/',
      'https://backchannel.example.com/newsletter/2010-11-01/',
      'https://backchannel.example.com/newsletter/2010-09-20/',
      'https://backchannel.example.com/newsletter/2010-07-12/',
    ]);
    expect(feed?.entries[3]?.published_iso).toBe('2010-07-19T04:00:00Z');
    const content = parse(feed?.entries[3]?.content ?? '');
    expect(content.querySelectorAll('blockquote')).toHaveLength(2);
  });

  test('e-mails: HTML under Gmail’s clipping size with absolute links, text with the same links', () => {
    const html = readFileSync(path.join(first, ISSUE, 'email.html'), 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(GMAIL_CLIP_BYTES);
    const root = parse(html);
    const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.filter((h) => !h.startsWith('https://') && h !== '{{ unsubscribe_url }}')).toEqual([]);
    const txt = readFileSync(path.join(first, ISSUE, 'email.txt'), 'utf8');
    for (const h of hrefs.filter((u) => u.includes('#comment-'))) expect(txt).toContain(h);
  });

  test('article pages link the newsletter from the follow block', () => {
    const follow = page(first, SAMPLE_ARTICLE).querySelector('aside.follow');
    expect(follow?.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining(['/newsletter/', '/newsletter/rss.xml']),
    );
  });

  test('a rebuild writes the newsletter byte for byte the same', () => {
    const list = files(path.join(first, 'newsletter'));
    expect(list.length).toBeGreaterThan(10);
    expect(files(path.join(second, 'newsletter'))).toEqual(list);
    const differ = list.filter(
      (f) =>
        f.includes('.') &&
        readFileSync(path.join(first, 'newsletter', f), 'utf8') !== readFileSync(path.join(second, 'newsletter', f), 'utf8'),
    );
    expect(differ).toEqual([]);
  });
});

describe('DIGESTS=off', () => {
  test('builds no newsletter, and the follow block stops promising one', () => {
    expect(files(off).filter((f) => f.startsWith('newsletter'))).toEqual([]);
    const follow = page(off, SAMPLE_ARTICLE).querySelector('aside.follow');
    expect(text(follow?.querySelector('p'))).toBe('Follow along by RSS or on the links below.');
    expect(follow?.querySelectorAll('a').map((a) => a.getAttribute('href'))).not.toContain('/newsletter/');
    expect(readFileSync(path.join(off, 'sitemap-0.xml'), 'utf8')).not.toContain('/newsletter/');
  });
});
