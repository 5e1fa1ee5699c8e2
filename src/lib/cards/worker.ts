import { renameSync, writeFileSync } from 'node:fs';
import { type RenderJob, renderCard } from './render.ts';

/** Messages the pool sends: a job, its index, and the file to write the PNG to. */
export interface JobMessage {
  index: number;
  job: RenderJob;
  file: string;
}

/**
 * A drawing process (see pool.ts): renders the jobs the pool sends, one at a time, writes each
 * PNG to its file and reports it. The file is written under a temporary name and renamed, so an
 * interrupted build never leaves half a PNG. Its CPU time per card is the whole process's,
 * garbage collector threads and the write included, since it does nothing else.
 */
async function draw({ index, job, file }: JobMessage): Promise<void> {
  try {
    const cpu = process.cpuUsage();
    const r = await renderCard(job);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, r.png);
    renameSync(tmp, file);
    const used = process.cpuUsage(cpu);
    process.send?.({ index, missing: r.missing, ms: r.ms, cpuMs: (used.user + used.system) / 1000 });
  } catch (err) {
    process.send?.({ index, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

// The pool sends a few jobs ahead; they are drawn one after another, never interleaved (each
// card's memory is freed before the next starts).
let queue = Promise.resolve();
process.on('message', (message: JobMessage) => {
  queue = queue.then(() => draw(message));
});
// The build stopped (or died): nothing will ask for more cards.
process.on('disconnect', () => process.exit(0));
