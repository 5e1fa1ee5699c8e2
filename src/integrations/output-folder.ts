import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { deleteInBackground, moveAside } from '../lib/output-folder.ts';

/**
 * Hands the last build's output to a background deletion (src/lib/output-folder.ts) when the
 * build starts, so Astro finds the output folder empty instead of emptying it on the main thread,
 * and waits for that deletion when the build is done.
 */
export function freshOutputFolder(): AstroIntegration {
  let outDir = '';
  let deleting: Promise<boolean> | undefined;
  let trash: string[] = [];
  return {
    name: 'backchannel:output-folder',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ logger }) => {
        const aside = moveAside(outDir);
        trash = aside.trash;
        deleting = deleteInBackground(trash);
        if (aside.skipped && aside.trash.length === 0) logger.debug(`Astro empties ${outDir} itself: ${aside.skipped}`);
      },
      'astro:build:done': async ({ logger }) => {
        const started = performance.now();
        if (deleting && !(await deleting)) {
          logger.warn(`Could not delete the last build's output in ${trash.join(', ')}; delete it by hand (the new build is complete).`);
        }
        const waited = performance.now() - started;
        if (waited > 100) logger.info(`Waited ${(waited / 1000).toFixed(1)} s for the last build's output to be deleted`);
      },
    },
  };
}
