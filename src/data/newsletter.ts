import { buildEnv } from '../lib/env.ts';
import type { Issue } from '../lib/newsletter/digest.ts';
import type { EmailOptions } from '../lib/newsletter/email.ts';
import { sendableIssues } from '../lib/newsletter/feed.ts';
import { digestsEnabled } from '../lib/newsletter/follow.ts';
import { siteIssues } from '../lib/newsletter/issues.ts';
import { readDigestFiles } from '../lib/newsletter/load.ts';
import type { SiteModel } from '../lib/site.ts';
import { corpusReadForBuild } from '../loaders/corpus.ts';
import { getSite, pageKeysOf } from './site.ts';

/** What the newsletter routes render from. */
export interface Newsletter {
  site: SiteModel;
  /** Newest first; none when digests are off. */
  issues: Issue[];
  /** Whether this build makes digests (site config and DIGESTS). */
  digestsOn: boolean;
  /** How the e-mail files are written (site settings and the unsubscribe merge tag). */
  email: EmailOptions;
  /**
   * Cache key of every newsletter page (src/lib/page-keys.ts): all issues at once, since an issue
   * page links its neighbours and the feed decides which issues have e-mails. Issues change when a
   * week ends, so this is one re-render a week.
   */
  cacheKey: string;
}

const built = new WeakMap<SiteModel, Newsletter>();

/**
 * The bridge from the build to the newsletter: the site model, this build's content read and
 * clock. Made once per site model (once per build; per request in preview, as the model is).
 */
export async function getNewsletter(): Promise<Newsletter> {
  const site = await getSite();
  let newsletter = built.get(site);
  if (!newsletter) {
    newsletter = makeNewsletter(site);
    built.set(site, newsletter);
  }
  return newsletter;
}

function makeNewsletter(site: SiteModel): Newsletter {
  // The same content folder and clock as the site model (src/data/site.ts).
  const env = buildEnv();
  const digestFiles =
    corpusReadForBuild(env.contentDir)?.digests ??
    readDigestFiles({ contentDir: env.contentDir, timeZone: site.config.timeZone, permalink: site.config.permalink });
  const issues = siteIssues(site, { digestFiles, now: env.now, digests: env.digests });
  // Off in the site config or with DIGESTS=off: no issues, no archive or feed, and the merge tag
  // is never used (the follow block reads the same rule).
  const digests = digestsEnabled(site.config, env.digests);
  const email = { config: site.config, unsubscribe: digests ? digests.unsubscribe : '' };
  const cacheKey = pageKeysOf(site).of(issues, email.unsubscribe);
  return { site, issues, digestsOn: Boolean(digests), email, cacheKey };
}

/** Routes of the two e-mail files (HTML and plain text): one per issue the feed carries (see sendableIssues). */
export async function emailRoutes() {
  const { site, issues, cacheKey } = await getNewsletter();
  return sendableIssues(issues, site.config.feedSize).map((issue) => ({ params: { issue: issue.key }, props: { issue }, cacheKey }));
}
