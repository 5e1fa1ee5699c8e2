import { contentDir } from '../lib/env.ts';
import type { Issue } from '../lib/newsletter/digest.ts';
import type { EmailOptions } from '../lib/newsletter/email.ts';
import { digestsEnabled } from '../lib/newsletter/follow.ts';
import { siteIssues } from '../lib/newsletter/issues.ts';
import { buildNow } from '../lib/publish.ts';
import type { SiteModel } from '../lib/site.ts';
import { getSite } from './site.ts';

/** What the newsletter routes render from. */
export interface Newsletter {
  site: SiteModel;
  /** Newest first; none when digests are off. */
  issues: Issue[];
  /** How the e-mail files are written (site settings and the unsubscribe merge tag). */
  email: EmailOptions;
}

/** The bridge from the build to the newsletter: the site model, this build's content folder and clock. */
export async function getNewsletter(): Promise<Newsletter> {
  const site = await getSite();
  // The same clock as the site model's (src/data/site.ts); read once per build by siteIssues.
  const issues = siteIssues(site, { contentDir: contentDir(), now: buildNow(process.env) });
  // With digests off there are no issues, so no e-mail is written and the merge tag is never used.
  const unsubscribe = digestsEnabled(site.config)?.unsubscribe ?? '';
  return { site, issues, email: { config: site.config, unsubscribe } };
}
