import type { APIRoute } from 'astro';
import { getNewsletter } from '../../../data/newsletter.ts';
import { issueEmailHtml } from '../../../lib/newsletter/email.ts';
import { sendableIssues } from '../../../lib/newsletter/feed.ts';

export async function getStaticPaths() {
  const { site, issues } = await getNewsletter();
  return sendableIssues(issues, site.config.feedSize).map((issue) => ({ params: { issue: issue.key }, props: { issue } }));
}

/** The issue as a ready-to-send HTML e-mail (inline CSS, table layout, absolute links). */
export const GET: APIRoute = async ({ props }) => {
  const { email } = await getNewsletter();
  const body = issueEmailHtml(props.issue, email);
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
