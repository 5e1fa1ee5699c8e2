import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, OUTPUT, ROOT } from '../support/astro-build.ts';
import { page, text } from '../support/html.ts';

// Builds the shipped sample content once and inspects dist/ by parsing HTML.

const dist = path.join(OUTPUT, 'unit-sample');
const ARTICLE = '/2010/07/14/microsoft-channel-chief-concedes-i-need-to-learn-about-msps/';
const ERIK = 'comment-2010-07-14t1802-erik-walczak';
const JOE_TO_ERIK = 'comment-2010-07-14t1941-joe-panettieri';
const GERARD = 'comment-2010-07-15t0847-gerard-kane';
const JOE_TO_GERARD = 'comment-2010-07-15t1012-joe-panettieri';

function allHtml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f));
}

beforeAll(() => {
  const r = astroBuild({ outDir: dist });
  if (r.status !== 0) throw new Error(`sample build failed:\n${r.output}`);
}, 120_000);

describe('the sample article page', () => {
  let doc: HTMLElement;
  beforeAll(() => {
    doc = page(dist, ARTICLE);
  });

  test('has one h1 with the title, a byline linking to the author, and the date in New York time', () => {
    const h1 = doc.querySelectorAll('h1');
    expect(h1).toHaveLength(1);
    expect(text(h1[0])).toBe('Microsoft Channel Chief Concedes: I Need to Learn About MSPs');
    const byline = doc.querySelector('.article-header a[rel="author"]');
    expect(byline?.getAttribute('href')).toBe('/authors/joe-panettieri/');
    expect(text(byline)).toBe('Joe Panettieri');
    expect(doc.querySelector('.article-header time')?.getAttribute('datetime')).toBe('2010-07-14T14:30:00-04:00');
  });

  test('has the body with both subheadings and without the newsletter boilerplate', () => {
    const prose = doc.querySelector('.prose');
    expect(prose?.querySelectorAll('h2').map((h) => text(h))).toEqual(['New Day, New Audience', 'Good Listener?']);
    expect(text(prose)).toContain('MSP… it’s a piece [of the channel] I need to learn more about.');
    expect(text(prose)).not.toContain('Enewsletter');
    expect(prose?.querySelector('a[href="/disclosures/"]')).not.toBeNull();
  });

  test('shows the comment count in the header, linking to the comments', () => {
    const link = doc.querySelector('.article-header a[href="#comments"]');
    expect(text(link)).toBe('4 comments');
    expect(doc.getElementById('comments')).not.toBeNull();
  });

  test('threads the four comments: each staff reply nested under the comment it answers', () => {
    const section = doc.getElementById('comments') as HTMLElement;
    // The first comment list in the section is the top level; replies nest in lists inside it.
    const top = section.querySelector('ol.comment-list')?.querySelectorAll(':scope > li') ?? [];
    expect(top.map((li) => li.querySelector(':scope > article')?.id)).toEqual([ERIK, GERARD]);
    for (const [parent, reply] of [
      [ERIK, JOE_TO_ERIK],
      [GERARD, JOE_TO_GERARD],
    ]) {
      const li = top.find((x) => x.querySelector(':scope > article')?.id === parent);
      const nested = li?.querySelectorAll(':scope > ol > li > article').map((a) => a.id);
      expect(nested).toEqual([reply]);
    }
    expect(section.querySelectorAll('article.comment')).toHaveLength(4);
  });

  test('marks staff replies with the author name, a visible badge and a link to the author page', () => {
    for (const id of [JOE_TO_ERIK, JOE_TO_GERARD]) {
      const c = doc.getElementById(id) as HTMLElement;
      expect(text(c.querySelector('.badge'))).toBe('Author');
      const a = c.querySelector('.comment-author a');
      expect(a?.getAttribute('href')).toBe('/authors/joe-panettieri/');
      expect(text(a)).toBe('Joe Panettieri');
    }
    expect(doc.getElementById(ERIK)?.querySelector('.badge')).toBeNull();
  });

  test('shows name, affiliation, a nofollow link to the commenter site, a permalink and the signature', () => {
    const erik = doc.getElementById(ERIK) as HTMLElement;
    expect(text(erik.querySelector('.comment-author'))).toBe('Erik Walczak, Ingram Micro');
    const gerard = doc.getElementById(GERARD) as HTMLElement;
    const link = gerard.querySelector('.comment-author a');
    expect(link?.getAttribute('href')).toBe('http://www.mspsn.com');
    expect(link?.getAttribute('rel')?.split(' ').sort()).toEqual(['nofollow', 'noopener', 'ugc']);
    expect(gerard.querySelector(`a[href="#${GERARD}"] time`)).not.toBeNull();
    expect(text(gerard.querySelector('.comment-body'))).toContain('MSP Services Network');
  });

  test('ships no JavaScript (structured data only)', () => {
    expect(doc.querySelectorAll('script').map((s) => s.getAttribute('type'))).toEqual(['application/ld+json']);
  });

  test('has the follow block after the comments, outside the article', () => {
    const follow = doc.querySelector('aside.follow');
    expect(follow).not.toBeNull();
    expect(doc.querySelector('article.article aside.follow')).toBeNull();
  });
});

describe('the rest of the sample site', () => {
  test('the draft appears nowhere', () => {
    for (const file of allHtml(dist)) {
      expect(readFileSync(file, 'utf8'), file).not.toContain('cloud-billing-control-revisited');
    }
  });

  test('the home page lists published articles newest first with comment counts', () => {
    const home = page(dist, '/');
    const titles = home.querySelectorAll('.article-list .card-title a').map((a) => a.getAttribute('href'));
    expect(titles.at(-1)).toBe(ARTICLE);
    const card = home.querySelectorAll('.article-list > li').find((li) => li.querySelector(`a[href="${ARTICLE}"]`));
    expect(text(card?.querySelector(`a[href="${ARTICLE}#comments"]`))).toBe('4 comments');
  });

  test('tags differing only in case share one page', () => {
    const tags = page(dist, '/tags/');
    const names = tags.querySelectorAll('.tag-index a').map((a) => text(a).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(existsSync(path.join(dist, 'tags/cloud/index.html'))).toBe(true);
  });

  test('a closed article says so and still shows its comments', () => {
    const doc = page(dist, '/2011/01/19/partner-conference-season-2011-what-ill-be-watching/');
    expect(text(doc.querySelector('.comments-closed'))).toBe('Comments are closed.');
    const files = readdirSync(path.join(ROOT, 'content/comments/partner-conference-season-2011-what-ill-be-watching'));
    expect(doc.querySelectorAll('article.comment').map((c) => c.id)).toEqual(files.map((f) => `comment-${f.replace(/\.md$/, '')}`).sort());
  });

  test('author, archive, static and 404 pages exist', () => {
    for (const p of ['/authors/joe-panettieri/', '/archive/', '/archive/2010/', '/about/', '/disclosures/']) {
      expect(page(dist, p).querySelectorAll('h1'), p).toHaveLength(1);
    }
    expect(existsSync(path.join(dist, '404.html'))).toBe(true);
  });
});
