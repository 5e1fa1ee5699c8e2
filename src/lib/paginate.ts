/** One page of a listing. */
export interface PageSlice<T> {
  items: T[];
  /** 1-based page number. */
  page: number;
  /** Number of pages (at least 1, so an empty listing still has a first page). */
  pages: number;
}

/** Splits a list into pages of `size` items. */
export function paginate<T>(items: readonly T[], size: number): PageSlice<T>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), page: i + 1, pages }));
}
