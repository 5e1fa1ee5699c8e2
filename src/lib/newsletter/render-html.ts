import type { SiteConfig } from '../config.ts';
import { isoInZone } from '../dates.ts';
import { absolutizeHtml } from '../feeds.ts';
import { absoluteUrl } from '../permalink.ts';
import type { Issue } from './digest.ts';
import { answeredLine, articleByline, byline, eventWhen, LABELS, threadCount } from './format.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { newsletterPaths } from './paths.ts';

/**
 * An issue's content as plain semantic HTML (sections, lists, block quotes): the body of the
 * issue page, and of its feed item with `absolute` links, so RSS-to-e-mail services can send it
 * as it is. Headings start at h2: the page or the feed reader supplies the title.
 */
export function issueBodyHtml(issue: Issue, config: Pick<SiteConfig, 'url' | 'timeZone' | 'language'>, absolute: boolean): string {
  const link = (path: string) => (absolute ? absoluteUrl(config.url, path) : path);
  const { timeZone, language } = config;
  const time = (d: Date, text: string) => html`<time datetime="${isoInZone(d, timeZone)}">${text}</time>`;

  const parts: SafeHtml[] = [];
  if (issue.introHtml) {
    const intro = absolute ? absolutizeHtml(issue.introHtml, absoluteUrl(config.url, newsletterPaths.issue(issue.key))) : issue.introHtml;
    parts.push(html`<div class="issue-intro">${raw(intro)}</div>`);
  }
  if (issue.articles.length) {
    parts.push(
      html`<section class="issue-articles" aria-labelledby="issue-articles"><h2 id="issue-articles">${LABELS.articles}</h2><ul>${issue.articles.map(
        (a) =>
          html`<li><h3><a href="${link(a.path)}">${a.title}</a></h3><p class="issue-byline">${time(a.date, articleByline(a, timeZone, language))}</p><p>${a.description}</p></li>`,
      )}</ul></section>`,
    );
  }
  if (issue.threads.length) {
    parts.push(
      html`<section class="issue-threads" aria-labelledby="issue-threads"><h2 id="issue-threads">${LABELS.threads}</h2>${issue.threads.map(
        (t) =>
          html`<article class="issue-thread"><h3><a href="${link(t.path)}">${t.title}</a></h3><p class="issue-byline">${threadCount(t)}</p>${t.quotes.map(
            (q) =>
              html`<figure class="issue-quote"><blockquote cite="${link(q.path)}"><p>${q.excerpt}</p></blockquote><figcaption>${byline(q)} · <a href="${link(q.path)}">Read the comment</a>${answeredLine(q) ? html` · ${answeredLine(q)}` : ''}</figcaption></figure>`,
          )}</article>`,
      )}</section>`,
    );
  }
  if (issue.events.length) {
    parts.push(
      html`<section class="issue-events" aria-labelledby="issue-events"><h2 id="issue-events">${LABELS.events}</h2><ul>${issue.events.map(
        (e) => html`<li>${e.url ? html`<a href="${e.url}">${e.name}</a>` : e.name}: ${time(e.date, eventWhen(e, timeZone, language))}</li>`,
      )}</ul></section>`,
    );
  }
  return parts.join('');
}
