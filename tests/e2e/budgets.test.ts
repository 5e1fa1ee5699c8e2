import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { htmlFiles } from './support/links.ts';
import { SAMPLE_ARTICLE, SAMPLE_NEWSLETTER_ISSUE, type SiteName, sites } from './support/sites.ts';

/** Gzipped HTML plus the gzipped CSS it links, per article page. */
const ARTICLE_HTML_CSS_GZIP_BUDGET = 25_000;

/**
 * Pages allowed to load JavaScript. Only the search page will (its UI loads lazily there);
 * articles, listings, tags and authors ship none.
 */
const SCRIPT_ALLOWED = [/^\/search\//];

const ARTICLE_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;
/** Newsletter issue pages quote comments and list articles: they get the article budget too. */
const NEWSLETTER_ISSUE_PATH = /^\/newsletter\/\d{4}-\d{2}-\d{2}\/$/;

interface Page {
  /** Site path, e.g. "/tags/msp/". */
  path: string;
  file: string;
  html: string;
}

function pages(site: SiteName): Page[] {
  return htmlFiles(sites[site]).map((file) => {
    const url = `/${file.split(path.sep).join('/')}`;
    return {
      path: url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url,
      file: path.join(sites[site], file),
      html: readFileSync(path.join(sites[site], file), 'utf8'),
    };
  });
}

/** Everything on a page that runs or loads JavaScript, described for a failure message. */
function javaScriptOn(html: string): string[] {
  const root = parse(html);
  const found: string[] = [];
  for (const el of root.querySelectorAll('script')) {
    // JSON-LD is a data block the browser never runs (HTML: a script whose type is not JavaScript);
    // only an inline one counts as data, a src= would still be a download.
    const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
    if (type === 'application/ld+json' && !el.hasAttribute('src')) continue;
    found.push(`<script${type ? ` type="${type}"` : ''}${el.getAttribute('src') ? ` src="${el.getAttribute('src')}"` : ''}>`);
  }
  for (const el of root.querySelectorAll('link')) {
    const rel = el.getAttribute('rel') ?? '';
    const href = el.getAttribute('href') ?? '';
    if (/modulepreload/.test(rel) || el.getAttribute('as') === 'script' || /\.m?js(\?|#|$)/.test(href))
      found.push(`<link rel="${rel}" href="${href}">`);
  }
  for (const el of root.querySelectorAll('*')) {
    for (const name of Object.keys(el.attributes)) if (/^on/i.test(name)) found.push(`${el.tagName.toLowerCase()}[${name}]`);
    for (const name of ['href', 'src', 'action']) {
      if (/^\s*javascript:/i.test(el.getAttribute(name) ?? '')) found.push(`${el.tagName.toLowerCase()}[${name}=javascript:]`);
    }
  }
  return found;
}

const gzipBytes = (data: string | Buffer) => gzipSync(data).byteLength;

describe.each(['sample', 'corpus'] as const)('JavaScript on the %s site', (site) => {
  test('no page but search ships any JavaScript', () => {
    const offenders = pages(site)
      .filter((p) => !SCRIPT_ALLOWED.some((re) => re.test(p.path)))
      .flatMap((p) => javaScriptOn(p.html).map((what) => `${p.path}: ${what}`));
    expect(offenders).toEqual([]);
  });
});

describe('byte budgets', () => {
  const articles = pages('sample').filter((p) => ARTICLE_PATH.test(p.path) || NEWSLETTER_ISSUE_PATH.test(p.path));

  test('the sample site has the measured article and newsletter issue', () => {
    expect(articles.map((p) => p.path)).toContain(SAMPLE_ARTICLE);
    expect(articles.map((p) => p.path)).toContain(SAMPLE_NEWSLETTER_ISSUE);
  });

  test(`each sample article's and newsletter issue's HTML + CSS is at most ${ARTICLE_HTML_CSS_GZIP_BUDGET} bytes gzipped`, () => {
    const over: string[] = [];
    for (const page of articles) {
      const html = gzipBytes(page.html);
      const css = parse(page.html)
        .querySelectorAll('link')
        .filter((el) => (el.getAttribute('rel') ?? '').split(/\s+/).includes('stylesheet'))
        .map((el) => gzipBytes(readFileSync(path.join(sites.sample, el.getAttribute('href') ?? ''))))
        .reduce((a, b) => a + b, 0);
      console.log(`budget: ${page.path} HTML ${html} B + CSS ${css} B = ${html + css} B gzip`);
      if (html + css > ARTICLE_HTML_CSS_GZIP_BUDGET) {
        over.push(`${page.path}: ${html + css} B gzip (HTML ${html} B + CSS ${css} B) > ${ARTICLE_HTML_CSS_GZIP_BUDGET} B`);
      }
    }
    expect(over).toEqual([]);
  });
});
