import type { Article, Page } from './content/model.ts';
import { paths } from './urls.ts';

/** An alias that names a file (/old/post.html), not a folder (/old/post/): normaliseAlias adds no slash to those. */
export function isFileAlias(alias: string): boolean {
  return !alias.endsWith('/');
}

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

/** What the security headers depend on: where the site's forms may post. */
export interface HeaderOptions {
  /** Form actions of the site (comment form, newsletter sign-up): their origins join form-action. */
  formActions?: readonly (string | undefined)[];
}

/**
 * The Content-Security-Policy every page is served with. The site itself passes it: no inline
 * script or style anywhere (Astro's CSS is always a file: build.inlineStylesheets 'never'; the
 * feed stylesheet links /rss.css), scripts only from the site (the search page's module and
 * Pagefind, which compiles its WebAssembly: 'wasm-unsafe-eval'), pictures from the site or any
 * https host (authors may give an image URL), no frames, no plugins, forms posting only to the
 * site and the configured comment and sign-up services. A comment that slipped something past
 * the sanitizer still could not run it. The newsletter's e-mail HTML needs inline styles (mail
 * clients read nothing else), so /newsletter/ pages alone allow them.
 */
export function contentSecurityPolicy(opts: HeaderOptions = {}, inlineStyles = false): string {
  const origins = [...new Set((opts.formActions ?? []).flatMap((a) => (a ? [new URL(a).origin] : [])))].sort();
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${origins.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `_headers` (Cloudflare Pages syntax): security headers on every response; HTML and feeds
 * revalidate within minutes, fingerprinted assets are cached for a year. Every matching rule
 * applies, so a later rule first removes (`! Name`) what the catch-all set.
 */
export function headersFile(opts: HeaderOptions = {}): string {
  const rule = (pattern: string, cacheControl: string, detach = true) =>
    [pattern, ...(detach ? ['  ! Cache-Control'] : []), `  Cache-Control: ${cacheControl}`].join('\n');
  const everywhere = [
    '/*',
    `  Content-Security-Policy: ${contentSecurityPolicy(opts)}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  X-Frame-Options: DENY',
    '  Cache-Control: public, max-age=300, must-revalidate',
  ].join('\n');
  const newsletter = [
    '/newsletter/*',
    '  ! Content-Security-Policy',
    `  Content-Security-Policy: ${contentSecurityPolicy(opts, true)}`,
  ].join('\n');
  return `${[
    everywhere,
    newsletter,
    rule('/_astro/*', 'public, max-age=31536000, immutable'),
    rule('/og/*', 'public, max-age=86400'),
    rule('/pagefind/*', 'public, max-age=3600'),
    rule('/favicon.svg', 'public, max-age=86400'),
  ].join('\n')}\n`;
}
