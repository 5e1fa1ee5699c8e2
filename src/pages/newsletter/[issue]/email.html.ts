import type { APIRoute } from 'astro';
import { getNewsletter } from '../../../data/newsletter.ts';
import { issueEmailHtml } from '../../../lib/newsletter/email.ts';

export async function getStaticPaths() {
  const { issues } = await getNewsletter();
  return issues.map((issue) => ({ params: { issue: issue.key }, props: { issue } }));
}

/** The issue as a ready-to-send HTML e-mail (inline CSS, table layout, absolute links). */
export const GET: APIRoute = async ({ props }) => {
  const { email } = await getNewsletter();
  const body = issueEmailHtml(props.issue, email);
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
