import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeChars } from './fonts.ts';
import { renderOnPool } from './pool.ts';
import { type CardSpec, type PrepareContext, type PreparedCard, prepareCard } from './prepare.ts';
import { createProgress, type ProgressStream } from './progress.ts';

/** What a card run needs. */
export interface GenerateOptions {
  specs: CardSpec[];
  /** The build's output folder; cards go to <outDir><card path>. */
  outDir: string;
  /** Cache of rendered cards by key (CARD_CACHE_DIR). */
  cacheDir: string;
  ctx: PrepareContext;
  warn: (message: string) => void;
  /** Live progress (process.stdout in builds). */
  progress?: ProgressStream | undefined;
  /** Worker threads; one per core when unset. */
  workers?: number | undefined;
}

/** What a card run did. */
export interface GenerateStats {
  total: number;
  /** Cards drawn in this run (cache misses). */
  rendered: number;
  /** Cards copied from the cache. */
  cached: number;
  /** Drawing time summed over all workers, in ms (wall clock, so it includes waiting for a core). */
  renderMs: number;
  /** CPU time of the workers' drawing, in ms: the cost on one core. */
  renderCpuMs: number;
  /** Wall-clock time of the whole run, in ms. */
  wallMs: number;
}

/** The cache folder: CARD_CACHE_DIR, or node_modules/.cache/backchannel-cards/ under the project. */
export function cardCacheDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CARD_CACHE_DIR || 'node_modules/.cache/backchannel-cards');
}

function warnMissing(card: PreparedCard, chars: string[], warn: (m: string) => void) {
  warn(
    `${card.spec.source}: the social card ${card.spec.path} has characters no card font can draw, shown as boxes: ${describeChars(chars)}. ` +
      'Add a font for them in src/lib/cards/fonts.ts, or change the text.',
  );
}

/**
 * Writes every card into outDir: cards whose key is in the cache are copied from it, the rest
 * are drawn on the worker pool and stored in the cache for the next build. Cache files are
 * written under a temporary name and renamed, so an interrupted build never leaves half a PNG.
 */
export async function generateCards(opts: GenerateOptions): Promise<GenerateStats> {
  const start = performance.now();
  mkdirSync(opts.cacheDir, { recursive: true });
  const cards = opts.specs.map((s) => prepareCard(s, opts.ctx));
  for (const card of cards) {
    if (card.missing.length) warnMissing(card, card.missing, opts.warn);
    if (card.imageSkipped) opts.warn(`${card.spec.source}: ${card.imageSkipped}.`);
  }

  const cached = (c: PreparedCard) => path.join(opts.cacheDir, `${c.key}.png`);
  const target = (c: PreparedCard) => path.join(opts.outDir, c.spec.path);
  const dirs = new Set(cards.map((c) => path.dirname(target(c))));
  for (const d of dirs) mkdirSync(d, { recursive: true });

  const misses = cards.filter((c) => !existsSync(cached(c)));
  const missed = new Set(misses);
  const progress = createProgress(cards.length, misses.length, opts.progress ?? { write: () => {} });
  for (const c of cards) {
    if (missed.has(c)) continue;
    copyFileSync(cached(c), target(c));
    progress.tick(true);
  }
  let renderMs = 0;
  let renderCpuMs = 0;
  await renderOnPool(
    misses.map((c) => c.job),
    (i, result) => {
      const card = misses[i] as PreparedCard;
      renderMs += result.ms;
      renderCpuMs += result.cpuMs;
      const extra = result.missing.filter((s) => ![...s].every((ch) => card.missing.includes(ch)));
      if (extra.length) warnMissing(card, extra, opts.warn);
      const tmp = `${cached(card)}.${process.pid}.tmp`;
      writeFileSync(tmp, result.png);
      renameSync(tmp, cached(card));
      writeFileSync(target(card), result.png);
      progress.tick(false);
    },
    opts.workers,
  );
  progress.finish();
  return {
    total: cards.length,
    rendered: misses.length,
    cached: cards.length - misses.length,
    renderMs,
    renderCpuMs,
    wallMs: performance.now() - start,
  };
}
