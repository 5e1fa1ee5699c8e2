import { describe, expect, test } from 'vitest';
import { site } from '../../src/site.config.ts';
import { checkLinks, formatProblems } from './support/links.ts';
import { type SiteName, sites } from './support/sites.ts';

const checked: SiteName[] = ['sample', 'corpus', 'overflow'];

/** The newsletter e-mails' unsubscribe link is the e-mail service's merge tag, filled in when sent. */
const newsletterPlaceholders = site.newsletter?.digests ? [site.newsletter.digests.unsubscribe] : [];

describe.each(checked)('links of the %s site', (name) => {
  test('every internal link, asset and fragment resolves', () => {
    const report = checkLinks(sites[name], { siteUrl: site.url, placeholders: newsletterPlaceholders });
    console.log(
      `links (${name}): ${report.pages} pages and ${report.others} feeds/sitemaps/redirect lists, ${report.links} internal references (${report.fragments} with fragments), ${report.external} external skipped, ${report.problems.length} broken`,
    );
    expect(report.pages).toBeGreaterThan(0);
    // Feeds and the sitemap are checked too (issue 4), and og:image points at real cards (issue 5).
    expect(report.others).toBeGreaterThan(3);
    // Every article links to #comments and every comment to its own anchor, so fragments are checked.
    expect(report.fragments).toBeGreaterThan(0);
    expect(formatProblems(report.problems)).toBe('');
  });
});
