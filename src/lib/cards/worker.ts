import { parentPort } from 'node:worker_threads';
import { type RenderJob, renderCard } from './render.ts';

/** Messages the pool sends: a job and its index. */
export interface JobMessage {
  index: number;
  job: RenderJob;
}

/** Renders the jobs the pool sends, one at a time, and posts each PNG back (transferred, not copied). */
parentPort?.on('message', async ({ index, job }: JobMessage) => {
  try {
    const r = await renderCard(job);
    const buf = r.png.buffer.slice(r.png.byteOffset, r.png.byteOffset + r.png.byteLength) as ArrayBuffer;
    parentPort?.postMessage({ index, png: buf, missing: r.missing, ms: r.ms, cpuMs: r.cpuMs }, [buf]);
  } catch (err) {
    parentPort?.postMessage({ index, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
