import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Memory the build process holds but no longer uses, handed back before a memory-hungry step.
 *
 * After the content sync of a large site (2 GB of V8 heap at 10,000 articles) and the pages, the
 * heap shrinks to under 1 GB, but V8 keeps the freed pages for reuse: the process still showed
 * 2.1 GB resident when the search step started, and a full collection did not change that. V8's
 * most thorough collection (the one it runs before giving up on memory) compacts the heap and
 * returns those pages: 2,057 → 1,200 MiB in about a second. So a full search index (Pagefind's
 * processes need 1.2 GB each at that size) runs beside a smaller build process
 * (src/lib/search/index-site.ts).
 */

/** Below this resident size there is too little to gain for the second it can take. */
export const RELEASE_FROM_MIB = 1536;

type Collect = (options?: { type?: 'major'; execution?: 'sync'; flavor?: 'last-resort' }) => void;

/** V8's collector as a function: `gc` when Node was started with --expose-gc, else obtained for this call. */
function collector(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  try {
    // A new context gets the flag's `gc`; this process's own global is left as it was.
    return runInNewContext('gc') as Collect;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

const mib = (bytes: number) => bytes / 1048576;

/**
 * Runs V8's most thorough collection when this process holds at least `fromMib` MiB; returns the
 * resident size before and after, in MiB, or undefined when it held less (and nothing ran).
 */
export function releaseFreedMemory(fromMib: number = RELEASE_FROM_MIB): { before: number; after: number } | undefined {
  const before = mib(process.memoryUsage.rss());
  if (before < fromMib) return undefined;
  collector()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return { before, after: mib(process.memoryUsage.rss()) };
}
