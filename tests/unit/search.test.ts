import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';
import type { RenderedArticle, RenderedAuthor } from '../../src/lib/content/model.ts';
import { commentMatches, type PagefindAnchor } from '../../src/lib/search/matches.ts';
import {
  isEmptyQuery,
  pagefindOptions,
  parseSearchParams,
  quotedQuery,
  SEARCH_QUERY_MAX,
  toSearchParams,
} from '../../src/lib/search/query.ts';
import { searchFilterOptions, searchRecord } from '../../src/lib/search/record.ts';
import { buildSite } from '../../src/lib/site.ts';

const config = parseSiteConfig({ title: 'Test', url: 'https://example.com' });

function article(slug: string, date: string, extra: Partial<RenderedArticle> = {}): RenderedArticle {
  const base = { slug, title: slug, date: new Date(date), author: 'jp', tags: [], description: '', draft: false, commentsClosed: false };
  return { ...base, aliases: [], path: `/${slug}/`, body: '', html: '', file: `${slug}.md`, ...extra };
}
const author = (id: string, name: string): RenderedAuthor => ({ id, name, bio: '', html: '', file: `${id}.md` });

const site = buildSite(
  {
    authors: [author('jp', 'Joe Panettieri'), author('md', 'Maria Delgado'), author('nobody', 'No Articles')],
    pages: [],
    comments: [],
    articles: [
      article('a', '2010-07-14T18:00:00Z', { tags: ['MSP', 'Cloud'] }),
      // 03:00 UTC on New Year's Day is still 2010 in the site's zone (New York).
      article('eve', '2011-01-01T03:00:00Z', { tags: ['cloud'], author: 'md', title: 'Eve, "quoted" & <b>' }),
      article('draft', '2010-09-01T12:00:00Z', { draft: true, tags: ['Secret'] }),
    ],
  },
  config,
  { now: new Date('2012-01-01T00:00:00Z'), preview: false },
);
const card = (slug: string) => `/og/articles/${slug}.png`;

describe('searchRecord', () => {
  test('gives the metadata a result shows, in the site’s zone and language', () => {
    const eve = site.article('eve') as RenderedArticle;
    expect(searchRecord(eve, site, card)).toEqual({
      meta: {
        title: 'Eve, "quoted" & <b>',
        date: '2010-12-31T22:00:00-05:00',
        date_label: 'December 31, 2010',
        author: 'Maria Delgado',
        image: '/og/articles/eve.png',
      },
      filters: { tag: ['cloud'], author: ['md'], year: ['2010'] },
      sort: { date: '2011-01-01T03:00:00.000Z' },
    });
  });

  test('filters by tag URL segment, not by the spelling an article uses', () => {
    expect(searchRecord(site.article('a') as RenderedArticle, site, card).filters.tag).toEqual(['msp', 'cloud']);
  });
});

describe('searchFilterOptions', () => {
  test('offers the published tags, the authors with articles and the years, with counts', () => {
    expect(searchFilterOptions(site)).toEqual({
      tag: [
        { value: 'cloud', label: 'Cloud', count: 2 },
        { value: 'msp', label: 'MSP', count: 1 },
      ],
      author: [
        { value: 'jp', label: 'Joe Panettieri', count: 1 },
        { value: 'md', label: 'Maria Delgado', count: 1 },
      ],
      year: [{ value: '2010', label: '2010', count: 2 }],
    });
  });
});

describe('search URLs', () => {
  test('read words, known filters and the order, ignoring the rest', () => {
    expect(parseSearchParams(new URLSearchParams('q=+azure+&tag=msp&year=&colour=red&sort=relevance'))).toEqual({
      q: 'azure',
      filters: { tag: 'msp' },
      sort: 'relevance',
    });
    expect(parseSearchParams(new URLSearchParams('sort=sideways'))).toEqual({ q: '', filters: {}, sort: 'date' });
  });

  test('write the same search as the same URL, without defaults', () => {
    const query = { q: 'a&b "c"', filters: { year: '2010', tag: 'msp' }, sort: 'date' as const };
    expect(toSearchParams(query).toString()).toBe('q=a%26b+%22c%22&tag=msp&year=2010');
    expect(parseSearchParams(toSearchParams(query))).toEqual(query);
  });

  test('words and filters from a link are cut at the longest search; the status line quotes at most 60 characters', () => {
    const long = `${'partner '.repeat(60)}end`;
    const query = parseSearchParams(new URLSearchParams({ q: long, tag: 'x'.repeat(500) }));
    expect([...query.q].length).toBeLessThanOrEqual(SEARCH_QUERY_MAX);
    expect(long.startsWith(query.q)).toBe(true);
    expect(query.filters.tag).toHaveLength(SEARCH_QUERY_MAX);
    // Cut by characters, not UTF-16 units: an emoji is never split.
    expect(parseSearchParams(new URLSearchParams({ q: '😀'.repeat(300) })).q).toBe('😀'.repeat(SEARCH_QUERY_MAX));
    expect(quotedQuery('azure')).toBe('“azure”');
    expect(quotedQuery(long)).toBe(`“${'partner '.repeat(7).trimEnd()}…”`);
    expect(quotedQuery('x'.repeat(100))).toBe(`“${'x'.repeat(60)}…”`);
  });

  test('a search with neither words nor filters is empty', () => {
    expect(isEmptyQuery(parseSearchParams(new URLSearchParams('sort=relevance')))).toBe(true);
    expect(isEmptyQuery(parseSearchParams(new URLSearchParams('author=jp')))).toBe(false);
  });

  test('sort newest first unless relevance is asked for', () => {
    expect(pagefindOptions({ q: 'x', filters: { tag: 'msp' }, sort: 'date' })).toEqual({ filters: { tag: 'msp' }, sort: { date: 'desc' } });
    expect(pagefindOptions({ q: 'x', filters: {}, sort: 'relevance' })).toEqual({ filters: {} });
  });
});

describe('commentMatches', () => {
  const anchors: PagefindAnchor[] = [
    { element: 'h2', id: 'comment-policy', text: 'Comment policy', location: 10 },
    { element: 'article', id: 'comment-c1', text: '', location: 40 },
    { element: 'p', id: 'comment-c1-by', text: 'Erik  Walczak, Ingram Micro', location: 40 },
    { element: 'article', id: 'comment-c2', text: '', location: 60 },
    { element: 'p', id: 'comment-c2-by', text: 'Joe Panettieri Author', location: 60 },
  ];
  const url = '/2010/07/14/a/';

  test('places each match in the comment it falls in, once per comment, first match first', () => {
    expect(commentMatches({ url, anchors, locations: [65, 45, 41, 5] })).toEqual([
      { url: '/2010/07/14/a/#comment-c1', author: 'Erik Walczak, Ingram Micro' },
      { url: '/2010/07/14/a/#comment-c2', author: 'Joe Panettieri Author' },
    ]);
  });

  test('a match in the article body, even under a heading named like a comment, is no comment match', () => {
    expect(commentMatches({ url, anchors, locations: [3, 12, 39] })).toEqual([]);
  });

  test('a page without comments has no comment matches', () => {
    expect(commentMatches({ url, anchors: [], locations: [1, 2] })).toEqual([]);
  });
});
