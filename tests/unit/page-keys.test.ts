import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';
import type { RenderedAuthor, RenderedComment } from '../../src/lib/content/model.ts';
import { pageKeys } from '../../src/lib/page-keys.ts';
import { buildSite, type SiteInput } from '../../src/lib/site.ts';
import { renderedArticle as article } from '../fixtures/model.ts';

// The keys decide which pages an incremental build copies instead of rendering: each must change
// when anything its page prints changes, and stay put otherwise (or nothing is ever copied).
// tests/build/incremental.test.ts checks the same on real builds, file by file.

const config = parseSiteConfig({ title: 'Test', url: 'https://example.com' });
const live = { now: new Date('2011-06-01T12:00:00Z'), preview: false };
const settings = { digests: true, preview: false };
const author = (id: string, name: string): RenderedAuthor => ({ id, name, bio: '', html: '', file: `${id}.md` });
const comment = (articleSlug: string, id: string, date: string): RenderedComment => ({
  id,
  article: articleSlug,
  author: 'Reader',
  date: new Date(date),
  body: 'x',
  html: '<p>x</p>',
  file: `${id}.md`,
});

/** Five articles in a row; a and b share the tag Cloud, e has a tag of its own. */
function input(): SiteInput {
  return {
    authors: [author('jp', 'Joe Panettieri')],
    pages: [],
    articles: [
      article('a', '2010-01-01T12:00:00Z', { tags: ['Cloud'] }),
      article('b', '2010-02-01T12:00:00Z', { tags: ['Cloud'] }),
      article('c', '2010-03-01T12:00:00Z', { tags: ['MSP'] }),
      article('d', '2010-04-01T12:00:00Z', { tags: ['MSP'] }),
      article('e', '2010-05-01T12:00:00Z', { tags: ['VARs'] }),
    ],
    comments: [comment('a', 'a1', '2010-01-02T12:00:00Z')],
  };
}

function keysOf(data: SiteInput, s = settings) {
  const site = buildSite(data, config, live);
  const k = pageKeys(site, s);
  const bySlug = (slug: string) => site.article(slug) as NonNullable<ReturnType<typeof site.article>>;
  return {
    site: k.site,
    article: (slug: string) => k.article(bySlug(slug)),
    feed: (slug: string) => k.commentFeed(bySlug(slug)),
    listing: (...slugs: string[]) => k.listing(slugs.map(bySlug), 'extra'),
  };
}

describe('page cache keys', () => {
  test('the same content gives the same keys, and every article page has its own', () => {
    const one = keysOf(input());
    const two = keysOf(input());
    for (const s of ['a', 'b', 'c', 'd', 'e']) expect(one.article(s)).toBe(two.article(s));
    expect(new Set(['a', 'b', 'c', 'd', 'e'].map(one.article)).size).toBe(5);
  });

  test('a new comment changes its article page and feed, the cards that count it, and nothing else', () => {
    const before = keysOf(input());
    const data = input();
    data.comments.push(comment('a', 'a2', '2010-01-03T12:00:00Z'));
    const after = keysOf(data);
    expect(after.site).toBe(before.site);
    expect(after.article('a')).not.toBe(before.article('a'));
    expect(after.feed('a')).not.toBe(before.feed('a'));
    // b shows a as its older neighbour and as a related article (the Cloud tag).
    expect(after.article('b')).not.toBe(before.article('b'));
    expect(after.listing('a', 'b')).not.toBe(before.listing('a', 'b'));
    // d and e neither neighbour a nor share a tag with it.
    for (const s of ['d', 'e']) expect(after.article(s)).toBe(before.article(s));
    expect(after.feed('b')).toBe(before.feed('b'));
    expect(after.listing('d', 'e')).toBe(before.listing('d', 'e'));
  });

  test('an edited article changes its own keys and the pages showing it as a card', () => {
    const before = keysOf(input());
    const data = input();
    data.articles[2] = { ...(data.articles[2] as SiteInput['articles'][number]), title: 'c, revisited' };
    const after = keysOf(data);
    expect(after.article('c')).not.toBe(before.article('c'));
    // b and d are c's neighbours.
    expect(after.article('b')).not.toBe(before.article('b'));
    expect(after.article('d')).not.toBe(before.article('d'));
    expect(after.article('a')).toBe(before.article('a'));
    expect(after.listing('c')).not.toBe(before.listing('c'));
  });

  test('what every page prints (settings, authors, tags, pages, switches) changes every key', () => {
    const base = keysOf(input());
    const renamed = input();
    renamed.authors = [author('jp', 'Joseph Panettieri')];
    const newTag = input();
    newTag.articles[4] = { ...(newTag.articles[4] as SiteInput['articles'][number]), tags: ['VARs', 'Edge'] };
    const withPage = input();
    withPage.pages = [{ slug: 'about', title: 'About', description: '', aliases: [], body: '', html: '', file: 'about.md' }];
    const variants = [keysOf(renamed), keysOf(newTag), keysOf(withPage), keysOf(input(), { digests: false, preview: false })];
    for (const v of variants) {
      expect(v.site).not.toBe(base.site);
      expect(v.article('a')).not.toBe(base.article('a'));
      expect(v.listing('d')).not.toBe(base.listing('d'));
    }
  });
});
