import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkLinks, formatProblems } from './support/links.ts';

// The checker behind links.test.ts, proven on a hand-made site with known good and broken links,
// so that a green links gate means "no broken links", not "a checker that never complains".
const fixture = path.join(import.meta.dirname, 'fixtures/links');

describe('checkLinks on a fixture with deliberately broken links', () => {
  const report = checkLinks(fixture, { siteUrl: 'https://example.test/' });

  test('reports each broken file, fragment, srcset candidate, script, meta refresh, feed, sitemap and redirect target', () => {
    expect(formatProblems(report.problems)).toMatchInlineSnapshot(`
      "/about/: a[href] "/style.css#x" has a fragment but style.css is not an HTML page
      /about/: meta[http-equiv=refresh] "/moved/" names no file in the build (looked for moved/index.html)
      /: a[href] "/missing/" names no file in the build (looked for missing/index.html)
      /: a[href] "/about/#nobody" names no element id="nobody" on /about/
      /: a[href] "#nowhere" names no element id="nowhere" on /
      /: a[href] "https://example.test/gone/" names no file in the build (looked for gone/index.html)
      /: script[src] "/app.js" names no file in the build (looked for app.js or app.js/index.html)
      /: img[srcset] "/logo@2x.svg" names no file in the build (looked for logo@2x.svg or logo@2x.svg/index.html)
      /_redirects: _redirects target "/vanished/" names no file in the build (looked for vanished/index.html)
      /rss.xml: <comments> "https://example.test/about/#no-comments" names no element id="no-comments" on /about/
      /rss.xml: <?xml-stylesheet> "/rss.xsl" names no file in the build (looked for rss.xsl or rss.xsl/index.html)
      /rss.xml: content:encoded img[src] "https://example.test/lost.png" names no file in the build (looked for lost.png or lost.png/index.html)
      /sitemap-0.xml: <loc> "https://example.test/unlisted/" names no file in the build (looked for unlisted/index.html)"
    `);
  });

  test('counts pages, feeds and sitemaps, internal links, fragments and skipped external links', () => {
    expect({
      pages: report.pages,
      others: report.others,
      links: report.links,
      fragments: report.fragments,
      external: report.external,
    }).toMatchInlineSnapshot(`
      {
        "external": 2,
        "fragments": 6,
        "links": 30,
        "others": 3,
        "pages": 2,
      }
    `);
  });
});
