import { getCollection } from 'astro:content';
import type { RenderedArticle, RenderedAuthor, RenderedComment, RenderedPage } from '../lib/content/model.ts';
import { buildNow } from '../lib/publish.ts';
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
  const withHtml = <T>(e: { data: unknown; rendered?: { html: string } | undefined }) => ({
    ...(e.data as T),
    html: e.rendered?.html ?? '',
  });
  return buildSite(
    {
      articles: articles.map((e) => withHtml<RenderedArticle>(e)),
      authors: authors.map((e) => withHtml<RenderedAuthor>(e)),
      pages: pages.map((e) => withHtml<RenderedPage>(e)),
      comments: comments.map((e) => withHtml<RenderedComment>(e)),
    },
    config,
    { now: buildNow(process.env), preview: import.meta.env.BACKCHANNEL_PREVIEW === true },
  );
}

let cached: Promise<SiteModel> | undefined;
/** The site model, built once per build (in dev, once per request so edits show). */
export function getSite(): Promise<SiteModel> {
  if (import.meta.env.BACKCHANNEL_PREVIEW === true) return load();
  cached ??= load();
  return cached;
}
