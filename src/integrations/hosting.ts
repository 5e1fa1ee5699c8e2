import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile, isFileAlias, pageTarget, redirectsFile } from '../lib/hosting.ts';
import { site } from '../site.config.ts';
import { publishedContent } from './published.ts';

/** Writes the static host's `_redirects` (aliases → 301) and `_headers` (security headers, cache lifetimes). */
export function hostingFiles(): AstroIntegration {
  return {
    name: 'backchannel:hosting-files',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const { corpus, published } = publishedContent();
        const targets = [...published, ...corpus.pages.map(pageTarget)];
        await writeFile(new URL('_redirects', dir), redirectsFile(targets));
        await fileAliasesAsFiles(
          fileURLToPath(dir),
          targets.flatMap((t) => t.aliases.filter(isFileAlias)),
        );
        const formActions = [site.commentForm?.action, site.newsletter?.signup?.action];
        await writeFile(new URL('_headers', dir), headersFile({ formActions }));
      },
    },
  };
}

/**
 * An old URL that names a file (/2010/07/post.html, as Blogger and Movable Type wrote them) must be
 * answered at that path, but Astro writes every page as <path>/index.html. Runs first among the
 * build:done hooks (before search and the sitemap read the output), and moves each such redirect
 * page from old/post.html/index.html to old/post.html.
 */
async function fileAliasesAsFiles(outDir: string, aliases: readonly string[]) {
  for (const alias of aliases) {
    const target = path.join(outDir, decodeURIComponent(alias));
    const written = path.join(target, 'index.html');
    if (!existsSync(written)) continue;
    const html = await readFile(written);
    await rm(target, { recursive: true });
    await writeFile(target, html);
  }
}
