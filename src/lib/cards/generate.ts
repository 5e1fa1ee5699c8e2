import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from '../env.ts';
import { linkOrCopy } from '../link-or-copy.ts';
import { describeChars } from './fonts.ts';
import { type DrawerCount, renderOnPool } from './pool.ts';
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
  /** Drawing processes: a number, or a count changed during the run (see renderOnPool); one per core when unset. */
  workers?: number | DrawerCount | undefined;
}

/** What a card run did. */
export interface GenerateStats {
  total: number;
  /** Cards drawn in this run (cache misses). */
  rendered: number;
  /** Cards copied from the cache. */
  cached: number;
  /** Drawing time summed over all drawers, in ms (wall clock, so it includes waiting for a core). */
  renderMs: number;
  /** CPU time of the drawing processes per card (garbage collector threads included), in ms: the cost on one core. */
  renderCpuMs: number;
  /** Wall-clock time of the whole run, in ms. */
  wallMs: number;
}

/** The cache folder: CARD_CACHE_DIR, or node_modules/.cache/backchannel-cards/ under the project (checked by src/lib/env.ts). */
export function cardCacheDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return parseEnv(env, cwd).cardCacheDir;
}

function warnMissing(card: PreparedCard, chars: string[], warn: (m: string) => void) {
  warn(
    `${card.spec.source}: the social card ${card.spec.path} has characters no card font can draw, shown as boxes: ${describeChars(chars)}. ` +
      'Add a font for them in src/lib/cards/fonts.ts, or change the text.',
  );
}

/** Cards drawn into the cache, ready to be copied into a build's output. */
export interface DrawnCards {
  cards: PreparedCard[];
  /** Path of each card in the cache. */
  cached: (card: PreparedCard) => string;
  stats: GenerateStats;
}

/**
 * Makes sure every card is in the cache: cards whose key is there already are left alone, the
 * rest are drawn by the pool of drawing processes. Needs only the content, not the built pages, so a build
 * can start it before Astro renders the pages (src/integrations/cards.ts) and copy the results
 * with placeCards() when the output folder is final. The drawers write the cache files, under a
 * temporary name then renamed, so an interrupted build never leaves half a PNG.
 */
export async function drawCards(opts: Omit<GenerateOptions, 'outDir'>): Promise<DrawnCards> {
  const start = performance.now();
  mkdirSync(opts.cacheDir, { recursive: true });
  const cards = opts.specs.map((s) => prepareCard(s, opts.ctx));
  for (const card of cards) {
    if (card.missing.length) warnMissing(card, card.missing, opts.warn);
    if (card.imageSkipped) opts.warn(`${card.spec.source}: ${card.imageSkipped}.`);
  }
  const cached = (c: PreparedCard) => path.join(opts.cacheDir, `${c.key}.png`);
  const misses = cards.filter((c) => !existsSync(cached(c)));
  const progress = createProgress(cards.length, misses.length, opts.progress ?? { write: () => {} });
  for (let i = misses.length; i < cards.length; i++) progress.tick(true);
  let renderMs = 0;
  let renderCpuMs = 0;
  await renderOnPool(
    misses.map((c) => ({ job: c.job, file: cached(c) })),
    (i, result) => {
      const card = misses[i] as PreparedCard;
      renderMs += result.ms;
      renderCpuMs += result.cpuMs;
      const extra = result.missing.filter((s) => ![...s].every((ch) => card.missing.includes(ch)));
      if (extra.length) warnMissing(card, extra, opts.warn);
      progress.tick(false);
    },
    opts.workers,
  );
  progress.finish();
  const stats = {
    total: cards.length,
    rendered: misses.length,
    cached: cards.length - misses.length,
    renderMs,
    renderCpuMs,
    wallMs: performance.now() - start,
  };
  return { cards, cached, stats };
}

/**
 * Puts drawn cards from the cache at <outDir><card path>; returns the time it took in ms. A hard
 * link where the cache and the output share a file system (10,054 copies took 14 s of a warm
 * 10,000-article build), a copy elsewhere. Sharing the file is safe: cache files are never
 * written in place, only replaced by rename (see drawCards).
 */
export function placeCards(drawn: DrawnCards, outDir: string): number {
  const start = performance.now();
  const target = (c: PreparedCard) => path.join(outDir, c.spec.path);
  for (const d of new Set(drawn.cards.map((c) => path.dirname(target(c))))) mkdirSync(d, { recursive: true });
  const place = linkOrCopy();
  for (const c of drawn.cards) {
    const to = target(c);
    rmSync(to, { force: true });
    place(drawn.cached(c), to);
  }
  return performance.now() - start;
}

/** Draws what the cache lacks and writes every card into outDir (drawCards, then placeCards). */
export async function generateCards(opts: GenerateOptions): Promise<GenerateStats> {
  const drawn = await drawCards(opts);
  const placeMs = placeCards(drawn, opts.outDir);
  return { ...drawn.stats, wallMs: drawn.stats.wallMs + placeMs };
}
