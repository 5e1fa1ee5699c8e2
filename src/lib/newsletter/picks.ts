import type { RenderedArticle, RenderedComment } from '../content/model.ts';
import type { SiteModel } from '../site.ts';
import type { Week } from './week.ts';

/**
 * THE PICKS RULE: which discussions an issue quotes when its digest file names no picks.
 *
 * 1. The week's comments are those dated in the week (site time zone) on published articles;
 *    comments of drafts and scheduled articles are never seen here (the site model drops them).
 * 2. A thread (an article's comments) qualifies when a reader, not one of the site's authors,
 *    commented on it that week, or a comment of that week is `featured: true`.
 * 3. Threads rank by comments that week (most discussed first), then by author replies that
 *    week, then by the newer article, then by slug. The top `threads` are quoted, plus every
 *    thread with a featured comment (featured threads come first).
 * 4. In a thread, the week's reader comments rank: featured first, then those an author
 *    answered, then those with the most replies, then the oldest. The top `quotesPerThread`
 *    are quoted (every featured one is, even beyond that number), shown in the order posted.
 * Replies count only when posted before the week ended, so an issue never changes after it
 * goes out, however late someone answers.
 */

/** One thread an issue quotes from. */
export interface ThreadPick {
  article: RenderedArticle;
  /** Comments on the article that week. */
  weekComments: number;
  /** Quoted comments, in the order they were posted. */
  quotes: RenderedComment[];
}

export interface PickOptions {
  threads: number;
  quotesPerThread: number;
}

const byDateThenId = (a: RenderedComment, b: RenderedComment) =>
  a.date.getTime() - b.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The automatic picks for one week (see THE PICKS RULE above). */
export function autoPicks(site: SiteModel, week: Week, weekComments: readonly RenderedComment[], opts: PickOptions): ThreadPick[] {
  const byArticle = new Map<string, RenderedComment[]>();
  for (const c of weekComments) {
    const list = byArticle.get(c.article);
    if (list) list.push(c);
    else byArticle.set(c.article, [c]);
  }

  const candidates: { article: RenderedArticle; week: RenderedComment[]; featured: boolean; staff: number }[] = [];
  for (const [slug, list] of byArticle) {
    const article = site.article(slug);
    if (!article) continue;
    const featured = list.some((c) => c.featured);
    if (!featured && !list.some((c) => !c.staff)) continue;
    candidates.push({ article, week: list, featured, staff: list.filter((c) => c.staff).length });
  }
  candidates.sort(
    (a, b) =>
      Number(b.featured) - Number(a.featured) ||
      b.week.length - a.week.length ||
      b.staff - a.staff ||
      b.article.date.getTime() - a.article.date.getTime() ||
      (a.article.slug < b.article.slug ? -1 : 1),
  );
  const featuredThreads = candidates.filter((t) => t.featured).length;
  const chosen = candidates.filter((t, i) => t.featured || i - featuredThreads < opts.threads);

  return chosen.map((t) => {
    // Replies known when the week ended: an issue is fixed once it goes out.
    const before = site.comments(t.article.slug).filter((c) => c.date < week.end);
    const replies = new Map<string, number>();
    const answered = new Set<string>();
    for (const c of before) {
      if (!c.replyTo) continue;
      replies.set(c.replyTo, (replies.get(c.replyTo) ?? 0) + 1);
      if (c.staff) answered.add(c.replyTo);
    }
    const ranked = t.week
      .filter((c) => c.featured || !c.staff)
      .sort(
        (a, b) =>
          Number(Boolean(b.featured)) - Number(Boolean(a.featured)) ||
          Number(answered.has(b.id)) - Number(answered.has(a.id)) ||
          (replies.get(b.id) ?? 0) - (replies.get(a.id) ?? 0) ||
          byDateThenId(a, b),
      );
    const quotes = ranked.filter((c, i) => c.featured || i < opts.quotesPerThread).sort(byDateThenId);
    return { article: t.article, weekComments: t.week.length, quotes };
  });
}

/** Staff replies to a comment posted before `end`, for "Joe Panettieri replied" under a quote. */
export function authorReplies(site: SiteModel, c: RenderedComment, end: Date): RenderedComment[] {
  return site.comments(c.article).filter((r) => r.replyTo === c.id && r.staff && r.date < end);
}
