import { commentPlainText } from '../comment-markdown.ts';
import { commenterName } from '../commenter.ts';
import type { RenderedComment } from '../content/model.ts';
import { firstParagraph, truncateWords } from '../excerpt.ts';
import type { Problem } from '../problems.ts';
import type { SiteModel } from '../site.ts';
import { paths } from '../urls.ts';
import { plural } from '../words.ts';
import type { DigestsConfig } from './config.ts';
import type { DigestFile } from './load.ts';
import { renderIntro } from './markdown.ts';
import { authorReplies, autoPicks, type ThreadPick } from './picks.ts';
import { PICK_PATTERN } from './schema.ts';
import { type Week, weekByKey, weekOf } from './week.ts';

/** An article in an issue. */
export interface IssueArticle {
  title: string;
  /** The article's slug: names its social card. */
  slug: string;
  /** Site path of the article. */
  path: string;
  author: string;
  description: string;
  date: Date;
}

/** A quoted reader comment. */
export interface IssueQuote {
  author: string;
  affiliation?: string | undefined;
  /** Plain text, cut at a word to the configured length. */
  excerpt: string;
  /** Site path of the comment: the article path and #comment-<id>. */
  path: string;
  date: Date;
  /** Names of the site's authors who answered it before the issue went out. */
  answeredBy: string[];
}

/** A discussion an issue quotes from. */
export interface IssueThread {
  title: string;
  /** Site path of the article's comments. */
  path: string;
  /** Comments on the article in the issue's week. */
  weekComments: number;
  quotes: IssueQuote[];
}

/** An entry of the "upcoming events" list. */
export interface IssueEvent {
  name: string;
  date: Date;
  end?: Date | undefined;
  location?: string | undefined;
  url?: string | undefined;
}

/** One weekly issue, ready for the page, the feed and the e-mails. */
export interface Issue {
  /** The first day of the week, yyyy-mm-dd: the issue's name in URLs. */
  key: string;
  week: Week;
  /** Subject line and heading. */
  title: string;
  /** One sentence: the e-mail preheader and the feed summary. */
  summary: string;
  /** The digest file's intro as written (Markdown), for the plain-text e-mail; empty without one. */
  introMarkdown: string;
  /** The intro rendered to HTML; empty without one. */
  introHtml: string;
  /** The week's articles, in the order published. */
  articles: IssueArticle[];
  threads: IssueThread[];
  events: IssueEvent[];
  /** The digest file that edits this issue, if any. */
  file?: string | undefined;
}

export interface IssueOptions {
  /** The build's clock: only weeks that ended by then have an issue. */
  now: Date;
  digests: DigestsConfig;
}

const SUMMARY_LENGTH = 150;

/** Date formatters by locale and zone: making one costs far more than using it (0.3 ms, once per issue). */
const rangeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Backchannel weekly: July 12 – 18, 2010" in the site's language and time zone. */
export function defaultTitle(siteTitle: string, week: Week, timeZone: string, locale: string): string {
  const key = `${locale}\n${timeZone}`;
  const f = rangeFormats.get(key) ?? new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  rangeFormats.set(key, f);
  return `${siteTitle} weekly: ${f.formatRange(week.start, week.lastDay)}`;
}

function quote(site: SiteModel, c: RenderedComment, week: Week, excerptLength: number): IssueQuote {
  const article = site.article(c.article);
  return {
    author: commenterName(site, c),
    affiliation: c.staff ? undefined : c.affiliation,
    excerpt: truncateWords(commentPlainText(c.html), excerptLength),
    path: paths.comment(article?.path ?? '/', c.id),
    date: c.date,
    answeredBy: [...new Set(authorReplies(site, c, week.end).map((r) => commenterName(site, r)))],
  };
}

function summaryOf(file: DigestFile | undefined, articles: IssueArticle[], threads: IssueThread[]): string {
  if (file?.summary) return file.summary;
  const intro = file?.intro ? firstParagraph(file.intro) : '';
  if (intro) return truncateWords(intro, SUMMARY_LENGTH);
  const parts: string[] = [];
  if (articles.length) parts.push(articles.map((a) => `“${a.title}”`).join(', '));
  if (threads.length) parts.push(plural(threads.length, 'reader discussion'));
  return truncateWords(`This week: ${parts.join(' and ')}.`, SUMMARY_LENGTH);
}

