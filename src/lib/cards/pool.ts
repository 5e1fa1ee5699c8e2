import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RenderJob, RenderResult } from './render.ts';

type Reply = { index: number; png: Uint8Array; missing: string[]; ms: number; cpuMs: number } | { index: number; error: string };

/**
 * V8 flags of a drawing process. A small young generation: a card's garbage (satori's objects,
 * the 3 MB pixel copy) dies young, and V8's default semi-spaces let each drawer's heap grow to
 * ~150 MB for ~30 MB of live objects.
 */
const DRAWER_FLAGS = ['--max-semi-space-size=4'];

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
 * Renders jobs in drawing processes (worker.ts), one per core by default (and never more than
 * there are jobs). They are child processes, not worker threads: each holds ~200 MB (fonts,
 * satori's and resvg's engines, resvg's pixel buffers, which V8 does not count and so frees
 * late), and as threads that memory added to the build process at its peak, while Astro holds
 * every rendered page's data (a 10,000-article cold build peaked at 4.5 GB, 3.9 GB without
 * cards). Children run worker.ts straight from source: Node 24 strips its types, which is why
 * the card modules use only erasable syntax and .ts import extensions. `onResult` gets each card
 * as it is done, in completion order; the first failure stops the pool and rejects. When `grow`
 * resolves the pool adds drawers up to that number: a build starts with one while Astro's main
 * thread renders pages, and takes every core once the pages are written.
 */
export async function renderOnPool(
  jobs: RenderJob[],
  onResult: (index: number, result: RenderResult) => void | Promise<void>,
  workers = availableParallelism(),
  grow?: Promise<number>,
): Promise<void> {
  if (jobs.length === 0) return;
  const size = Math.max(1, Math.min(workers, jobs.length));
  const pool: ChildProcess[] = [];
  let next = 0;
  let done = 0;
  let closed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: ChildProcess) => {
        if (next < jobs.length) {
          const index = next++;
          w.send({ index, job: jobs[index] });
        }
      };
      const spawn = () => {
        // Structured clone ('advanced') carries the PNG bytes as bytes, not as JSON numbers.
        const w = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
          execArgv: DRAWER_FLAGS,
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
            reject(new Error(`[cards] rendering card ${msg.index} failed: ${msg.error}`));
            return;
          }
          try {
            await onResult(msg.index, { png: msg.png, missing: msg.missing, ms: msg.ms, cpuMs: msg.cpuMs });
          } catch (err) {
            reject(err);
            return;
          }
          done++;
          if (done === jobs.length) resolve();
          else feed(w);
        });
        for (let i = 0; i < JOBS_AHEAD; i++) feed(w);
      };
      for (let i = 0; i < size; i++) spawn();
      grow?.then((n) => {
        // Only while there is work left: a drawer started after the pool closed would keep the build alive.
        for (let i = pool.length; !closed && i < Math.min(n, jobs.length) && next < jobs.length; i++) spawn();
      }, reject);
    });
  } finally {
    closed = true;
    await Promise.all(pool.map(stop));
  }
}
