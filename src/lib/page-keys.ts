import { createHash } from 'node:crypto';
import type { RenderedArticle } from './content/model.ts';
import type { SiteModel } from './site.ts';

/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * code are both unchanged since the last build is copied from Astro's cache instead of rendered.
 *
 * The rule that keeps this safe: a key is a hash of **all the data its page reads**, taken from the
 * same site model the page renders from, never a file's date or a guess. Astro hashes the code
 * (each route's module graph) and the lockfile itself. So each key below names every site-model
 * value its page, its layout and their components print:
 *
 * - `site`: what every page may print: the settings (site.config.ts with content/site.yml), the
 *   build's switches that change markup (newsletter digests, preview), every author (names on
 *   cards and comments, bios), the pages that exist (footer links), and every tag's name and URL
 *   segment (tag links on every card). A change to any of these renders every page again.
 * - an article, whole: front matter, body and rendered HTML, path and derived fields.
 * - an article as a card elsewhere (listings, related, neighbours): the article whole plus its
 *   comment count, which cards print.
 *
 * tests/build/incremental.test.ts builds a corpus, changes it in each of these ways, and checks
 * that the incremental build writes exactly the files a full build writes.
 */
export interface PageKeys {
  /** Everything any page may print besides its own data. */
  readonly site: string;
  /** An article's page: the article, its comments, its neighbours and related articles as cards. */
  article(a: RenderedArticle): string;
  /** An article's comment feed: the article and its comments. */
  commentFeed(a: RenderedArticle): string;
  /** A listing or feed of articles: each as a card, plus whatever else the page prints (`parts`). */
  listing(articles: readonly RenderedArticle[], ...parts: unknown[]): string;
  /** A page printing only `parts` (and what every page prints). */
  of(...parts: unknown[]): string;
}

/** Build switches that change the markup of some page (not the clock: its effects are in the model). */
export interface KeySettings {
  digests: boolean;
  preview: boolean;
}

/** sha256 of the values' JSON (Dates as ISO strings), shortened: a cache key, not a signature. */
export function digestOf(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

export function pageKeys(site: SiteModel, settings: KeySettings): PageKeys {
  const siteKey = digestOf(
    site.config,
    settings,
    site.authors,
    site.pages.map((p) => p.slug),
    site.tags.map((t) => [t.key, t.name, t.segment]),
  );
  // Each article's and each comment thread's digest once per build, however many pages print them.
  const articleDigests = new Map<string, string>();
  const articleDigest = (a: RenderedArticle): string => {
    let d = articleDigests.get(a.slug);
    if (d === undefined) {
      d = digestOf(a);
      articleDigests.set(a.slug, d);
    }
    return d;
  };
  const commentDigests = new Map<string, string>();
  const commentsDigest = (a: RenderedArticle): string => {
    let d = commentDigests.get(a.slug);
    if (d === undefined) {
      d = digestOf(site.comments(a.slug));
      commentDigests.set(a.slug, d);
    }
    return d;
  };
  const card = (a: RenderedArticle | undefined) => (a ? [articleDigest(a), site.comments(a.slug).length] : null);

  return {
    site: siteKey,
    article(a) {
      const { older, newer } = site.neighbours(a.slug);
      return digestOf(siteKey, articleDigest(a), commentsDigest(a), card(older), card(newer), site.related(a.slug).map(card));
    },
    commentFeed: (a) => digestOf(siteKey, articleDigest(a), commentsDigest(a)),
    listing: (articles, ...parts) => digestOf(siteKey, articles.map(card), parts),
    of: (...parts) => digestOf(siteKey, parts),
  };
}
