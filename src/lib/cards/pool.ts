import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RenderJob } from './render.ts';

/** A card for the pool: what to draw, and the file the drawer writes its PNG to. */
export interface PoolJob {
  job: RenderJob;
  /** The drawer writes the PNG under a temporary name beside it, then renames it into place. */
  file: string;
}

/** A drawn card, as the drawer reports it (the PNG is in its file by then). */
export interface PoolResult {
  /** Text satori found no glyph for while drawing (drawn as boxes). */
  missing: string[];
  /** Time spent drawing, in ms (wall clock). */
  ms: number;
  /** CPU time of the drawing process for this card, in ms. */
  cpuMs: number;
}

type Reply = ({ index: number } & PoolResult) | { index: number; error: string };

/**
 * How many drawers get new jobs, changed while a pool runs: a build draws on one core while
 * Astro renders pages on the main thread and on every core before and after (src/integrations/cards.ts).
 */
export interface DrawerCount {
  readonly now: number;
  /** Calls `listener` after every change (the pool starts or resumes drawers). */
  subscribe(listener: () => void): void;
}

/** A DrawerCount whose value its owner sets. */
export function drawerCount(initial: number): DrawerCount & { set(n: number): void } {
  let now = Math.max(1, Math.floor(initial));
  const listeners: Array<() => void> = [];
  return {
    get now() {
      return now;
    },
    set(n: number) {
      const next = Math.max(1, Math.floor(n));
      if (next === now) return;
      now = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}

/**
 * V8 flags of a drawing process. A small young generation: a card's garbage (satori's objects,
 * the 3 MB pixel copy) dies young, and V8's default semi-spaces let each drawer's heap grow to
 * ~150 MB for ~30 MB of live objects.
 */
const DRAWER_FLAGS = ['--max-semi-space-size=4'];

/**
 * Environment of a drawing process: the build's, with resvg's allocator (mimalloc, inside
 * @resvg/resvg-js) told to keep the memory it frees instead of handing it back to the system
 * after 10 ms. Each card's 1200×630 pixmap is 3 MB, so by default every card faulted fresh
 * zeroed pages in again: in a drawing loop of 300 cards, 680–750 page faults and 1.7–2.7 ms of
 * system time per card, against 230–260 faults and 1.0 ms with this (a drawer's resident memory
 * grew by about 30 MB). A value the user set wins.
 */
export function drawerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, MIMALLOC_PURGE_DELAY: env.MIMALLOC_PURGE_DELAY ?? '-1' };
}

/**
 * Jobs sent ahead to each drawer. The drawers start while the main thread renders Markdown and
 * pages and answers their messages only between its own tasks; with a few jobs queued, a drawer
 * keeps drawing meanwhile (worker.ts draws its queue one card at a time).
 */
const JOBS_AHEAD = 4;

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });
}

/**
 * Draws jobs in drawing processes (worker.ts), each of which writes its PNGs to their files
 * itself, so the build's main thread, busy rendering pages, neither receives the bytes nor
 * waits on the disk for them (a profile of a cold 1,000-article build found the main thread
 * 0.9 s inside the open() of those files, blocked behind the pages' own writes). By default one drawer per core, never more than there are jobs.
 * They are child processes, not worker threads: each holds ~200 MB (fonts, satori's and resvg's
 * engines, resvg's pixel buffers, which V8 does not count and so frees late), and as threads that
 * memory added to the build process at its peak, while Astro holds every rendered page's data (a
 * 10,000-article cold build peaked at 4.5 GB, 3.9 GB without cards). Children run worker.ts
 * straight from source: Node 24 strips its types, which is why the card modules use only
 * erasable syntax and .ts import extensions. `onResult` gets each card as it is done, in
 * completion order; the first failure stops the pool and rejects.
 *
 * `count` (a number, or a DrawerCount its owner changes during the run) is how many drawers get
 * new jobs: when it grows the pool starts or resumes drawers while there is work left; when it
 * shrinks, drawers past it finish the few jobs they hold and wait, alive, for it to grow again.
 */
export async function renderOnPool(
  jobs: PoolJob[],
  onResult: (index: number, result: PoolResult) => void | Promise<void>,
  count: number | DrawerCount = availableParallelism(),
): Promise<void> {
  if (jobs.length === 0) return;
  const wanted = () => Math.max(1, Math.min(typeof count === 'number' ? count : count.now, jobs.length));
  const pool: ChildProcess[] = [];
  /** Jobs sent to each drawer and not answered yet. */
  const held = new Map<ChildProcess, number>();
  let next = 0;
  let done = 0;
  let closed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      // Tops a drawer's queue up to JOBS_AHEAD. A drawer past the count gets nothing new: its
      // queue drains, then it waits to be resumed.
      const feed = (w: ChildProcess) => {
        if (pool.indexOf(w) >= wanted()) return;
        while (!closed && next < jobs.length && (held.get(w) ?? 0) < JOBS_AHEAD) {
          const index = next++;
          const { job, file } = jobs[index] as PoolJob;
          held.set(w, (held.get(w) ?? 0) + 1);
          w.send({ index, job, file });
        }
      };
      const spawn = () => {
        const w = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
          execArgv: DRAWER_FLAGS,
          env: drawerEnv(),
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        pool.push(w);
        w.on('error', reject);
        w.on('exit', (code, signal) => {
          if (!closed && done < jobs.length) reject(new Error(`[cards] a drawing process exited early (${signal ?? `code ${code}`})`));
        });
        w.on('message', async (msg: Reply) => {
          if ('error' in msg) {
            reject(new Error(`[cards] drawing card ${msg.index} into ${jobs[msg.index]?.file} failed: ${msg.error}`));
            return;
          }
          held.set(w, (held.get(w) ?? 1) - 1);
          const { index, ...result } = msg;
          try {
            await onResult(index, result);
          } catch (err) {
            reject(err);
            return;
          }
          done++;
          if (done === jobs.length) resolve();
          else feed(w);
        });
        feed(w);
      };
      const adjust = () => {
        // Only while there is work left: a drawer started after the pool closed would keep the build alive.
        while (!closed && pool.length < wanted() && next < jobs.length) spawn();
        for (const w of pool) feed(w);
      };
      adjust();
      if (typeof count !== 'number') count.subscribe(adjust);
    });
  } finally {
    closed = true;
    await Promise.all(pool.map(stop));
  }
}
