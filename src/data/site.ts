import { getCollection } from 'astro:content';
import type { RenderedArticle, RenderedAuthor, RenderedComment, RenderedPage } from '../lib/content/model.ts';
import { buildEnv } from '../lib/env.ts';
import { buildSite, type SiteModel } from '../lib/site.ts';
import { site as config } from '../site.config.ts';

/**
 * The one bridge from Astro's content layer to the site model. The loaders store data already
 * validated by src/lib/content/schema.ts, so the casts below only restore its static type.
 */
async function load(): Promise<SiteModel> {
  const [articles, authors, pages, comments] = await Promise.all([
    getCollection('articles'),
    getCollection('authors'),
    getCollection('pages'),
    getCollection('comments'),
  ]);
  // The corpus loader renders every entry, so an entry without HTML is a bug upstream: say which,
  // rather than publish it with an empty body.
  const withHtml = <T>(collection: string, e: { id: string; data: unknown; rendered?: { html: string } | undefined }) => {
    if (e.rendered === undefined) {
      throw new Error(
        `${collection} "${e.id}" reached the site without rendered HTML (src/loaders/corpus.ts renders every entry; ` +
          'if the loader is unchanged, delete node_modules/.astro and build again)',
      );
    }
    return { ...(e.data as T), html: e.rendered.html };
  };
  return buildSite(
    {
      articles: articles.map((e) => withHtml<RenderedArticle>('article', e)),
      authors: authors.map((e) => withHtml<RenderedAuthor>('author', e)),
      pages: pages.map((e) => withHtml<RenderedPage>('page', e)),
      comments: comments.map((e) => withHtml<RenderedComment>('comment', e)),
    },
    config,
    { now: buildEnv().now, preview: import.meta.env.BACKCHANNEL_PREVIEW === true },
  );
}

let cached: Promise<SiteModel> | undefined;
/** The site model, built once per build (in dev, once per request so edits show). */
export function getSite(): Promise<SiteModel> {
  if (import.meta.env.BACKCHANNEL_PREVIEW === true) return load();
  cached ??= load();
  return cached;
}
