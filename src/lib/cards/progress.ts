/** Where progress goes: process.stdout, or a fake in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** Renders above this count get a progress display; fewer finish before one would help. */
export const PROGRESS_THRESHOLD = 36;

/**
 * Progress of a card run. On a terminal it is one line rewritten in place (done/total, cache hits,
 * cards per second) at most ten times a second; elsewhere (CI logs) a plain line at each quarter,
 * so a log gets four lines rather than a thousand.
 */
export function createProgress(
  total: number,
  toRender: number,
  out: ProgressStream,
  now: () => number = performance.now.bind(performance),
) {
  const start = now();
  const show = toRender > PROGRESS_THRESHOLD;
  let done = 0;
  let hits = 0;
  let lastDraw = 0;
  let nextQuarter = 1;
  const line = () => {
    const secs = (now() - start) / 1000;
    const rate = secs > 0 ? (done - hits) / secs : 0;
    return `[cards] ${done}/${total} cards · ${hits} from cache · ${rate.toFixed(0)} cards/s`;
  };
  return {
    /** Records one finished card; `cached` when it was copied from the cache. */
    tick(cached: boolean) {
      done++;
      if (cached) hits++;
      if (!show) return;
      if (out.isTTY) {
        const t = now();
        if (t - lastDraw >= 100 || done === total) {
          lastDraw = t;
          out.write(`\r\x1b[K${line()}`);
        }
      } else if (done - hits >= (toRender * nextQuarter) / 4 && nextQuarter <= 4) {
        nextQuarter++;
        out.write(`${line()}\n`);
      }
    },
    /** Clears the live line; the caller prints the summary. */
    finish() {
      if (show && out.isTTY) out.write('\r\x1b[K');
    },
  };
}
