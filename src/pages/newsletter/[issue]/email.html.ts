import type { APIRoute } from 'astro';
import { emailRoutes, getNewsletter } from '../../../data/newsletter.ts';
import { issueEmailHtml } from '../../../lib/newsletter/email.ts';

export function getStaticPaths() {
  return emailRoutes();
}

/** The issue as a ready-to-send HTML e-mail (inline CSS, table layout, absolute links). */
export const GET: APIRoute = async ({ props }) => {
  const { email } = await getNewsletter();
  const body = issueEmailHtml(props.issue, email);
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
