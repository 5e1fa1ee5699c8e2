import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { headersFile, pageTarget, redirectsFile } from '../lib/hosting.ts';
import { site } from '../site.config.ts';
import { publishedContent } from './published.ts';

/** Writes the static host's `_redirects` (aliases → 301) and `_headers` (security headers, cache lifetimes). */
export function hostingFiles(): AstroIntegration {
  return {
    name: 'backchannel:hosting-files',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const { corpus, published } = publishedContent();
        await writeFile(new URL('_redirects', dir), redirectsFile([...published, ...corpus.pages.map(pageTarget)]));
        const formActions = [site.commentForm?.action, site.newsletter?.signup?.action];
        await writeFile(new URL('_headers', dir), headersFile({ formActions }));
      },
    },
  };
}
