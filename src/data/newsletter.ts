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
  /** Cache keys of the newsletter's pages (src/lib/page-keys.ts). */
  keys: {
    /** The archive and the feed: every issue. */
    all: string;
    /** An issue's page: the issue, the neighbours it links, and whether the feed still carries it. */
    issue(index: number): string;
    /** An issue's two e-mail files. */
    email(issue: Issue): string;
  };
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
  const keys = pageKeysOf(site);
  const sendable = new Set(sendableIssues(issues, site.config.feedSize));
  return {
    site,
    issues,
    digestsOn: Boolean(digests),
    email,
    keys: {
      all: keys.of(issues, email.unsubscribe),
      issue: (i) => keys.of(issues[i], issues[i - 1], issues[i + 1], sendable.has(issues[i] as Issue)),
      email: (issue) => keys.of(issue, email.unsubscribe),
    },
  };
}

/** Routes of the two e-mail files (HTML and plain text): one per issue the feed carries (see sendableIssues). */
export async function emailRoutes() {
  const { site, issues, keys } = await getNewsletter();
  return sendableIssues(issues, site.config.feedSize).map((issue) => ({
    params: { issue: issue.key },
    props: { issue },
    cacheKey: keys.email(issue),
  }));
}
