import { zonedParts } from './dates.ts';

/** Fills a permalink pattern (tokens :year :month :day :slug) for an article. */
export function articlePath(pattern: string, slug: string, date: Date, timeZone: string): string {
  const z = zonedParts(date, timeZone);
  return pattern
    .replace(':year', String(z.year).padStart(4, '0'))
    .replace(':month', String(z.month).padStart(2, '0'))
    .replace(':day', String(z.day).padStart(2, '0'))
    .replace(':slug', slug);
}

/** Normalises an alias (old URL path) to the form a static host serves: leading and trailing slash. */
export function normaliseAlias(alias: string): string {
  let p = alias.trim();
  try {
    if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
  } catch {
    // left as is; validation reports it
  }
  p = p.replace(/[?#].*$/, '');
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/') && !/\.[a-z0-9]{1,5}$/i.test(p)) p = `${p}/`;
  return p;
}

/** Joins the site origin and a path into an absolute URL. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl.replace(/\/+$/, '')}/`).href;
}

/** Path of page `n` of a paginated listing whose first page lives at `base` ("/" or "/tags/x/"). */
export function pagePath(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}
