import juice from 'juice';
import type { SiteConfig } from '../config.ts';
import { absolutizeHtml } from '../feeds.ts';
import { absoluteUrl } from '../permalink.ts';
import { paths } from '../urls.ts';
import type { Issue } from './digest.ts';
import { answeredLine, articleByline, byline, eventWhen, LABELS, threadCount } from './format.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { newsletterPaths } from './paths.ts';

/** Width of the e-mail's column: what mail clients show without scrolling. */
export const EMAIL_WIDTH = 600;
/** The lead article's social card, scaled into the column (cards are 1200 × 630). */
const CARD = { width: 560, height: 294 };

// Written as a stylesheet for readability, then inlined by juice: mail clients drop <style>
// blocks or parts of them, but honour style attributes. System fonts only: no web fonts to fetch.
const CSS = `
body { margin: 0; padding: 0; background: #f2f2ef; color: #1d1d1b; }
.preheader { display: none; max-height: 0; max-width: 0; overflow: hidden; opacity: 0; color: #f2f2ef; font-size: 1px; line-height: 1px; }
.outer { width: 100%; background: #f2f2ef; border-collapse: collapse; }
.outer-cell { padding: 16px 8px; }
.column { width: 100%; max-width: ${EMAIL_WIDTH}px; margin: 0 auto; background: #ffffff; border-collapse: collapse; }
td { font-family: Georgia, 'Times New Roman', serif; font-size: 17px; line-height: 1.5; color: #1d1d1b; }
.masthead { padding: 20px 20px 8px; font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #5c5c57; }
.masthead a { color: #5c5c57; }
.masthead .brand { color: #1d1d1b; font-weight: bold; font-size: 18px; text-decoration: none; }
.hero { padding: 8px 20px 0; }
.hero img { display: block; width: 100%; max-width: ${CARD.width}px; height: auto; border: 0; }
.section { padding: 8px 20px 16px; }
h1 { margin: 8px 0 12px; font-family: Arial, Helvetica, sans-serif; font-size: 26px; line-height: 1.25; color: #1d1d1b; }
h2 { margin: 16px 0 8px; padding-top: 12px; border-top: 2px solid #1d1d1b; font-family: Arial, Helvetica, sans-serif; font-size: 14px; letter-spacing: 1px; text-transform: uppercase; color: #1d1d1b; }
h3 { margin: 16px 0 4px; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.3; }
p { margin: 0 0 12px; }
a { color: #0b5cad; }
h3 a { color: #1d1d1b; }
.meta { margin: 0 0 6px; font-family: Arial, Helvetica, sans-serif; font-size: 13px; color: #5c5c57; }
blockquote { margin: 8px 0 4px; padding: 4px 0 4px 14px; border-left: 3px solid #0b5cad; font-style: italic; }
.cite { margin: 0 0 14px; font-family: Arial, Helvetica, sans-serif; font-size: 13px; color: #5c5c57; }
ul { margin: 0 0 12px; padding-left: 20px; }
li { margin: 0 0 6px; }
.footer { padding: 16px 20px 24px; font-family: Arial, Helvetica, sans-serif; font-size: 12px; line-height: 1.5; color: #5c5c57; border-top: 1px solid #d9d9d4; }
.footer a { color: #5c5c57; }
`;

// Invisible characters after the preheader, so mail clients show nothing of the body after it.
const PREHEADER_PAD = ' &zwnj;&nbsp;'.repeat(40);

/** Options for the e-mail of one issue. */
export interface EmailOptions {
  config: Pick<SiteConfig, 'url' | 'title' | 'timeZone' | 'language'>;
  /** The merge tag the e-mail service fills in with each reader's unsubscribe link. */
  unsubscribe: string;
}

/**
 * One issue as an e-mail ready to paste into any sending service: table layout 600 px wide,
 * every style inlined (juice), system fonts, absolute links, no script, a hidden preheader (the
 * line mail clients show after the subject), the lead article's card with its size and alt text,
 * and an unsubscribe link whose address is the service's merge tag.
 */
export function issueEmailHtml(issue: Issue, opts: EmailOptions): string {
  const { config } = opts;
  const abs = (path: string) => absoluteUrl(config.url, path);
  const webUrl = abs(newsletterPaths.issue(issue.key));
  const lead = issue.articles[0];
  const row = (cls: string, content: SafeHtml | SafeHtml[]) => html`<tr><td class="${cls}">${content}</td></tr>`;
  const section = (label: string, body: SafeHtml[] | SafeHtml) => row('section', html`<h2>${label}</h2>${body}`);

  const rows: SafeHtml[] = [
    row(
      'masthead',
      html`<a class="brand" href="${abs('/')}">${config.title}</a><br>The weekly newsletter · <a href="${webUrl}">Read it on the web</a>`,
    ),
  ];
  if (lead) {
    rows.push(
      row(
        'hero',
        html`<a href="${abs(lead.path)}"><img src="${abs(paths.card('article', lead.slug))}" width="${CARD.width}" height="${CARD.height}" alt="${lead.title}"></a>`,
      ),
    );
  }
  const intro = issue.introHtml ? raw(absolutizeHtml(issue.introHtml, webUrl)) : '';
  rows.push(row('section', html`<h1>${issue.title}</h1>${intro}`));
  if (issue.articles.length) {
    rows.push(
      section(
        LABELS.articles,
        issue.articles.map(
          (a) =>
            html`<h3><a href="${abs(a.path)}">${a.title}</a></h3><p class="meta">${articleByline(a, config.timeZone, config.language)}</p><p>${a.description}</p>`,
        ),
      ),
    );
  }
  if (issue.threads.length) {
    rows.push(
      section(
        LABELS.threads,
        issue.threads.map(
          (t) =>
            html`<h3><a href="${abs(t.path)}">${t.title}</a></h3><p class="meta">${threadCount(t)}</p>${t.quotes.map(
              (q) =>
                html`<blockquote><p>${q.excerpt}</p></blockquote><p class="cite">${byline(q)} · <a href="${abs(q.path)}">Read the comment</a>${answeredLine(q) ? ` · ${answeredLine(q)}` : ''}</p>`,
            )}`,
        ),
      ),
    );
  }
  if (issue.events.length) {
    rows.push(
      section(
        LABELS.events,
        html`<ul>${issue.events.map(
          (e) =>
            html`<li>${e.url ? html`<a href="${e.url}">${e.name}</a>` : e.name}: ${eventWhen(e, config.timeZone, config.language)}</li>`,
        )}</ul>`,
      ),
    );
  }
  rows.push(
    row(
      'footer',
      html`<p>You get this e-mail because you subscribed to the ${config.title} weekly newsletter.</p><p><a href="${webUrl}">Read this issue on the web</a> · <a href="${abs(newsletterPaths.archive)}">Past issues</a> · <a href="${opts.unsubscribe}">Unsubscribe</a></p>`,
    ),
  );

  const doc = html`<!doctype html>
<html lang="${config.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${issue.title}</title><style>${raw(CSS)}</style></head>
<body><div class="preheader">${issue.summary}${raw(PREHEADER_PAD)}</div><table role="presentation" class="outer"><tr><td class="outer-cell"><table role="presentation" class="column">${rows}</table></td></tr></table></body></html>
`;
  return juice(doc.value, {
    removeStyleTags: true,
    // Width and height come from the markup itself (the card's), not from CSS turned into
    // attributes that HTML5 no longer has.
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    applyAttributesTableElements: false,
    preserveImportant: true,
  });
}
