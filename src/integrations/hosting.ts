import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { headersFile, pageTarget, redirectsFile } from '../lib/hosting.ts';
import { publishedContent } from './published.ts';

/** Writes the static host's `_redirects` (aliases → 301) and `_headers` (cache lifetimes). */
export function hostingFiles(): AstroIntegration {
  return {
    name: 'backchannel:hosting-files',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const { corpus, published } = publishedContent();
        await writeFile(new URL('_redirects', dir), redirectsFile([...published, ...corpus.pages.map(pageTarget)]));
        await writeFile(new URL('_headers', dir), headersFile());
      },
    },
  };
}
