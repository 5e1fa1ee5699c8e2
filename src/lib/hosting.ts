import type { Article, Page } from './content/model.ts';
import { paths } from './urls.ts';

/** A page as a redirect target: its URL and its old URLs. */
export function pageTarget(page: Pick<Page, 'slug' | 'aliases'>): Pick<Article, 'path' | 'aliases'> {
  return { path: paths.page(page.slug), aliases: page.aliases };
}

/**
 * `_redirects` in the syntax Netlify and Cloudflare Pages share: one permanent (301) redirect per
 * alias of an article or page, so hosts answer old URLs before the meta-refresh pages are ever
 * fetched. Aliases are plain paths (aliasProblem in permalink.ts refuses `:name`, `*` and spaces,
 * which hosts would read as placeholders, wildcards or separators).
 */
export function redirectsFile(articles: readonly Pick<Article, 'path' | 'aliases'>[]): string {
  const lines = articles.flatMap((a) => a.aliases.map((alias) => `${alias} ${a.path} 301`));
  return lines.length ? `${lines.sort().join('\n')}\n` : '';
}

/**
 * `_headers` (Cloudflare Pages syntax): HTML and feeds revalidate within minutes, fingerprinted
 * assets are cached for a year. A later rule first removes (`! Cache-Control`) what the catch-all
 * set, since every matching rule applies.
 */
export function headersFile(): string {
  const rule = (pattern: string, cacheControl: string, detach = true) =>
    [pattern, ...(detach ? ['  ! Cache-Control'] : []), `  Cache-Control: ${cacheControl}`].join('\n');
  return `${[
    rule('/*', 'public, max-age=300, must-revalidate', false),
    rule('/_astro/*', 'public, max-age=31536000, immutable'),
    rule('/og/*', 'public, max-age=86400'),
    rule('/pagefind/*', 'public, max-age=3600'),
    rule('/favicon.svg', 'public, max-age=86400'),
  ].join('\n')}\n`;
}