/**
 * Builds every issue the site has: one per week (in the site's time zone, starting on the
 * configured day) that has ended by the build's `now` and in which an article was published or a
 * discussion was picked. Newest first. Digest files edit their week's issue; the rules only the
 * build can check (a week's first day, an upcoming event, a published pick, a week with nothing
 * in it) come back as problems naming the file and field. Deterministic: the same content and
 * clock give the same issues, so rebuilds write the same bytes.
 */
export function buildIssues(site: SiteModel, files: readonly DigestFile[], opts: IssueOptions): { issues: Issue[]; problems: Problem[] } {
  const { timeZone, language } = site.config;
  const cfg = opts.digests;
  const problems: Problem[] = [];
  const weeks = new Map<string, { week: Week; articles: IssueArticle[]; comments: RenderedComment[]; file?: DigestFile }>();
  const slot = (week: Week) => {
    let s = weeks.get(week.key);
    if (!s) {
      s = { week, articles: [], comments: [] };
      weeks.set(week.key, s);
    }
    return s;
  };
  const ended = (week: Week) => week.end.getTime() <= opts.now.getTime();

  for (const a of site.articles) {
    const week = weekOf(a.date, timeZone, cfg.weekStartsOn);
    if (!ended(week)) continue;
    slot(week).articles.push({
      title: a.title,
      slug: a.slug,
      path: a.path,
      author: site.author(a.author)?.name ?? a.author,
      description: a.description,
      date: a.date,
    });
  }
  for (const c of site.allComments) {
    const week = weekOf(c.date, timeZone, cfg.weekStartsOn);
    if (ended(week)) slot(week).comments.push(c);
  }
  for (const file of files) {
    const week = weekByKey(file.key, timeZone, cfg.weekStartsOn);
    if ('error' in week) {
      problems.push({ file: file.file, message: `${week.error}.md` });
      continue;
    }
    // A digest file for a week that has not ended waits, like a scheduled article.
    if (!ended(week)) continue;
    slot(week).file = file;
  }

  const issues: Issue[] = [];
  for (const { week, articles, comments, file } of weeks.values()) {
    const before = problems.length;
    let picks: ThreadPick[];
    if (file?.picks) {
      picks = [];
      file.picks.forEach((pick, i) => {
        const [, slug = '', id = ''] = PICK_PATTERN.exec(pick) ?? [];
        const article = site.article(slug);
        const c = article && site.comments(slug).find((x) => x.id === id);
        if (!article || !c) {
          problems.push({
            file: file.file,
            field: `picks.${i}`,
            message: `"${pick}" is not a comment of a published article (a draft's or a scheduled article's comments never go out); remove it`,
          });
          return;
        }
        const thread = picks.find((t) => t.article.slug === slug);
        if (thread) thread.quotes.push(c);
        else picks.push({ article, weekComments: comments.filter((x) => x.article === slug).length, quotes: [c] });
      });
    } else {
      picks = autoPicks(site, week, comments, cfg);
    }
    const threads: IssueThread[] = picks.map((t) => ({
      title: t.article.title,
      path: `${t.article.path}#comments`,
      weekComments: t.weekComments,
      quotes: t.quotes.map((c) => quote(site, c, week, cfg.excerptLength)),
    }));

    if (file) {
      file.events.forEach((e, i) => {
        if ((e.end ?? e.date) < week.end) {
          problems.push({
            file: file.file,
            field: `events.${i}`,
            message: `"${e.name}" is over before the issue goes out (${week.end.toISOString()}); list only upcoming events`,
          });
        }
      });
    }
    if (articles.length === 0 && threads.length === 0) {
      if (file) {
        problems.push({
          file: file.file,
          message: `nothing was published in the week of ${week.key}, so there is no issue for this file; remove it or rename it after a week with articles`,
        });
      }
      continue;
    }
    if (problems.length > before) continue;
    articles.sort((a, b) => a.date.getTime() - b.date.getTime() || (a.path < b.path ? -1 : 1));
    issues.push({
      key: week.key,
      week,
      title: file?.title ?? defaultTitle(site.config.title, week, timeZone, language),
      summary: summaryOf(file, articles, threads),
      introMarkdown: file?.intro ?? '',
      introHtml: file?.intro ? renderIntro(file.intro) : '',
      articles,
      threads,
      events: (file?.events ?? []).map((e) => ({ ...e })).sort((a, b) => a.date.getTime() - b.date.getTime() || (a.name < b.name ? -1 : 1)),
      file: file?.file,
    });
  }
  issues.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return { issues, problems };
}
