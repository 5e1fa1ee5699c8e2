import type { APIRoute } from 'astro';
import { emailRoutes, getNewsletter } from '../../../data/newsletter.ts';
import { issueEmailText } from '../../../lib/newsletter/text.ts';

export function getStaticPaths() {
  return emailRoutes();
}

/** The issue as a plain-text e-mail, the alternative part to the HTML. */
export const GET: APIRoute = async ({ props }) => {
  const { email } = await getNewsletter();
  const body = issueEmailText(props.issue, email);
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
