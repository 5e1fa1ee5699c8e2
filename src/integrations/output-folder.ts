import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  clearPageFolders,
  deleteInBackground,
  emptyFolder,
  fileClock,
  filesUnder,
  leftovers,
  linkPageCopies,
  missingOutputs,
  moveAside,
  pruneOutput,
  recordOutput,
  relativeName,
  trustedManifest,
} from '../lib/output-folder.ts';

/** Astro's incremental-build manifest, in its cache folder (astro/dist/core/build/incremental.js). */
const ASTRO_MANIFEST = 'incremental-build.json';
/** Our record of which output folders hold what the build that left that manifest wrote. */
const STAMP = 'backchannel-output.json';

/**
 * The output folder between builds (src/lib/output-folder.ts), in two integrations: `first`
 * comes before every other in the config, `last` after them.
 *
 * When the last build into this folder completed and Astro's cache record is still the one it
 * left, the folder is kept: Astro then finds each unchanged page in place instead of copying it
 * from its cache. Otherwise the old output is moved aside, and deleted by a child process once the
 * pages are written. Either way, once the pages are written, `first` deletes every file this
 * build has not written (so the search index never sees a removed page); the search index, cards, sitemap and host files are
 * written again after it. `last` reports what stayed deleted and records the folder as complete.
 */
export function outputFolder(): { first: AstroIntegration; last: AstroIntegration } {
  let outDir = '';
  let publicDir = '';
  let cacheDir = '';
  let stampFile = '';
  let manifestFile = '';
  let since = 0;
  let trash: string[] = [];
  let deleting: Promise<boolean> = Promise.resolve(true);
  let removed: string[] = [];
  const first: AstroIntegration = {
    name: 'backchannel:output-folder',
    hooks: {
      // Astro would empty the folder itself before the pages; this integration decides instead.
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir).replace(/[\\/]+$/, '');
        publicDir = fileURLToPath(config.publicDir);
        cacheDir = fileURLToPath(config.cacheDir);
        stampFile = path.join(cacheDir, STAMP);
        manifestFile = path.join(cacheDir, ASTRO_MANIFEST);
      },
      'astro:build:start': ({ logger }) => {
        const manifest = trustedManifest(stampFile, manifestFile, outDir);
        if (manifest) {
          trash = leftovers(outDir);
          clearPageFolders(outDir, manifest.outputs);
          logger.info(`Keeping the last build's output in ${outDir}: unchanged pages stay in place`);
        } else {
          const aside = moveAside(outDir);
          trash = aside.trash;
          // What could not be moved (a linked folder, a refused rename) is deleted here, as Astro would.
          if (aside.skipped) emptyFolder(outDir);
        }
        const copies = linkPageCopies(cacheDir, outDir);
        trash.push(...copies.trash);
        if (copies.skipped) logger.info(`Astro keeps a second copy of each page this build writes (${copies.skipped})`);
        since = fileClock(outDir);
      },
      'astro:build:done': ({ assets }) => {
        const written = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) written.add(relativeName(outDir, fileURLToPath(url)));
        }
        // Astro's pruning of its cache deletes the page itself when a route stopped keying it
        // (linkPageCopies): never deploy a site without it. The next build renders it again,
        // since this one records no output.
        const missing = missingOutputs(outDir, written);
        if (missing.length) {
          const some = missing.slice(0, 5).join(', ');
          throw new Error(
            `[output] ${missing.length} page(s) this build wrote were deleted by Astro's incremental cache (${some}${missing.length > 5 ? ', …' : ''}): their route no longer returns a cacheKey, or they moved to another route, since the last build. Build again: the next build renders them.`,
          );
        }
        const keep = new Set([...filesUnder(publicDir), ...written]);
        removed = pruneOutput(outDir, keep, since);
        // The last output is deleted only now that the pages are written: on a file system that
        // skips inodes freed moments ago (ext4 without a journal, as on the build machine),
        // deleting it during the page phase made each new file and folder look through the freed
        // ones, and a cold 1,000-article build spent twice the system time. What is still
        // written from here on (the last cards, the search bundle's links, the sitemap) is little,
        // and mostly elsewhere, so the deletion runs beside it.
        deleting = deleteInBackground(trash);
      },
    },
  };
  const last: AstroIntegration = {
    name: 'backchannel:output-folder-done',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        // The search index, cards and host files deleted above are written again by now.
        const gone = removed.filter((rel) => !existsSync(path.join(outDir, rel)));
        if (gone.length) {
          const some = gone.slice(0, 3).join(', ');
          logger.info(
            `Deleted ${gone.length} files of the last build that this one did not write (${some}${gone.length > 3 ? ', …' : ''})`,
          );
        }
        const started = performance.now();
        if (!(await deleting)) {
          logger.warn(`Could not delete the last build's output in ${trash.join(', ')}; delete it by hand (the new build is complete).`);
        }
        const waited = performance.now() - started;
        if (waited > 100) logger.info(`Waited ${(waited / 1000).toFixed(1)} s for the last build's output to be deleted`);
        recordOutput(stampFile, manifestFile, outDir);
      },
    },
  };
  return { first, last };
}
