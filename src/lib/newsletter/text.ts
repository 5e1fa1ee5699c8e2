import type { SiteConfig } from '../config.ts';
import { markdownToPlainText } from '../excerpt.ts';
import { absoluteUrl } from '../permalink.ts';
import type { Issue } from './digest.ts';
import { answeredLine, articleByline, byline, eventWhen, LABELS, threadCount } from './format.ts';
import { newsletterPaths } from './paths.ts';

/** Line length of the plain-text e-mail: what every mail client shows without wrapping again. */
export const TEXT_WIDTH = 72;

/**
 * Wraps one paragraph at word boundaries, every line starting with `indent` (continuation lines
 * with `hanging`, for list items); a word longer than the line (a URL) stays whole.
 */
export function wrap(text: string, indent = '', width = TEXT_WIDTH, hanging = indent): string {
  const lines: string[] = [];
  let line = '';
  const prefix = () => (lines.length === 0 ? indent : hanging);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix().length + line.length + 1 + word.length > width) {
      lines.push(prefix() + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix() + line);
  return lines.join('\n');
}

function heading(text: string, underline: string): string {
  return `${text}\n${underline.repeat(Math.min(text.length, TEXT_WIDTH))}`;
}

/**
 * The intro as text: one wrapped paragraph per Markdown block, links written out as
 * "text (https://…)" so they survive in clients that show text only.
 */
function introText(markdown: string, base: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block.replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => `${label} (${new URL(url, base).href})`),
    )
    .map((block) => wrap(markdownToPlainText(block)))
    .filter(Boolean)
    .join('\n\n');
}

/** One issue as a plain-text e-mail (the multipart alternative to the HTML): readable as it is. */
export function issueEmailText(
  issue: Issue,
  opts: { config: Pick<SiteConfig, 'url' | 'title' | 'timeZone' | 'language'>; unsubscribe: string },
): string {
  const { config } = opts;
  const abs = (path: string) => absoluteUrl(config.url, path);
  const webUrl = abs(newsletterPaths.issue(issue.key));
  const out: string[] = [heading(issue.title, '='), ''];
  if (issue.introMarkdown) out.push(introText(issue.introMarkdown, webUrl), '');
  if (issue.articles.length) {
    out.push(heading(LABELS.articles, '-'), '');
    for (const a of issue.articles) {
      out.push(wrap(a.title), wrap(articleByline(a, config.timeZone, config.language)), wrap(a.description), abs(a.path), '');
    }
  }
  if (issue.threads.length) {
    out.push(heading(LABELS.threads, '-'), '');
    for (const t of issue.threads) {
      out.push(wrap(`${t.title} (${threadCount(t)})`), abs(t.path), '');
      for (const q of t.quotes) {
        out.push(wrap(`“${q.excerpt}”`, '    '), wrap(`— ${byline(q)}`, '    '), `    ${abs(q.path)}`);
        if (answeredLine(q)) out.push(wrap(answeredLine(q), '    '));
        out.push('');
      }
    }
  }
  if (issue.events.length) {
    out.push(heading(LABELS.events, '-'), '');
    for (const e of issue.events) {
      out.push(wrap(`- ${e.name}: ${eventWhen(e, config.timeZone, config.language)}`, '', TEXT_WIDTH, '  '));
      if (e.url) out.push(`  ${e.url}`);
    }
    out.push('');
  }
  out.push(
    '-- ',
    `Read this issue on the web: ${webUrl}`,
    `Past issues: ${abs(newsletterPaths.archive)}`,
    `Unsubscribe: ${opts.unsubscribe}`,
    '',
  );
  return out.join('\n');
}
