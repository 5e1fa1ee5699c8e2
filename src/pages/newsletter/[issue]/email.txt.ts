import type { APIRoute } from 'astro';
import { getNewsletter } from '../../../data/newsletter.ts';
import { sendableIssues } from '../../../lib/newsletter/feed.ts';
import { issueEmailText } from '../../../lib/newsletter/text.ts';

export async function getStaticPaths() {
  const { site, issues } = await getNewsletter();
  return sendableIssues(issues, site.config.feedSize).map((issue) => ({ params: { issue: issue.key }, props: { issue } }));
}

/** The issue as a plain-text e-mail, the alternative part to the HTML. */
export const GET: APIRoute = async ({ props }) => {
  const { email } = await getNewsletter();
  const body = issueEmailText(props.issue, email);
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
