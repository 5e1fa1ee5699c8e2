import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type HTMLElement, parse } from 'node-html-parser';

/** One internal reference that does not resolve. */
export interface LinkProblem {
  /** The page holding the reference, as a site path ("/about/"). */
  page: string;
  /** Where the reference sits, e.g. "a[href]". */
  source: string;
  /** The reference as written. */
  url: string;
  /** Why it does not resolve. */
  reason: string;
}

/** What a check of one built site found. */
export interface LinkReport {
  /** HTML files read (feeds, sitemaps and _redirects are read too, and counted in `others`). */
  pages: number;
  /** Feeds, sitemaps and _redirects read. */
  others: number;
  /** Internal references checked (fragments included). */
  links: number;
  /** References with a fragment whose id was looked up. */
  fragments: number;
  /** References to other origins, mailto: and the like, which are not checked. */
  external: number;
  problems: LinkProblem[];
}

export interface CheckLinksOptions {
  /** The site's public URL; absolute URLs on its origin (canonical links) are internal too. */
  siteUrl?: string;
  /** References written as placeholders a sender fills in (a newsletter e-mail's unsubscribe merge tag); not checked. */
  placeholders?: readonly string[];
}

interface Reference {
  source: string;
  url: string;
}

/** Every HTML file under `dir`, as paths relative to it. */
export function htmlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.html')).sort();
}

/** Feeds, sitemaps and the host's redirect list: the other files whose links readers and crawlers follow. */
function otherLinkFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => (f.endsWith('.xml') && !f.startsWith(`pagefind${path.sep}`)) || f === '_redirects')
    .sort();
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}

/**
 * The references in a feed or sitemap: item links, GUIDs, comment links and feeds, atom:link,
 * the stylesheet, sitemap locations, and every link and image inside the (escaped) HTML content.
 * In `_redirects`, each rule's target.
 */
