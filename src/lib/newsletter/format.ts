import { formatDisplayDate } from '../dates.ts';
import { plural } from '../words.ts';
import type { IssueArticle, IssueEvent, IssueQuote, IssueThread } from './digest.ts';

/** Words shared by the issue page, the feed and both e-mails, so they say the same thing. */
export const LABELS = {
  articles: 'This week’s articles',
  threads: 'From the comments',
  events: 'Upcoming events',
};

/** "Erik Walczak, Ingram Micro". */
export function byline(q: IssueQuote): string {
  return q.affiliation ? `${q.author}, ${q.affiliation}` : q.author;
}

/** "Joe Panettieri replied." under a quote, or empty. */
export function answeredLine(q: IssueQuote): string {
  if (q.answeredBy.length === 0) return '';
  const names = q.answeredBy.length === 1 ? q.answeredBy[0] : `${q.answeredBy.slice(0, -1).join(', ')} and ${q.answeredBy.at(-1)}`;
  return `${names} replied.`;
}

/** "3 comments this week". */
export function threadCount(t: IssueThread): string {
  return `${plural(t.weekComments, 'comment')} this week`;
}

/** "by Joe Panettieri, July 14, 2010". */
export function articleByline(a: IssueArticle, timeZone: string, locale: string): string {
  return `by ${a.author}, ${formatDisplayDate(a.date, timeZone, locale)}`;
}

/** "July 10 – 14, 2011, Los Angeles". */
export function eventWhen(e: IssueEvent, timeZone: string, locale: string): string {
  const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  const when = e.end && e.end.getTime() !== e.date.getTime() ? f.formatRange(e.date, e.end) : f.format(e.date);
  return e.location ? `${when}, ${e.location}` : when;
}
