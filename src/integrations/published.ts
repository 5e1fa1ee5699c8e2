import { type Corpus, loadCorpus } from '../lib/content/load.ts';
import type { Article } from '../lib/content/model.ts';
import { buildEnv } from '../lib/env.ts';
import { isPublished } from '../lib/publish.ts';
import { corpusReadForBuild, loadOptions } from '../loaders/corpus.ts';

/**
 * The content as the post-build integrations (cards, sitemap, host files) need it: the read the
 * content loaders made for this build, filtered by the same publish rule and the same clock
 * (buildEnv().now) as the pages. The build already failed if the content had problems, so none
 * are expected here. Only when the loaders did not run in this process (a test calling an
 * integration directly) is the folder read here.
 */
let memo: { corpus: Corpus; published: Article[] } | undefined;

export function publishedContent(): { corpus: Corpus; published: Article[] } {
  if (!memo) {
    const env = buildEnv();
    const corpus = corpusReadForBuild(env.contentDir) ?? loadCorpus(loadOptions());
    memo = { corpus, published: corpus.articles.filter((a) => isPublished(a, { now: env.now, preview: false })) };
  }
  return memo;
}
