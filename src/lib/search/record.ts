import type { RenderedArticle } from '../content/model.ts';
import { formatDisplayDate, isoInZone, zonedParts } from '../dates.ts';
import type { SiteModel } from '../site.ts';
import type { SearchFilter } from './query.ts';

/**
 * What the search index knows about an article besides its text: the metadata a result shows,
 * the filters it can be narrowed by and the keys it can be sorted by. Filter values are stable
 * keys (tag segment, author id, year) so they can stand in a URL; the search page shows names.
 */
export interface SearchRecord {
  meta: {
    /** The article title, as the result's heading. */
    title: string;
    /** ISO 8601 in the site's time zone, for `<time datetime>`. */
    date: string;
    /** The date as the site prints it ("July 14, 2010"). */
    date_label: string;
    /** The author's display name. */
    author: string;
    /** Site path of the article's social card image. */
    image: string;
  };
  filters: {
    /** Tag URL segments (`/tags/<segment>/`). */
    tag: string[];
    /** Author id. */
    author: string[];
    /** Publication year in the site's time zone. */
    year: string[];
  };
  sort: {
    /** UTC ISO 8601: every value has the same shape, so text order is time order. */
    date: string;
  };
}

/** The index record of a published article; `cardPath` gives the site path of its card image. */
export function searchRecord(article: RenderedArticle, site: SiteModel, cardPath: (slug: string) => string): SearchRecord {
  const { timeZone, language } = site.config;
  const tags = article.tags.map((t) => site.tagOf(t)?.segment).filter((s) => s !== undefined);
  return {
    meta: {
      title: article.title,
      date: isoInZone(article.date, timeZone),
      date_label: formatDisplayDate(article.date, timeZone, language),
      author: site.author(article.author)?.name ?? article.author,
      image: cardPath(article.slug),
    },
    filters: {
      tag: [...new Set(tags)],
      author: [article.author],
      year: [String(zonedParts(article.date, timeZone).year)],
    },
    sort: { date: article.date.toISOString() },
  };
}

/** One choice in a filter control. */
export interface FilterOption {
  /** The filter value in the index and in the URL. */
  value: string;
  label: string;
  /** Published articles with this value. */
  count: number;
}

/**
 * The choices of each filter control on the search page, taken from the same site model as the
 * index records so every choice matches indexed values: topics by name, authors with articles by
 * name, years newest first.
 */
export function searchFilterOptions(site: SiteModel): Record<SearchFilter, FilterOption[]> {
  return {
    tag: site.tags.map((t) => ({ value: t.segment, label: t.name, count: t.articles.length })),
    author: site.authors.map((a) => ({ value: a.id, label: a.name, count: site.articlesBy(a.id).length })).filter((o) => o.count > 0),
    year: site.years.map((y) => ({ value: String(y.year), label: String(y.year), count: y.articles.length })),
  };
}