function xmlReferences(file: string, text: string): Reference[] {
  const refs: Reference[] = [];
  if (file === '_redirects') {
    for (const line of text.split('\n')) {
      const target = line.trim().split(/\s+/)[1];
      if (target) refs.push({ source: '_redirects target', url: target });
    }
    return refs;
  }
  for (const tag of ['link', 'guid', 'comments', 'wfw:commentRss', 'loc']) {
    for (const m of text.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g')))
      refs.push({ source: `<${tag}>`, url: decodeXml(m[1] ?? '') });
  }
  for (const m of text.matchAll(/<(atom:link|\?xml-stylesheet)\s[^>]*href="([^"]*)"/g))
    refs.push({ source: `<${m[1]}>`, url: decodeXml(m[2] ?? '') });
  for (const m of text.matchAll(/<(content:encoded|description)>([\s\S]*?)<\/\1>/g)) {
    for (const ref of references(parse(decodeXml(m[2] ?? '')))) refs.push({ ...ref, source: `${m[1]} ${ref.source}` });
  }
  return refs;
}

/** The site path a built file answers at: "a/index.html" → "/a/", "404.html" → "/404.html". */
function pagePath(file: string): string {
  const url = `/${file.split(path.sep).join('/')}`;
  return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

/** The references a page makes: links, stylesheets, images, scripts, srcset candidates, meta refresh. */
function references(root: HTMLElement): Reference[] {
  const refs: Reference[] = [];
  const add = (source: string, url: string | undefined) => {
    if (url !== undefined) refs.push({ source, url: url.trim() });
  };
  for (const el of root.querySelectorAll('a[href], area[href]')) add(`${el.tagName.toLowerCase()}[href]`, el.getAttribute('href'));
  for (const el of root.querySelectorAll('link[href]')) add('link[href]', el.getAttribute('href'));
  for (const el of root.querySelectorAll('img[src], script[src], source[src], iframe[src]'))
    add(`${el.tagName.toLowerCase()}[src]`, el.getAttribute('src'));
  for (const el of root.querySelectorAll('[srcset]')) {
    for (const candidate of (el.getAttribute('srcset') ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) add(`${el.tagName.toLowerCase()}[srcset]`, url);
    }
  }
  for (const el of root.querySelectorAll('meta[property="og:image"], meta[name="twitter:image"]')) {
    add(
      `meta[${el.getAttribute('property') ? 'property' : 'name'}=${el.getAttribute('property') ?? el.getAttribute('name')}]`,
      el.getAttribute('content'),
    );
  }
  for (const el of root.querySelectorAll('meta[http-equiv]')) {
    if (el.getAttribute('http-equiv')?.toLowerCase() !== 'refresh') continue;
    const match = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') ?? '');
    add('meta[http-equiv=refresh]', match?.[1]);
  }
  return refs;
}

/** The files a site path may be served from, most likely first. */
function candidates(dir: string, pathname: string): string[] {
  const file = path.join(dir, pathname);
  if (pathname.endsWith('/')) return [path.join(file, 'index.html')];
  return [file, path.join(file, 'index.html')];
}

/**
 * Checks that every internal reference in the built site at `dir` resolves to a file, and that
 * every fragment (`#comments`, `/a/#comment-x`) names an element id on the page it points to.
 * Parses each page once; ids are cached per file.
 */
export function checkLinks(dir: string, options: CheckLinksOptions = {}): LinkReport {
  const siteOrigin = options.siteUrl ? new URL(options.siteUrl).origin : undefined;
  const files = htmlFiles(dir);
  const parsed = new Map<string, HTMLElement>();
  const load = (file: string) => {
    let root = parsed.get(file);
    if (!root) {
      root = parse(readFileSync(file, 'utf8'));
      parsed.set(file, root);
    }
    return root;
  };
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set(
        load(file)
          .querySelectorAll('[id]')
          .map((el) => el.id),
      );
      ids.set(file, set);
    }
    return set;
  };

  const others = otherLinkFiles(dir);
  const report: LinkReport = { pages: files.length, others: others.length, links: 0, fragments: 0, external: 0, problems: [] };
  const refsOf = (file: string) =>
    file.endsWith('.html') ? references(load(path.join(dir, file))) : xmlReferences(file, readFileSync(path.join(dir, file), 'utf8'));
  for (const file of [...files, ...others]) {
    const page = pagePath(file);
    const base = new URL(page, 'http://site.invalid');
    for (const ref of refsOf(file)) {
      const problem = (reason: string) => report.problems.push({ page, source: ref.source, url: ref.url, reason });
      if (ref.url === '') {
        problem('is empty');
        continue;
      }
      if (options.placeholders?.includes(ref.url)) {
        report.external++;
        continue;
      }
      let url: URL;
      try {
        url = new URL(ref.url, base);
      } catch {
        problem('is not a valid URL');
        continue;
      }
      const internal = url.origin === base.origin || url.origin === siteOrigin;
      if (!internal) {
        report.external++;
        continue;
      }
      report.links++;
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        problem('has a malformed percent-encoding');
        continue;
      }
      const target = candidates(dir, pathname).find((f) => existsSync(f) && statSync(f).isFile());
      if (!target) {
        problem(
          `names no file in the build (looked for ${candidates(dir, pathname)
            .map((f) => path.relative(dir, f))
            .join(' or ')})`,
        );
        continue;
      }
      // "#" and "#top" scroll to the top of any HTML page.
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment === '' || fragment.toLowerCase() === 'top') continue;
      report.fragments++;
      if (!target.endsWith('.html')) {
        problem(`has a fragment but ${path.relative(dir, target)} is not an HTML page`);
      } else if (!idsOf(target).has(fragment)) {
        problem(`names no element id="${fragment}" on ${pagePath(path.relative(dir, target))}`);
      }
    }
  }
  return report;
}

/** One line per problem, for test failure messages. */
export function formatProblems(problems: LinkProblem[]): string {
  return problems.map((p) => `${p.page}: ${p.source} "${p.url}" ${p.reason}`).join('\n');
}
