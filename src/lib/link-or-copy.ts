import { copyFileSync, linkSync } from 'node:fs';

/** Errors that mean the two paths cannot share a file: another file system, or one without hard links. */
const CANNOT_LINK = ['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'];

/**
 * A function that puts the file `from` at `to`: as a hard link while the file system allows it,
 * as a copy from the first refusal on (for this and every later file). Share files this way only
 * where neither side is ever written in place, just replaced (the card and search caches).
 */
export function linkOrCopy(): (from: string, to: string) => void {
  let link = true;
  return (from, to) => {
    if (link) {
      try {
        linkSync(from, to);
        return;
      } catch (err) {
        if (!CANNOT_LINK.includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
        link = false;
      }
    }
    copyFileSync(from, to);
  };
}
