import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeCorpus, run } from './bench-support.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const articles = Number(values.articles);
const runs = Number(values.runs);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench-cards.ts [--articles N (≥1)] [--runs N (≥1)]');
  process.exit(2);
}

const root = mkdtempSync(path.join(tmpdir(), 'bench-cards-'));
// Both generators end up with <root>/content: the shared one writes content/ inside --out.
const content = path.join(root, 'content');
const cache = path.join(root, 'card-cache');
const out = path.join(root, 'dist');
const astro = path.resolve('node_modules/.bin/astro');

const generator = makeCorpus(root, articles);
console.log(`corpus: ${articles} articles from ${generator} in ${content}`);

interface Build {
  ms: number;
  maxRssMb: number;
  cards?: { total: number; seconds: number; rendered: number; perCard: number | undefined; cached: number } | undefined;
}

function build(env: Record<string, string>): Build {
  const start = performance.now();
  const r = run('/usr/bin/time', ['-v', process.execPath, astro, 'build', '--outDir', out], {
    ASTRO_TELEMETRY_DISABLED: '1',
    CONTENT_DIR: content,
    CARD_CACHE_DIR: cache,
    BUILD_NOW: '2098-01-01T00:00:00Z',
    ...env,
  });
  const ms = performance.now() - start;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const m = /(\d+) social cards in ([\d.]+)s: (\d+) rendered(?: \(([\d.]+) ms CPU per card on one core\))?, (\d+) from cache/.exec(
    r.stdout,
  );
  return {
    ms,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    cards: m
      ? {
          total: Number(m[1]),
          seconds: Number(m[2]),
          rendered: Number(m[3]),
          perCard: m[4] ? Number(m[4]) : undefined,
          cached: Number(m[5]),
        }
      : undefined,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const series = (label: string, env: Record<string, string>, before: () => void) => {
  const list: Build[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const b = build(env);
    list.push(b);
    console.log(
      `${label} #${i + 1}: ${(b.ms / 1000).toFixed(2)} s, max RSS ${b.maxRssMb.toFixed(0)} MB` +
        (b.cards ? `, cards ${b.cards.seconds.toFixed(2)} s (${b.cards.rendered} rendered, ${b.cards.cached} cached)` : ''),
    );
  }
  return list;
};

const clearCache = () => rmSync(cache, { recursive: true, force: true });
// One untimed build first, so Astro's own caches are as warm for the first timed build as for the rest.
clearCache();
build({ CARDS: 'off' });

const cold = series('cold', {}, clearCache);
const warm = series('warm', {}, () => {});
const off = series('off ', { CARDS: 'off' }, () => {});

const cards = cold[0]?.cards?.total ?? 0;
const coldMs = median(cold.map((b) => b.ms));
const warmMs = median(warm.map((b) => b.ms));
const offMs = median(off.map((b) => b.ms));
const oneCore = median(cold.map((b) => b.cards?.perCard ?? Number.NaN));
const warmRenders = Math.max(...warm.map((b) => b.cards?.rendered ?? Number.NaN));
console.log('');
console.log(`cards per build:              ${cards}`);
console.log(
  `build, median of ${runs}:         cold ${(coldMs / 1000).toFixed(2)} s · warm ${(warmMs / 1000).toFixed(2)} s · CARDS=off ${(offMs / 1000).toFixed(2)} s`,
);
console.log(`cold card cost (wall):        ${((coldMs - offMs) / cards).toFixed(1)} ms per card ((cold − off) / cards)`);
console.log(`cold card cost (one core):    ${oneCore.toFixed(1)} ms per card (CPU time of the render workers)`);
console.log(`warm build over no cards:     ${((warmMs - offMs) / 1000).toFixed(2)} s`);
console.log(`renders on warm builds:       ${warmRenders}${warmRenders === 0 ? '' : '  ← should be 0'}`);
console.log(
  `peak memory (max RSS):        cold ${Math.max(...cold.map((b) => b.maxRssMb)).toFixed(0)} MB · warm ${Math.max(...warm.map((b) => b.maxRssMb)).toFixed(0)} MB · off ${Math.max(...off.map((b) => b.maxRssMb)).toFixed(0)} MB`,
);
rmSync(root, { recursive: true, force: true });
