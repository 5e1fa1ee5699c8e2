import path from 'node:path';
import { ContentError } from '../problems.ts';
import type { SiteModel } from '../site.ts';
import { buildIssues, type Issue } from './digest.ts';
import { digestsEnabled } from './follow.ts';
import { loadDigestFiles } from './load.ts';

/** Where the build finds the content and which clock it runs on. */
export interface IssueSource {
  contentDir: string;
  now: Date;
  /** The build's switch: false with DIGESTS=off. */
  digests: boolean;
}

const memo = new WeakMap<SiteModel, Issue[]>();

/**
 * The site's newsletter issues for this build, newest first (none when digests are off). Read
 * once per site model: every newsletter page and endpoint of a build shares one result. Problems
 * in digest files stop the build with every one of them listed, like any content problem.
 */
export function siteIssues(site: SiteModel, source: IssueSource): Issue[] {
  const cached = memo.get(site);
  if (cached) return cached;
  const digests = digestsEnabled(site.config, source.digests);
  let issues: Issue[] = [];
  if (digests) {
    const show = (abs: string) => {
      const rel = path.relative(process.cwd(), abs);
      return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
    };
    const loaded = loadDigestFiles({ dir: path.join(source.contentDir, 'newsletter'), timeZone: site.config.timeZone, show });
    const built = buildIssues(site, loaded.digests, { now: source.now, digests });
    const problems = [...loaded.problems, ...built.problems];
    if (problems.length) throw new ContentError(problems);
    issues = built.issues;
  }
  memo.set(site, issues);
  return issues;
}
