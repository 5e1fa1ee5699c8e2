import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkLinks, formatProblems } from './support/links.ts';

// The checker behind links.test.ts, proven on a hand-made site with known good and broken links,
// so that a green links gate means "no broken links", not "a checker that never complains".
const fixture = path.join(import.meta.dirname, 'fixtures/links');

describe('checkLinks on a fixture with deliberately broken links', () => {
  const report = checkLinks(fixture, { siteUrl: 'https://example.test/' });

  test('reports each broken file, fragment, srcset candidate, script and meta refresh, naming page and reference', () => {
    expect(formatProblems(report.problems)).toMatchInlineSnapshot(`
      "/about/: a[href] "/style.css#x" has a fragment but style.css is not an HTML page
      /about/: meta[http-equiv=refresh] "/moved/" names no file in the build (looked for moved/index.html)
      /: a[href] "/missing/" names no file in the build (looked for missing/index.html)
      /: a[href] "/about/#nobody" names no element id="nobody" on /about/
      /: a[href] "#nowhere" names no element id="nowhere" on /
      /: a[href] "https://example.test/gone/" names no file in the build (looked for gone/index.html)
      /: script[src] "/app.js" names no file in the build (looked for app.js or app.js/index.html)
      /: img[srcset] "/logo@2x.svg" names no file in the build (looked for logo@2x.svg or logo@2x.svg/index.html)"
    `);
  });

  test('counts pages, internal links, fragments and skipped external links', () => {
    expect({ pages: report.pages, links: report.links, fragments: report.fragments, external: report.external }).toMatchInlineSnapshot(`
      {
        "external": 2,
        "fragments": 5,
        "links": 18,
        "pages": 2,
      }
    `);
  });
});
