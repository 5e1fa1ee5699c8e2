import type { RenderedArticle, RenderedAuthor, RenderedComment, RenderedPage } from '../lib/content/model.ts';
import { buildEnv } from '../lib/env.ts';
import { type PageKeys, pageKeys } from '../lib/page-keys.ts';
import { withRenderedHtml } from '../lib/rendered-entry.ts';
import { buildSite, type SiteInput, type SiteModel } from '../lib/site.ts';
import { renderedContentForBuild } from '../loaders/corpus.ts';
import { site as config } from '../site.config.ts';

/**
 * The one bridge from the content layer to the site model. The loaders store data already
 * validated by src/lib/content/schema.ts. A build takes it from the loaders' read in this process
 * (renderedContentForBuild: the same entries getCollection() returns, without bundling Astro's
 * data store into the pages); `astro dev`, where the loaders run apart from the pages, asks
 * getCollection(). `import.meta.env.DEV` is a constant, so a build's bundle has no astro:content.
 */
async function load(): Promise<SiteModel> {
  const input = import.meta.env.DEV ? await fromCollections() : fromBuildRead();
  return buildSite(input, config, { now: buildEnv().now, preview: import.meta.env.BACKCHANNEL_PREVIEW === true });
}

function fromBuildRead(): SiteInput {
  const input = renderedContentForBuild(buildEnv().contentDir);
  if (!input) {
    throw new Error(
      'The pages rendered before the content loaders ran in this process (src/loaders/corpus.ts); build with `npm run build`.',
    );
  }
  return input;
}

async function fromCollections(): Promise<SiteInput> {
  const { getCollection } = await import('astro:content');
  const [articles, authors, pages, comments] = await Promise.all([
    getCollection('articles'),
    getCollection('authors'),
    getCollection('pages'),
    getCollection('comments'),
  ]);
  return {
    articles: articles.map((e) => withRenderedHtml<RenderedArticle>('article', e)),
    authors: authors.map((e) => withRenderedHtml<RenderedAuthor>('author', e)),
    pages: pages.map((e) => withRenderedHtml<RenderedPage>('page', e)),
    comments: comments.map((e) => withRenderedHtml<RenderedComment>('comment', e)),
  };
}

let cached: Promise<SiteModel> | undefined;
/** The site model, built once per build (in dev, once per request so edits show). */
export function getSite(): Promise<SiteModel> {
  if (import.meta.env.BACKCHANNEL_PREVIEW === true) return load();
  cached ??= load();
  return cached;
}

const keys = new WeakMap<SiteModel, PageKeys>();
/**
 * Cache keys of this build's pages for Astro's incremental build (see src/lib/page-keys.ts), from
 * the same site model the pages render: made once per model.
 */
export async function getPageKeys(): Promise<PageKeys> {
  return pageKeysOf(await getSite());
}

/** The cache keys of a site model already at hand. */
export function pageKeysOf(site: SiteModel): PageKeys {
  let k = keys.get(site);
  if (!k) {
    k = pageKeys(site, { digests: buildEnv().digests, preview: import.meta.env.BACKCHANNEL_PREVIEW === true });
    keys.set(site, k);
  }
  return k;
}
