import { buildEnv } from '../lib/env.ts';
import type { Issue } from '../lib/newsletter/digest.ts';
import type { EmailOptions } from '../lib/newsletter/email.ts';
import { sendableIssues } from '../lib/newsletter/feed.ts';
import { digestsEnabled } from '../lib/newsletter/follow.ts';
import { siteIssues } from '../lib/newsletter/issues.ts';
import { readDigestFiles } from '../lib/newsletter/load.ts';
import type { SiteModel } from '../lib/site.ts';
import { corpusReadForBuild } from '../loaders/corpus.ts';
import { getSite } from './site.ts';

/** What the newsletter routes render from. */
export interface Newsletter {
  site: SiteModel;
  /** Newest first; none when digests are off. */
  issues: Issue[];
  /** Whether this build makes digests (site config and DIGESTS). */
  digestsOn: boolean;
  /** How the e-mail files are written (site settings and the unsubscribe merge tag). */
  email: EmailOptions;
}

/** The bridge from the build to the newsletter: the site model, this build's content read and clock. */
export async function getNewsletter(): Promise<Newsletter> {
  const site = await getSite();
  // The same content folder and clock as the site model (src/data/site.ts).
  const env = buildEnv();
  const digestFiles =
    corpusReadForBuild(env.contentDir)?.digests ??
    readDigestFiles({ contentDir: env.contentDir, timeZone: site.config.timeZone, permalink: site.config.permalink });
  const issues = siteIssues(site, { digestFiles, now: env.now, digests: env.digests });
  // Off in the site config or with DIGESTS=off: no issues, no archive or feed, and the merge tag
  // is never used (the follow block reads the same rule).
  const digests = digestsEnabled(site.config, env.digests);
  const unsubscribe = digests ? digests.unsubscribe : '';
  return { site, issues, digestsOn: Boolean(digests), email: { config: site.config, unsubscribe } };
}

/** Routes of the two e-mail files (HTML and plain text): one per issue the feed carries (see sendableIssues). */
export async function emailRoutes() {
  const { site, issues } = await getNewsletter();
  return sendableIssues(issues, site.config.feedSize).map((issue) => ({ params: { issue: issue.key }, props: { issue } }));
}
