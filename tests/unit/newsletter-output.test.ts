import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRssString } from '@astrojs/rss';
import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';
import type { RenderedArticle, RenderedComment } from '../../src/lib/content/model.ts';
import { digestsSchema } from '../../src/lib/newsletter/config.ts';
import { buildIssues, type Issue } from '../../src/lib/newsletter/digest.ts';
import { issueEmailHtml } from '../../src/lib/newsletter/email.ts';
import { newsletterRssOptions, sendableIssues } from '../../src/lib/newsletter/feed.ts';
import { issueBodyHtml } from '../../src/lib/newsletter/render-html.ts';
import { issueEmailText, TEXT_WIDTH } from '../../src/lib/newsletter/text.ts';
import { buildSite } from '../../src/lib/site.ts';
import { parseFeeds } from '../support/feedparser.ts';

const SITE_URL = 'https://backchannel.example.com';
const config = parseSiteConfig({ title: 'Back & Forth', url: SITE_URL, newsletter: { heading: 'h', text: 't' } });
const digests = digestsSchema.parse({});
const NOW = new Date('2011-06-01T12:00:00Z');

const article = (slug: string, date: string, title: string): RenderedArticle => ({
  slug,
  title,
  date: new Date(date),
  author: 'jp',
  tags: [],
  description: `Why “${slug}” matters & what <b>not</b> to do.`,
  draft: false,
  commentsClosed: false,
  aliases: [],
  path: `/2010/07/14/${slug}/`,
  body: '',
  html: '',
  file: `${slug}.md`,
});
const comment = (id: string, date: string, extra: Partial<RenderedComment>): RenderedComment => ({
  id,
  article: 'wpc',
  author: 'Reader',
  date: new Date(date),
  body: '',
  html: '<p>Fine.</p>',
  file: `${id}.md`,
  ...extra,
});

const site = buildSite(
  {
    articles: [article('wpc', '2010-07-14T18:30:00Z', 'Roskill: “I need to learn” <about> MSPs & VARs')],
    authors: [{ id: 'jp', name: 'Joe Panettieri', bio: '', html: '', file: 'jp.md' }],
    pages: [],
    comments: [
      comment('evil', '2010-07-14T20:00:00Z', {
        author: 'Mallory "<script>alert(1)</script>"',
        affiliation: 'Evil & Co <img src=x onerror=alert(1)>',
        // What the sanitizing renderer produces for a reader who typed raw HTML: escaped text.
        html: '<p>&lt;script&gt;alert("x")&lt;/script&gt; Billing &amp; branding will haunt them.</p>',
      }),
      comment('jp1', '2010-07-14T21:00:00Z', { staff: 'jp', replyTo: 'evil', author: 'Joe' }),
    ],
  },
  config,
  { now: NOW, preview: false },
);
const files = [
  {
    key: '2010-07-12',
    events: [
      { name: 'WPC 2011 & more', date: new Date('2011-07-10T07:00:00Z'), location: 'Los Angeles', url: 'https://example.com/wpc?a=1&b=2' },
    ],
    intro: 'Welcome. See [the archive](/archive/) and [Microsoft](https://www.microsoft.com/).',
    file: 'content/newsletter/2010-07-12.md',
  },
];
const built = buildIssues(site, files, { now: NOW, digests });
const issue = built.issues[0] as Issue;
const email = { config, unsubscribe: '{{ unsubscribe_url }}' };

describe('the e-mail HTML', () => {
  const html = issueEmailHtml(issue, email);
  const root = parse(html);

  test('the issue was built without problems', () => {
    expect(built.problems).toEqual([]);
    expect(built.issues).toHaveLength(1);
  });

  test('every link and image is absolute, except the unsubscribe merge tag', () => {
    const refs = [
      ...root.querySelectorAll('a').map((a) => a.getAttribute('href') ?? ''),
      ...root.querySelectorAll('img').map((i) => i.getAttribute('src') ?? ''),
    ];
    const notAbsolute = refs.filter((u) => !/^https?:\/\//.test(u));
    expect(notAbsolute).toEqual(['{{ unsubscribe_url }}']);
    const unsubscribe = root.querySelectorAll('a').find((a) => a.textContent === 'Unsubscribe');
    expect(unsubscribe?.getAttribute('href')).toBe('{{ unsubscribe_url }}');
    expect(refs).toContain(`${SITE_URL}/archive/`);
    expect(refs).toContain(`${SITE_URL}/2010/07/14/wpc/#comment-evil`);
    expect(refs).toContain('https://example.com/wpc?a=1&b=2');
  });

  test('CSS is inlined: no style element, every table cell and heading styled', () => {
    expect(root.querySelectorAll('style')).toHaveLength(0);
    expect(root.querySelectorAll('link')).toHaveLength(0);
    for (const el of root.querySelectorAll('td, h1, h2, h3, a, blockquote, body')) {
      expect(el.getAttribute('style'), el.outerHTML.slice(0, 80)).toMatch(/\S/);
    }
    expect(root.querySelector('h1')?.getAttribute('style')).toContain('font-family: Arial');
  });

  test('table layout, no script, no web fonts, sized images with alt text', () => {
    expect(root.querySelectorAll('table[role=presentation]').length).toBeGreaterThanOrEqual(2);
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(html).not.toMatch(/@font-face|@import|fonts\.googleapis/);
    const handlers = root.querySelectorAll('*').flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)));
    expect(handlers).toEqual([]);
    const imgs = root.querySelectorAll('img');
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) {
      expect(img.getAttribute('width')).toMatch(/^\d+$/);
      expect(img.getAttribute('height')).toMatch(/^\d+$/);
      expect(img.getAttribute('alt')).toBe('Roskill: “I need to learn” <about> MSPs & VARs');
    }
  });

  test('a hidden preheader carries the summary first in the body', () => {
    const first = root.querySelector('body')?.childNodes[0] as ReturnType<typeof parse> | undefined;
    expect(first?.getAttribute?.('class')).toBe('preheader');
    expect(first?.getAttribute?.('style')).toContain('display: none');
    expect(first?.textContent.trim().startsWith('Welcome.')).toBe(true);
  });

  test('names, affiliations and comment text stay text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    const cite = root.querySelectorAll('p').find((p) => p.textContent.startsWith('Mallory'));
    expect(cite?.textContent).toContain('Mallory "<script>alert(1)</script>", Evil & Co <img src=x onerror=alert(1)>');
    expect(cite?.textContent).toContain('Joe Panettieri replied.');
    expect(root.querySelector('blockquote')?.textContent).toBe('<script>alert("x")</script> Billing & branding will haunt them.');
  });
});

