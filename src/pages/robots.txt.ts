import { absoluteUrl } from '../lib/permalink.ts';
import { site } from '../site.config.ts';

/** Crawlers may read everything; the sitemap lists every published page. */
export function GET() {
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site.url, '/sitemap-index.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
