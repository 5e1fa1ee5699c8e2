import { zonedParts } from './dates.ts';
import { RESERVED_TOP } from './urls.ts';

/** Fills a permalink pattern (tokens :year :month :day :slug) for an article. */
export function articlePath(pattern: string, slug: string, date: Date, timeZone: string): string {
  const z = zonedParts(date, timeZone);
  return pattern
    .replace(':year', String(z.year).padStart(4, '0'))
    .replace(':month', String(z.month).padStart(2, '0'))
    .replace(':day', String(z.day).padStart(2, '0'))
    .replace(':slug', slug);
}

/**
 * The files Pagefind reads: only those the permalink pattern can produce, so it parses the ~55%
 * of a large build that are articles instead of every listing page, feed-less tag page and
 * redirect (measured on 1,000 articles: 2.2 s instead of 3.2–4.6 s). Pages that match but carry
 * no data-pagefind-body (an alias that looks like a permalink) are still left out by Pagefind.
 *
 * `/:year/:month/:day/:slug/` → `[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*\/index.html`
 */
export function articleGlob(permalink: string): string {
  const segments = permalink.split('/').filter(Boolean);
  const glob = segments.map((seg) => {
    if (seg === ':year') return '[0-9][0-9][0-9][0-9]';
    if (seg === ':month' || seg === ':day') return '[0-9][0-9]';
    if (seg === ':slug') return '*';
    // Literal segments of the pattern are lowercase letters, digits and hyphens (see config.ts).
    return seg;
  });
  return `${glob.join('/')}/index.html`;
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
  // /old/index.html is the folder /old/ (the host serves one for the other).
  p = p.replace(/\/index\.html?$/i, '/');
  if (!p.endsWith('/') && !/\.[a-z0-9]{1,5}$/i.test(p)) p = `${p}/`;
  return p;
}

/** Characters an alias may hold: letters and digits of any script, and URL punctuation without a meaning to hosts. */
const ALIAS_CHARS = /^[\p{L}\p{N}\p{M}\-._~%+@,;=!$&'()/]+$/u;

/**
 * What is wrong with an alias (an old URL path, already normalised), or undefined when it is a
 * plain path. Aliases become `_redirects` rules and redirect pages, and hosts read `:name` and `*`
 * in `_redirects` as placeholders and wildcards: "/:year/:month/:day/:slug/" would redirect every
 * article (a loop on Cloudflare Pages). So only plain paths pass: no placeholders, wildcards,
 * spaces, backslashes, empty or dot segments (also percent-encoded), and none of the site's own
 * top-level names (src/lib/urls.ts RESERVED_TOP). Files in public/ are the loader's check
 * (Reader.checkAliasFiles), which knows the folder.
 */
export function aliasProblem(alias: string): string | undefined {
  if (alias === '/') return 'is the home page; remove it';
  let decoded: string;
  try {
    decoded = decodeURIComponent(alias);
  } catch {
    return `${alias} has a % that is not followed by two hex digits; write the path as it appears in the browser`;
  }
  for (const p of alias === decoded ? [alias] : [alias, decoded]) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
    const bad = p.match(/[:*\\\s\u0000-\u001f\u007f]/u)?.[0];
    if (bad !== undefined) {
      const what =
        bad === ':'
          ? 'a colon (hosts read ":name" as a placeholder)'
          : bad === '*'
            ? 'a * (hosts read it as a wildcard)'
            : bad === '\\'
              ? 'a backslash'
              : 'a space or control character';
      return `${alias} holds ${what}; an alias must be one plain path, like /2010/07/14/old-title/`;
    }
    if (!ALIAS_CHARS.test(p) && p === alias) {
      return `${alias} holds characters a URL path cannot carry as they are; percent-encode them or remove them`;
    }
    if (p.includes('//')) return `${alias} has an empty segment (//); remove the extra slash`;
    if (p.split('/').some((seg) => seg === '.' || seg === '..')) return `${alias} has a . or .. segment; write the path without it`;
  }
  const top = decoded.split('/')[1] ?? '';
  if (RESERVED_TOP.has(top.toLowerCase()) || top.startsWith('_') || top.startsWith('.')) {
    return `${alias} belongs to the site's own pages or files (/${top}); remove it`;
  }
  return undefined;
}

/** Joins the site origin and a path into an absolute URL. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl.replace(/\/+$/, '')}/`).href;
}

/**
 * The path segment of page `n` of a listing, below its base: "page/2", "page/3"…; undefined for
 * the first page, which lives at the base itself. The one spelling of pagination URLs: links
 * (pagePath) and static routes (listingPaths) both use it.
 */
export function pageSegment(n: number): string | undefined {
  return n <= 1 ? undefined : `page/${n}`;
}

/** Path of page `n` of a paginated listing whose first page lives at `base` ("/" or "/tags/x/"). */
export function pagePath(base: string, n: number): string {
  const segment = pageSegment(n);
  return segment === undefined ? base : `${base}${segment}/`;
}
