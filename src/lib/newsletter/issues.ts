import { ContentError } from '../problems.ts';
import type { SiteModel } from '../site.ts';
import { buildIssues, type Issue } from './digest.ts';
import { digestsEnabled } from './follow.ts';
import type { DigestFile } from './load.ts';

/** The digest files the content read found, and which clock the build runs on. */
export interface IssueSource {
  /** content/newsletter/ as loadCorpus read it (problems in it have already been reported). */
  digestFiles: readonly DigestFile[];
  now: Date;
  /** The build's switch: false with DIGESTS=off. */
  digests: boolean;
}

const memo = new WeakMap<SiteModel, Issue[]>();

/**
 * The site's newsletter issues for this build, newest first (none when digests are off). Read
 * once per site model: every newsletter page and endpoint of a build shares one result. Problems
 * that need the site's week and clock stop the build with every one of them listed, like any
 * content problem (the files' own problems already stopped it in the content loader).
 */
export function siteIssues(site: SiteModel, source: IssueSource): Issue[] {
  const cached = memo.get(site);
  if (cached) return cached;
  const digests = digestsEnabled(site.config, source.digests);
  let issues: Issue[] = [];
  if (digests) {
    const built = buildIssues(site, source.digestFiles, { now: source.now, digests });
    if (built.problems.length) throw new ContentError(built.problems);
    issues = built.issues;
  }
  memo.set(site, issues);
  return issues;
}
