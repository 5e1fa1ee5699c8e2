import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { md } from '../fixtures/write-tree.ts';
import { astroBuild, OUTPUT, writeContent } from '../support/astro-build.ts';
import { parseFeeds } from '../support/feedparser.ts';
import { page, text } from '../support/html.ts';

// A small site whose text is hostile to XML, HTML and JSON: feeds, JSON-LD, sitemap and
// redirects must stay well-formed and keep the text.

const NASTY_TITLE = 'Q&A: <script>alert("x")</script> ]]> it’s "quoted"\u0007';
const NASTY_CLEAN = 'Q&A: <script>alert("x")</script> ]]> it’s "quoted"';
const SITE = 'https://backchannel.example.com';

const content = writeContent({
  'authors/ann.md': md('name: "Ann <b>Lee</b> & Co"'),
  'authors/bo.md': md('name: Bo Chen'),
  'articles/nasty.md': md(
    `title: ${JSON.stringify(NASTY_TITLE)}\ndate: 2010-07-14T14:30:00-04:00\nupdated: 2012-01-01\nauthor: ann\ntags: ["C++ & <Tags>", Cloud]\naliases: [/old/nasty-article/, /2009/01/01/nasty-old/]`,
    'Read [the about page](/about/) and [a sibling](../other/) with ![a chart](/images/chart.png) and a [remote link](https://example.org/x?a=1&b=2).\n\nSecond paragraph with ]]> and `</script>` in it.',
  ),
  'articles/plain.md': md('title: Plain one\ndate: 2010-08-01\nauthor: bo\ntags: [cloud]', 'Plain body.'),
  'articles/draft.md': md('title: Secret draft\ndate: 2010-08-02\nauthor: bo\ndraft: true', 'Not yet.'),
  'articles/future.md': md('title: Scheduled\ndate: 2099-01-01\nauthor: bo', 'Later.'),
  'comments/nasty/c1.md': md(
    'author: "Eve ]]> <script>"\ndate: 2010-07-15T09:00:00-04:00',
    'I say ]]> & <script>alert(1)</script> and [x](javascript:alert(1)).',
  ),
  'comments/nasty/c2.md': md('author: Ann\ndate: 2010-07-15T10:00:00-04:00\nstaff: ann\nreplyTo: c1', 'Thanks, see [about](/about/).'),
  'comments/draft/c1.md': md('author: Early bird\ndate: 2010-08-03', 'Comment on a draft.'),
  'pages/about.md': md('title: About', 'About us.'),
});
const dist = path.join(OUTPUT, 'unit-feeds');
const ARTICLE = '/2010/07/14/nasty/';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

beforeAll(() => {
  const r = astroBuild({ contentDir: content, outDir: dist });
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
}, 120_000);

describe('feeds', () => {
  test('every feed parses cleanly in feedparser (bozo 0)', () => {
    const feeds = files(dist, '.xml').filter((f) => !path.basename(f).startsWith('sitemap'));
    // The site, its comments, the newsletter, each author and topic, and each published article's comments.
    expect(feeds.map((f) => path.relative(dist, f)).sort()).toEqual([
      '2010/07/14/nasty/comments.xml',
      '2010/08/01/plain/comments.xml',
      'authors/ann/rss.xml',
      'authors/bo/rss.xml',
      'comments/rss.xml',
      'newsletter/rss.xml',
      'rss.xml',
      'tags/c-plus-plus-and-tags/rss.xml',
      'tags/cloud/rss.xml',
    ]);
    for (const [i, f] of parseFeeds(feeds).entries()) expect(f.bozo, `${feeds[i]}: ${f.bozo_exception}`).toBe(0);
  });

  test('the site feed carries full content with absolute URLs, original dates, tags, author and comment data', () => {
    const [feed] = parseFeeds([path.join(dist, 'rss.xml')]);
    expect(feed?.feed.links).toContainEqual({ rel: 'self', href: `${SITE}/rss.xml` });
    expect(feed?.feed.language).toBe('en-US');
    expect(feed?.entries.map((e) => e.title)).toEqual(['Plain one', NASTY_CLEAN]);
    const e = feed?.entries[1];
    expect(e?.link).toBe(`${SITE}${ARTICLE}`);
    expect(e?.id).toBe(`${SITE}${ARTICLE}`);
    // `updated: 2012-01-01` must not move the publication date.
    expect(e?.published_iso).toBe('2010-07-14T18:30:00Z');
    expect(e?.author).toBe('Ann <b>Lee</b> & Co');
    expect(e?.tags).toEqual(['C++ & <Tags>', 'Cloud']);
    expect(e?.slash_comments).toBe('2');
    expect(e?.wfw_commentrss).toBe(`${SITE}${ARTICLE}comments.xml`);
    expect(e?.comments).toBe(`${SITE}${ARTICLE}#comments`);
    const body = parse(e?.content ?? '');
    const urls = [
      ...body.querySelectorAll('a').map((a) => a.getAttribute('href')),
      ...body.querySelectorAll('img').map((i) => i.getAttribute('src')),
    ];
    expect(urls).toEqual([`${SITE}/about/`, `${SITE}/2010/07/14/other/`, 'https://example.org/x?a=1&b=2', `${SITE}/images/chart.png`]);
    expect(text(body)).toContain('Second paragraph with ]]> and </script> in it.');
  });

  test('lastBuildDate is the newest item date, not the clock', () => {
    const xml = readFileSync(path.join(dist, 'rss.xml'), 'utf8');
    expect(xml).toContain('<lastBuildDate>Sun, 01 Aug 2010 04:00:00 GMT</lastBuildDate>');
  });

  test('the article comment feed has each comment with its permalink and sanitized text', () => {
    const [feed] = parseFeeds([path.join(dist, ARTICLE, 'comments.xml')]);
    expect(feed?.entries.map((e) => e.link)).toEqual([`${SITE}${ARTICLE}#comment-c2`, `${SITE}${ARTICLE}#comment-c1`]);
    const eve = feed?.entries[1];
    expect(eve?.author).toBe('Eve ]]> <script>');
    const body = parse(eve?.summary ?? '');
    expect(body.querySelectorAll('script')).toHaveLength(0);
    expect(body.querySelectorAll('a')).toHaveLength(0);
    expect(text(body)).toContain('I say ]]> & <script>alert(1)</script> and x.');
    expect(feed?.entries[0]?.author).toBe('Ann <b>Lee</b> & Co');
  });

  test('tag, author and recent-comment feeds exist and comments of drafts are not in them', () => {
    const tagFeed = files(path.join(dist, 'tags'), 'rss.xml');
    expect(tagFeed).toHaveLength(2);
    const [recent] = parseFeeds([path.join(dist, 'comments/rss.xml')]);
    expect(recent?.entries).toHaveLength(2);
    const [ann] = parseFeeds([path.join(dist, 'authors/ann/rss.xml')]);
    expect(ann?.entries.map((e) => e.link)).toEqual([`${SITE}${ARTICLE}`]);
  });
});