describe('the plain-text e-mail', () => {
  const text = issueEmailText(issue, email);
  const lines = text.split('\n');

  test('is readable: title, sections, wrapped lines, links written out', () => {
    expect(lines[0]).toBe(issue.title);
    expect(lines[1]).toMatch(/^=+$/);
    expect(lines).toContain('This week’s articles');
    expect(lines).toContain('From the comments');
    expect(lines).toContain('Upcoming events');
    expect(text.replace(/\s+/g, ' ')).toContain(`See the archive (${SITE_URL}/archive/) and Microsoft (https://www.microsoft.com/).`);
    expect(lines.filter((l) => l.length > TEXT_WIDTH && !/https?:\/\/\S+$/.test(l))).toEqual([]);
  });

  test('has no markup, keeps what readers typed as text, and ends with the unsubscribe tag', () => {
    expect(text).not.toMatch(/<\/?(p|a|strong|div)\b/);
    expect(text).toContain('“<script>alert("x")</script> Billing & branding will haunt them.”');
    expect(text).toContain(`    ${SITE_URL}/2010/07/14/wpc/#comment-evil`);
    expect(lines.at(-2)).toBe('Unsubscribe: {{ unsubscribe_url }}');
  });
});

describe('the newsletter feed', () => {
  test('feedparser reads it: one entry per issue, full content with absolute links, stable id and date', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsletter-feed-'));
    const file = path.join(dir, 'rss.xml');
    writeFileSync(file, await getRssString(newsletterRssOptions(site, built.issues)));
    const [feed] = parseFeeds([file]);
    expect(feed?.bozo).toBe(0);
    expect(feed?.feed.title).toBe('Back & Forth weekly newsletter');
    expect(feed?.feed.links).toContainEqual({ rel: 'self', href: `${SITE_URL}/newsletter/rss.xml` });
    expect(feed?.entries).toHaveLength(1);
    const entry = feed?.entries[0];
    expect(entry?.link).toBe(`${SITE_URL}/newsletter/2010-07-12/`);
    expect(entry?.id).toBe(`${SITE_URL}/newsletter/2010-07-12/`);
    // The week ends at midnight Monday in New York: the issue's date.
    expect(entry?.published_iso).toBe('2010-07-19T04:00:00Z');
    const content = parse(entry?.content ?? '');
    const hrefs = content.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(3);
    expect(hrefs.filter((h) => !h.startsWith('https://'))).toEqual([]);
    expect(content.querySelectorAll('h2').map((h) => h.textContent)).toEqual([
      'This week’s articles',
      'From the comments',
      'Upcoming events',
    ]);
    expect(content.querySelector('blockquote')?.textContent).toBe('<script>alert("x")</script> Billing & branding will haunt them.');
    expect(content.querySelectorAll('script')).toHaveLength(0);
  });

  test('the web body uses site paths, the feed body absolute URLs', () => {
    const web = parse(issueBodyHtml(issue, config, false));
    expect(web.querySelector('h3 a')?.getAttribute('href')).toBe('/2010/07/14/wpc/');
    expect(web.querySelector('time')?.getAttribute('datetime')).toBe('2010-07-14T14:30:00-04:00');
  });
});

describe('which issues can still be sent', () => {
  test('the feed and the e-mail files cover the newest feedSize issues; older issues keep only their page', async () => {
    const small = parseSiteConfig({ title: 'B', url: SITE_URL, feedSize: 2, newsletter: { heading: 'h', text: 't' } });
    const weeks = ['2010-07-14', '2010-07-21', '2010-07-28'];
    const s = buildSite(
      {
        articles: weeks.map((d, i) => article(`a${i}`, `${d}T16:00:00Z`, `Article ${i}`)),
        authors: [{ id: 'jp', name: 'Joe Panettieri', bio: '', html: '', file: 'jp.md' }],
        pages: [],
        comments: [],
      },
      small,
      { now: NOW, preview: false },
    );
    const { issues } = buildIssues(s, [], { now: NOW, digests });
    expect(issues.map((i) => i.key)).toEqual(['2010-07-26', '2010-07-19', '2010-07-12']);
    expect(sendableIssues(issues, small.feedSize).map((i) => i.key)).toEqual(['2010-07-26', '2010-07-19']);
    const dir = mkdtempSync(path.join(tmpdir(), 'newsletter-feed-'));
    writeFileSync(path.join(dir, 'rss.xml'), await getRssString(newsletterRssOptions(s, issues)));
    expect(parseFeeds([path.join(dir, 'rss.xml')])[0]?.entries.map((e) => e.link)).toEqual([
      `${SITE_URL}/newsletter/2010-07-26/`,
      `${SITE_URL}/newsletter/2010-07-19/`,
    ]);
  });
});
