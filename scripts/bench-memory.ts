/**
 * The bench's memory sampler, on a thread of its own (the bench's main thread waits in
 * spawnSync while a build runs). Every 200 ms, while `shared[0]` is 1, it reads the resident
 * memory of every process below the bench from /proc and keeps the largest single process
 * (`shared[1]`, KiB) and the largest total at one moment (`shared[2]`, KiB). /usr/bin/time's
 * peak is not enough: it misses Pagefind's process, which Pagefind's library kills rather than
 * waits for, and at 10,000 articles that process is the largest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const { root, buffer } = workerData as { root: number; buffer: SharedArrayBuffer };
const shared = new Int32Array(buffer);
const PAGE_KIB = 4;

function sample(): void {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command (in parentheses, which may hold spaces): state, ppid, … rss is the 24th field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(fields[1]);
    rss.set(pid, Number(fields[21]) * PAGE_KIB);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  let single = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const kib = rss.get(pid) ?? 0;
    total += kib;
    single = Math.max(single, kib);
    stack.push(...(children.get(pid) ?? []));
  }
  Atomics.store(shared, 1, Math.max(Atomics.load(shared, 1), single));
  Atomics.store(shared, 2, Math.max(Atomics.load(shared, 2), total));
}

setInterval(() => {
  if (Atomics.load(shared, 0) === 1) sample();
}, 200);
