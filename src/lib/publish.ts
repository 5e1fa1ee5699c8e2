import type { Article } from './content/model.ts';

/** What counts as published in this build. */
export interface PublishContext {
  /** The build's "now"; articles dated later are scheduled. */
  now: Date;
  /** Preview mode (`npm run dev`): drafts and scheduled articles are shown. */
  preview: boolean;
}

/**
 * The one rule for "is this article public?": not a draft and not dated in the future. Article
 * dates are instants already resolved in the site's time zone (see dates.ts), so a date-only
 * article goes live at midnight there. Listings, feeds, cards, search and the sitemap all use it.
 */
export function isPublished(article: Pick<Article, 'draft' | 'date'>, ctx: PublishContext): boolean {
  if (ctx.preview) return true;
  return !article.draft && article.date.getTime() <= ctx.now.getTime();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Reads BUILD_NOW (ISO 8601) so tests and reproducible builds can fix the clock. */
export function buildNow(env: Record<string, string | undefined>): Date {
  const raw = env.BUILD_NOW;
  if (!raw) return new Date();
  // Date() also takes "12" or a date-time without offset (read in the machine's zone), which
  // would make the build's clock depend on the machine; only a full instant is accepted.
  const d = ISO_INSTANT.test(raw.trim()) ? new Date(raw.trim()) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new Error(`BUILD_NOW=${raw} is not an ISO 8601 date-time like 2011-01-01T00:00:00Z`);
  return d;
}
