import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderResult } from './render.ts';

type Reply = { index: number; png: ArrayBuffer; missing: string[]; ms: number; cpuMs: number } | { index: number; error: string };

/**
 * Renders jobs on worker threads, one per core by default (and never more than there are jobs).
 * Workers run worker.ts straight from source: Node 24 strips its types, which is why the card
 * modules use only erasable syntax and .ts import extensions. `onResult` gets each card as it is
 * done, in completion order; the first failure stops the pool and rejects. When `grow` resolves
 * the pool adds workers up to that number: a build starts with one while Astro's main thread
 * renders pages, and takes every core once the pages are written.
 */
export async function renderOnPool(
  jobs: RenderJob[],
  onResult: (index: number, result: RenderResult) => void | Promise<void>,
  workers = availableParallelism(),
  grow?: Promise<number>,
): Promise<void> {
  if (jobs.length === 0) return;
  const size = Math.max(1, Math.min(workers, jobs.length));
  const pool: Worker[] = [];
  let next = 0;
  let done = 0;
  let closed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < jobs.length) {
          const index = next++;
          w.postMessage({ index, job: jobs[index] });
        }
      };
      const spawn = () => {
        const w = new Worker(new URL('./worker.ts', import.meta.url));
        pool.push(w);
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`[cards] a render worker exited early (code ${code})`));
        });
        w.on('message', async (msg: Reply) => {
          if ('error' in msg) {
            reject(new Error(`[cards] rendering card ${msg.index} failed: ${msg.error}`));
            return;
          }
          try {
            await onResult(msg.index, { png: new Uint8Array(msg.png), missing: msg.missing, ms: msg.ms, cpuMs: msg.cpuMs });
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
      for (let i = 0; i < size; i++) spawn();
      grow?.then((n) => {
        // Only while there is work left: a worker spawned after the pool closed would keep the build alive.
        for (let i = pool.length; !closed && i < Math.min(n, jobs.length) && next < jobs.length; i++) spawn();
      }, reject);
    });
  } finally {
    closed = true;
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
