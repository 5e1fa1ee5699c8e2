import { type Corpus, loadCorpus } from '../lib/content/load.ts';
import type { Article } from '../lib/content/model.ts';
import { contentDir, publicDir } from '../lib/env.ts';
import { buildNow, isPublished } from '../lib/publish.ts';
import { site } from '../site.config.ts';

/**
 * The content as the post-build integrations (cards, sitemap, host files) need it: read once per build with
 * the same reader and publish rule as the pages. The build already failed if the content had
 * problems, so none are expected here.
 */
let memo: { corpus: Corpus; published: Article[] } | undefined;

export function publishedContent(): { corpus: Corpus; published: Article[] } {
  if (!memo) {
    const corpus = loadCorpus({ contentDir: contentDir(), publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink });
    const now = buildNow(process.env);
    memo = { corpus, published: corpus.articles.filter((a) => isPublished(a, { now, preview: false })) };
  }
  return memo;
}

/** Forgets the memo (between builds in one process, e.g. in tests). */
export function resetPublishedContent(): void {
  memo = undefined;
}
