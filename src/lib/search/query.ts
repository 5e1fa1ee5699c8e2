/**
 * The state of a search as it stands in the search page's URL (`/search/?q=azure&tag=msp`), so a
 * search can be linked, reloaded and walked back through with the browser's back button.
 */

/** Filter keys the index holds, in the order the search page shows their controls. */
export const SEARCH_FILTERS = ['tag', 'author', 'year'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

/** Newest first unless the reader asks for the best matches first. */
export type SearchSort = 'date' | 'relevance';

export interface SearchQuery {
  /** The words typed, trimmed; empty when only filters are chosen. */
  q: string;
  /** At most one value per filter; an absent key means "any". */
  filters: Partial<Record<SearchFilter, string>>;
  sort: SearchSort;
}

/**
 * The longest search, in characters (the search boxes' maxlength): longer words from a link are
 * cut here, so a crafted URL cannot make the page search or show an unbounded text.
 */
export const SEARCH_QUERY_MAX = 200;

/** Reads a search from URL parameters; unknown parameters and empty values are ignored, words cut at SEARCH_QUERY_MAX. */
export function parseSearchParams(params: URLSearchParams): SearchQuery {
  const filters: Partial<Record<SearchFilter, string>> = {};
  for (const key of SEARCH_FILTERS) {
    const value = params.get(key)?.trim().slice(0, SEARCH_QUERY_MAX);
    if (value) filters[key] = value;
  }
  const q = [...(params.get('q') ?? '').trim()].slice(0, SEARCH_QUERY_MAX).join('').trim();
  return { q, filters, sort: params.get('sort') === 'relevance' ? 'relevance' : 'date' };
}

/** How the status line names a search's words: quoted, and past `max` characters cut at a space with "…". */
export function quotedQuery(q: string, max = 60): string {
  const chars = [...q];
  if (chars.length <= max) return `“${q}”`;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `“${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…”`;
}

/** The URL parameters of a search, in a fixed order and without defaults, so equal searches have equal URLs. */
export function toSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of SEARCH_FILTERS) {
    const value = query.filters[key];
    if (value) params.set(key, value);
  }
  if (query.sort === 'relevance') params.set('sort', 'relevance');
  return params;
}

/** Whether there is anything to search for: words, or at least one filter. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return query.q === '' && Object.keys(query.filters).length === 0;
}

/** Options for Pagefind's `search()`: the chosen filters, and newest first unless relevance is asked for. */
export function pagefindOptions(query: SearchQuery): { filters: Record<string, string>; sort?: { date: 'desc' } } {
  const filters: Record<string, string> = { ...query.filters };
  return query.sort === 'date' ? { filters, sort: { date: 'desc' } } : { filters };
}
