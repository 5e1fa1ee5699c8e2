import type { SiteConfig } from './config.ts';
import type { RenderedArticle, RenderedAuthor, RenderedComment, RenderedPage } from './content/model.ts';
import { zonedParts } from './dates.ts';
import { isPublished, type PublishContext } from './publish.ts';
import { type RelatedIndex, relatedIndex } from './related.ts';
import { assignTagSegments, tagKey } from './slug.ts';
import { buildThread, compareComments, type ThreadNode } from './threading.ts';

/** A tag with its published articles. */
export interface Tag {
  /** Case-folded identity. */
  key: string;
  /** Display name: the spelling most articles use. */
  name: string;
  /** URL segment, unique across tags: /tags/<segment>/. */
  segment: string;
  /** Newest first. */
  articles: RenderedArticle[];
}

/** Everything the pages, feeds, cards and search read, derived once per build. */
export interface SiteModel {
  config: SiteConfig;
  /** Published articles (all articles in preview), newest first. */
  articles: RenderedArticle[];
  authors: RenderedAuthor[];
  pages: RenderedPage[];
  article(slug: string): RenderedArticle | undefined;
  author(id: string): RenderedAuthor | undefined;
  /** Published articles by an author, newest first. */
  articlesBy(authorId: string): RenderedArticle[];
  /** Comments of a published article, oldest first. */
  comments(slug: string): RenderedComment[];
  /** All published comments, newest first. */
  allComments: RenderedComment[];
  thread(slug: string): ThreadNode<RenderedComment>[];
  /** Tags sorted by name. */
  tags: Tag[];
  tagOf(name: string): Tag | undefined;
  /** Older and newer neighbours in publication order. */
  neighbours(slug: string): { older?: RenderedArticle | undefined; newer?: RenderedArticle | undefined };
  /** Up to n published articles sharing the most tags, newer first on ties. */
  related(slug: string, n?: number): RenderedArticle[];
  /** Years with their articles, newest year first. */
  years: { year: number; articles: RenderedArticle[] }[];
}

/** Newest first; equal dates by slug so the order never depends on file-system order. */
export function compareArticles(a: RenderedArticle, b: RenderedArticle): number {
  return b.date.getTime() - a.date.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

export interface SiteInput {
  articles: RenderedArticle[];
  authors: RenderedAuthor[];
  pages: RenderedPage[];
  comments: RenderedComment[];
}

/** Builds the site model: applies the publish rule once, then indexes what every page needs. */
export function buildSite(input: SiteInput, config: SiteConfig, ctx: PublishContext): SiteModel {
  const articles = input.articles.filter((a) => isPublished(a, ctx)).sort(compareArticles);
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const authorById = new Map(input.authors.map((a) => [a.id, a]));
  const index = new Map(articles.map((a, i) => [a.slug, i]));

  const byAuthor = new Map<string, RenderedArticle[]>();
  for (const a of articles) {
    const list = byAuthor.get(a.author);
    if (list) list.push(a);
    else byAuthor.set(a.author, [a]);
  }

  // Comments of unpublished articles are not published either.
  const commentsBy = new Map<string, RenderedComment[]>();
  for (const c of input.comments) {
    if (!bySlug.has(c.article)) continue;
    const list = commentsBy.get(c.article);
    if (list) list.push(c);
    else commentsBy.set(c.article, [c]);
  }
  for (const list of commentsBy.values()) list.sort(compareComments);
  const allComments = [...commentsBy.values()].flat().sort((a, b) => compareComments(b, a));

  // Tags: one per case-folded key, spelled as most articles spell it.
  const tagArticles = new Map<string, RenderedArticle[]>();
  const spellings = new Map<string, Map<string, number>>();
  for (const a of articles) {
    for (const t of a.tags) {
      const k = tagKey(t);
      const list = tagArticles.get(k);
      if (list) list.push(a);
      else tagArticles.set(k, [a]);
      const sp = spellings.get(k) ?? new Map<string, number>();
      sp.set(t, (sp.get(t) ?? 0) + 1);
      spellings.set(k, sp);
    }
  }
  const segments = assignTagSegments(tagArticles.keys());
  const tags: Tag[] = [...tagArticles].map(([key, list]) => {
    const sp = [...(spellings.get(key) ?? new Map<string, number>())].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    return { key, name: sp[0]?.[0] ?? key, segment: segments.get(key) ?? key, articles: list };
  });
  tags.sort((a, b) => a.name.localeCompare(b.name, config.language, { sensitivity: 'base' }) || (a.key < b.key ? -1 : 1));
  const tagByKey = new Map(tags.map((t) => [t.key, t]));

  const yearMap = new Map<number, RenderedArticle[]>();
  for (const a of articles) {
    const y = zonedParts(a.date, config.timeZone).year;
    const list = yearMap.get(y);
    if (list) list.push(a);
    else yearMap.set(y, [a]);
  }

  // Related articles: indexed on first use (each article page asks once). See related.ts for why
  // this is not a per-page tag scan.
  let relatedIdx: RelatedIndex | undefined;
  const relatedOf = (i: number, n: number): RenderedArticle[] => {
    if (!relatedIdx) {
      const tagId = new Map(tags.map((t, id) => [t.key, id]));
      const members = tags.map((t) => {
        const list: number[] = [];
        for (const a of t.articles) {
          const j = index.get(a.slug) as number;
          if (list[list.length - 1] !== j) list.push(j);
        }
        return list;
      });
      const tagsOf = articles.map((a) => [...new Set(a.tags.map((t) => tagId.get(tagKey(t)) as number))]);
      relatedIdx = relatedIndex(tagsOf, members);
    }
    return relatedIdx.related(i, n).map((j) => articles[j] as RenderedArticle);
  };

  const threads = new Map<string, ThreadNode<RenderedComment>[]>();
  return {
    config,
    articles,
    authors: [...input.authors].sort((a, b) => a.name.localeCompare(b.name, config.language)),
    pages: input.pages,
    article: (slug) => bySlug.get(slug),
    author: (id) => authorById.get(id),
    articlesBy: (id) => byAuthor.get(id) ?? [],
    comments: (slug) => commentsBy.get(slug) ?? [],
    allComments,
    thread(slug) {
      let t = threads.get(slug);
      if (!t) {
        t = buildThread(commentsBy.get(slug) ?? [], config.commentDepth);
        threads.set(slug, t);
      }
      return t;
    },
    tags,
    tagOf: (name) => tagByKey.get(tagKey(name)),
    neighbours(slug) {
      const i = index.get(slug);
      if (i === undefined) return {};
      return { newer: articles[i - 1], older: articles[i + 1] };
    },
    related(slug, n = 3) {
      const i = index.get(slug);
      return i === undefined ? [] : relatedOf(i, n);
    },
    years: [...yearMap].sort((x, y) => y[0] - x[0]).map(([year, list]) => ({ year, articles: list })),
  };
}