describe('discovery', () => {
  test('pages advertise their feeds and show RSS links', () => {
    const doc = page(dist, ARTICLE);
    const alternates = doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]').map((l) => l.getAttribute('href'));
    expect(alternates).toEqual(['/rss.xml', `${ARTICLE}comments.xml`]);
    expect(doc.querySelector(`a[href="${ARTICLE}comments.xml"]`)).not.toBeNull();
    const tag = page(dist, '/tags/cloud/');
    expect(tag.querySelectorAll('link[rel="alternate"]').map((l) => l.getAttribute('href'))).toContain('/tags/cloud/rss.xml');
  });

  test('article pages carry Open Graph article data and safe JSON-LD with the comments', () => {
    const doc = page(dist, ARTICLE);
    const prop = (p: string) => doc.querySelectorAll(`meta[property="${p}"]`).map((m) => m.getAttribute('content'));
    expect(prop('og:type')).toEqual(['article']);
    expect(prop('og:title')).toEqual([NASTY_CLEAN]);
    expect(prop('article:published_time')).toEqual(['2010-07-14T18:30:00.000Z']);
    expect(prop('article:tag')).toEqual(['C++ & <Tags>', 'Cloud']);
    expect(prop('og:image')).toEqual([`${SITE}/og/articles/nasty.png`]);
    expect(doc.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary_large_image');
    const scripts = doc.querySelectorAll('script');
    expect(scripts.map((s) => s.getAttribute('type'))).toEqual(['application/ld+json']);
    // The raw text must not contain "</script" (that would end the element early).
    expect(scripts[0]?.innerHTML).not.toMatch(/<\/script/i);
    const ld = JSON.parse(scripts[0]?.innerHTML ?? '') as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@type': 'BlogPosting',
      headline: NASTY_CLEAN,
      datePublished: '2010-07-14T18:30:00.000Z',
      dateModified: '2012-01-01T05:00:00.000Z',
      author: { name: 'Ann <b>Lee</b> & Co' },
      publisher: { name: 'Backchannel' },
      commentCount: 2,
    });
    expect((ld.comment as { text: string }[]).map((c) => c.text)).toEqual([
      'I say ]]> & <script>alert(1)</script> and x.',
      'Thanks, see about.',
    ]);
  });

  test('the sitemap lists exactly the published pages, with lastmod from updated', () => {
    const xml = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    const aliases = new Set([`${SITE}/old/nasty-article/`, `${SITE}/2009/01/01/nasty-old/`]);
    const pages = files(dist, 'index.html').map(
      (f) => new URL(`${path.relative(dist, path.dirname(f))}/`.replace(/^\/$/, ''), `${SITE}/`).href,
    );
    expect(new Set(locs)).toEqual(new Set(pages.filter((p) => !aliases.has(p))));
    expect(locs.filter((l) => aliases.has(l ?? ''))).toEqual([]);
    expect(locs.some((l) => l?.includes('draft') || l?.includes('future'))).toBe(false);
    expect(xml).toContain(`<loc>${SITE}${ARTICLE}</loc><lastmod>2012-01-01T05:00:00.000Z</lastmod>`);
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
  });
});

describe('aliases', () => {
  test('an old URL gets a redirect page and a 301 in _redirects', () => {
    const doc = page(dist, '/old/nasty-article/');
    expect(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe(`0; url=${ARTICLE}`);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}${ARTICLE}`);
    expect(readFileSync(path.join(dist, '_redirects'), 'utf8')).toBe(
      `/2009/01/01/nasty-old/ ${ARTICLE} 301\n/old/nasty-article/ ${ARTICLE} 301\n`,
    );
    expect(readFileSync(path.join(dist, '_headers'), 'utf8')).toContain(
      '/_astro/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable',
    );
  });
});
