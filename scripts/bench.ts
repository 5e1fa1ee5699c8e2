/**
 * `npm run bench`: the build's speed and scale in one table, so a regression shows at a glance.
 *
 * Builds a generated corpus (1,000 articles; `--articles 10000` for the scale check) from a
 * private copy of the project (its own Astro, card and search caches, so neither the numbers
 * nor other builds in this checkout disturb each other), `--runs` times each (median shown):
 *
 *   cold         Astro's data store, card and search caches emptied
 *   warm         everything kept, nothing changed
 *   one comment  everything kept, one new comment on an article
 *   cards off    warm with CARDS=off: the difference to warm is what the cards cost warm
 *   check        `npm run check` on the same content
 *   search       bytes one query fetches in Chromium (skipped with --no-search)
 *   peer         with `--peer DIR` (a checkout of Astro's blog example with its npm dependencies
 *                installed): the same articles (the shared generator's --format astro-blog) built
 *                there cold and warm, each right after our build of the same kind, for the ratios
 *   AstroPaper   with `--paper DIR` (a checkout of AstroPaper with its npm dependencies installed,
 *                and fonts it can read without a network): the same articles (--format
 *                astro-paper) built there (`astro build`, then Pagefind) after each cold build of
 *                ours. AstroPaper keeps nothing between builds, so its cold build is its only one.
 *
 * Phases: setup (startup and content sync), pages (Astro's page and feed rendering, or copying
 * the unchanged ones from its incremental cache: the "rendered / copied" column), search
 * (Pagefind), cards (drawing, which overlaps the pages) and cards wait (how long the build
 * waited for them after the pages).
 * Wall time and peak memory come from /usr/bin/time -v; the phases from the build's own log.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { makeCorpus, measureQuery, median, pairRatios, plainOutput, run, searchLine } from './bench-support.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    search: { type: 'boolean', default: true },
    query: { type: 'string', default: 'azure' },
    keep: { type: 'boolean', default: false },
    peer: { type: 'string' },
    paper: { type: 'string' },
  },
  allowNegative: true,
});
const articles = Number(values.articles);
const runs = Number(values.runs);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error(
    'usage: npm run bench -- [--articles N (≥1)] [--runs N (≥1)] [--no-search] [--query WORD] [--peer DIR] [--paper DIR] [--keep]',
  );
  process.exit(2);
}

const ROOT = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'bench-'));
const project = path.join(work, 'project');
const content = path.join(work, 'content');
const out = path.join(work, 'dist');
const caches = {
  astro: path.join(project, 'node_modules/.astro'),
  cards: path.join(work, 'card-cache'),
  search: path.join(work, 'search-cache'),
};

/** The project's files (tracked and new, not ignored) in a folder of its own, with node_modules linked but not its caches. */
function copyProject(): void {
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {}).stdout.split('\n').filter(Boolean);
  for (const f of files) {
    const from = path.join(ROOT, f);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(project, f)), { recursive: true });
    cpSync(from, path.join(project, f));
  }
  mkdirSync(path.join(project, 'node_modules'));
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry === '.astro' || entry === '.cache' || entry === '.vite') continue;
    symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(project, 'node_modules', entry));
  }
}

interface Sample {
  seconds: number;
  /** Largest single process; and all of the build's processes at one moment. */
  peakMiB: number;
  totalMiB: number;
  /** Phases from the build's log, in seconds. */
  phases: Record<string, number>;
  /** Routes Astro rendered, and routes it copied from its incremental cache (unchanged data and code). */
  rendered: number;
  copied: number;
}

// Peak memory of every process a build starts, sampled on a thread (scripts/bench-memory.ts).
const memory = new Int32Array(new SharedArrayBuffer(12));
const sampler = new Worker(new URL('./bench-memory.ts', import.meta.url), { workerData: { root: process.pid, buffer: memory.buffer } });
sampler.unref();

/**
 * Runs a command under /usr/bin/time -v in the copy; returns wall time, peak memory (of its
 * largest process, and of all its processes at one moment) and its output.
 */
function timed(
  args: string[],
  env: Record<string, string>,
  cwd = project,
): { seconds: number; peakMiB: number; totalMiB: number; output: string } {
  Atomics.store(memory, 1, 0);
  Atomics.store(memory, 2, 0);
  Atomics.store(memory, 0, 1);
  const r = run('/usr/bin/time', ['-v', ...args], { ...env, ASTRO_TELEMETRY_DISABLED: '1' }, cwd);
  Atomics.store(memory, 0, 0);
  const field = (name: string) => new RegExp(`${name}: (.+)`).exec(r.stderr)?.[1] ?? '';
  const clock = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number);
  const seconds = clock.reduce((acc, part) => acc * 60 + part, 0);
  const timePeak = Number(field('Maximum resident set size \\(kbytes\\)'));
  return {
    seconds,
    peakMiB: Math.max(timePeak, Atomics.load(memory, 1)) / 1024,
    totalMiB: Math.max(timePeak, Atomics.load(memory, 2)) / 1024,
    output: plainOutput(r),
  };
}

function build(env: Record<string, string> = {}): Sample {
  const { seconds, peakMiB, totalMiB, output } = timed([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], {
    CONTENT_DIR: content,
    CARD_CACHE_DIR: caches.cards,
    SEARCH_CACHE_DIR: caches.search,
    BUILD_NOW: '2098-01-01T00:00:00Z',
    ...env,
  });
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? Number.NaN);
  // Astro's "Completed in …" reads 850ms, 12.34s or 2m 5s.
  const astroTime = (re: RegExp) => {
    const m = re.exec(output);
    if (!m) return Number.NaN;
    const [, ms, s, min, minS] = m;
    if (ms !== undefined) return Number(ms) / 1000;
    if (s !== undefined) return Number(s);
    return Number(min) * 60 + Number(minS);
  };
  const completed = String.raw`✓ Completed in (?:(\d+)ms|([\d.]+)s|(\d+)m (\d+)s)`;
  const count = (re: RegExp) => output.match(re)?.length ?? 0;
  const copied = count(/├─ \S+ \((?:restored|cached)\)/g);
  return {
    seconds,
    peakMiB,
    totalMiB,
    rendered: count(/├─ \//g) - copied,
    copied,
    phases: {
      // Astro's first "Completed" is everything up to and including the content sync.
      setup: astroTime(new RegExp(String.raw`\[build\] ${completed}`)),
      pages: astroTime(new RegExp(String.raw`generating static routes[\s\S]*?${completed}`)),
      search: searchLine(output)?.seconds ?? Number.NaN,
      cards: num(/social cards in ([\d.]+)s/),
      'cards wait': num(/the build waited ([\d.]+)s for them/),
    },
  };
}

const rows: { name: string; samples: Sample[] }[] = [];
/** A site built from the same articles in another generator, timed in turn with ours. */
interface Peer {
  /** As the table names it. */
  label: string;
  dir: string;
  /** The shared generator's --format, and where that format puts the articles. */
  format: string;
  articles: string;
  /** Our builds it follows, and the command (in its folder) for one build. */
  kinds: string[];
  command: string[];
  /** What Astro keeps between builds in that folder: emptied before each of its cold builds. */
  state: string[];
  /** The target for ours / peer, by kind. */
  targets: Record<string, string>;
}
/** Each peer's builds, by kind (cold, warm). */
const peerRows = new Map<Peer, Map<string, { seconds: number; peakMiB: number }[]>>();
function series(name: string, before: () => void, env: Record<string, string> = {}): void {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    samples.push(build(env));
    process.stderr.write(`  ${name} #${i + 1}: ${samples.at(-1)?.seconds.toFixed(1)} s\n`);
    for (const peer of peers) {
      if (!peer.kinds.includes(name)) continue;
      const p = peerBuild(peer, name === 'cold');
      const byKind = peerRows.get(peer) ?? new Map();
      byKind.set(name, [...(byKind.get(name) ?? []), p]);
      peerRows.set(peer, byKind);
      process.stderr.write(`  ${peer.label} ${name} #${i + 1}: ${p.seconds.toFixed(1)} s\n`);
    }
  }
  rows.push({ name, samples });
}

/** One build of a peer; a cold one first empties its data store and output. */
function peerBuild(peer: Peer, cold: boolean): { seconds: number; peakMiB: number } {
  if (cold) for (const d of peer.state) rmSync(path.join(peer.dir, d), { recursive: true, force: true });
  return timed(peer.command, {}, peer.dir);
}

copyProject();
const generator = makeCorpus(work, articles);
process.stderr.write(`bench: ${articles} articles from ${generator}; project copy in ${project}\n`);
// Astro's bin script, whatever its file is called in the peer's Astro version.
const astro = [process.execPath, 'node_modules/.bin/astro', 'build'];
const astroState = ['node_modules/.astro', '.astro', 'dist'];
const peers: Peer[] = [];
if (values.peer) {
  peers.push({
    label: "Astro's blog example",
    dir: path.resolve(values.peer),
    format: 'astro-blog',
    articles: 'src/content/blog',
    kinds: ['cold', 'warm'],
    command: astro,
    state: astroState,
    targets: { warm: '≤ 1.0' },
  });
}
if (values.paper) {
  const dir = path.resolve(values.paper);
  const script = `${astro.map((a) => JSON.stringify(a)).join(' ')} && node_modules/.bin/pagefind --site dist`;
  peers.push({
    label: 'AstroPaper',
    dir,
    format: 'astro-paper',
    articles: 'src/data/blog',
    kinds: ['cold'],
    command: ['/bin/sh', '-c', script],
    state: astroState,
    targets: { cold: '≤ 0.25' },
  });
}
for (const peer of peers) {
  // The same seed and count in the peer's layout: the shared generator writes the same articles.
  if (!generator.endsWith('gen-corpus.mjs') || !existsSync(path.join(peer.dir, 'node_modules/astro'))) {
    console.error(
      `--peer and --paper need ../shared/bench/gen-corpus.mjs and a peer folder with its npm dependencies installed (${peer.dir})`,
    );
    process.exit(2);
  }
  const peerCorpus = path.join(work, `corpus-${peer.format}`);
  run(process.execPath, [generator, '--out', peerCorpus, '--articles', String(articles), '--format', peer.format]);
  rmSync(path.join(peer.dir, peer.articles), { recursive: true, force: true });
  cpSync(path.join(peerCorpus, peer.articles), path.join(peer.dir, peer.articles), { recursive: true });
  // Once untimed, like our first build below: Vite's dependency pre-bundling and the like.
  peerBuild(peer, true);
}

const coldCaches = () => {
  for (const dir of Object.values(caches)) rmSync(dir, { recursive: true, force: true });
};
// Vite's dependency pre-bundling and the like, once, so the first cold build is like the others.
build({ CARDS: 'off' });
series('cold', coldCaches);
series('warm', () => {});
// A search on the full index, before the comments below make the next builds index a delta beside it.
const searchAfterWarm = await searchBytes();
let comments = 0;
const commented =
  readdirSync(path.join(content, 'articles'))
    .find((f) => f.endsWith('.md'))
    ?.replace(/\.md$/, '') ?? '';
series('one comment', () => {
  comments++;
  const dir = path.join(content, 'comments', commented);
  mkdirSync(dir, { recursive: true });
  const date = new Date(Date.UTC(2097, 0, 1, 12, comments)).toISOString();
  writeFileSync(
    path.join(dir, `bench-${comments}.md`),
    `---\nauthor: Bench Reader\ndate: ${date}\n---\n\nOne more comment, number ${comments}, to time the rebuild after it.\n`,
  );
});
series('warm, CARDS=off', () => {}, { CARDS: 'off' });

const checks: number[] = [];
for (let i = 0; i < runs; i++) checks.push(timed([process.execPath, 'scripts/check-content.ts'], { CONTENT_DIR: content }).seconds);

/** Bytes one search fetches in Chromium on the build in `out` now, as a line of the table's footer. */
async function searchBytes(): Promise<string> {
  if (!values.search) return 'skipped (--no-search)';
  try {
    const { fetched, status } = await measureQuery(out, `q=${encodeURIComponent(values.query)}`);
    const gzip = fetched.reduce((s, f) => s + f.gzip, 0);
    const paths = fetched.map((f) => new URL(f.url).pathname);
    const shards = new Set(paths.map((p) => /^\/pagefind\/(shard-\d+)\//.exec(p)?.[1] ?? '')).size;
    const delta = `, ${shards} base index${shards === 1 ? '' : 'es'}${paths.some((p) => p.startsWith('/pagefind/delta/')) ? ' and a delta' : ', no delta'}`;
    return `${(gzip / 1024).toFixed(1)} KiB gzipped in ${fetched.length} requests for "${values.query}" (${status}${delta}); budget 300 KiB at 10,000 articles`;
  } catch (err) {
    return `not measured: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}
const searchLines = [searchAfterWarm, await searchBytes()];

const f1 = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
const phaseNames = ['setup', 'pages', 'search', 'cards', 'cards wait'];
console.log(`\n${articles} articles (${generator}), median of ${runs}; seconds unless marked\n`);
console.log(
  `| build | wall | per article (ms) | peak MiB (largest process) | peak MiB (all processes) | rendered / copied | ${phaseNames.join(' | ')} |`,
);
console.log(`|---|---|---|---|---|---|${phaseNames.map(() => '---').join('|')}|`);
for (const { name, samples } of rows) {
  const wall = median(samples.map((s) => s.seconds));
  const phases = phaseNames.map((p) => f1(median(samples.map((s) => s.phases[p] ?? Number.NaN))));
  const peak = Math.max(...samples.map((s) => s.peakMiB));
  const total = Math.max(...samples.map((s) => s.totalMiB));
  const last = samples.at(-1);
  const routes = last ? `${last.rendered} / ${last.copied}` : '–';
  console.log(
    `| ${name} | ${f1(wall)} | ${((wall * 1000) / articles).toFixed(1)} | ${peak.toFixed(0)} | ${total.toFixed(0)} | ${routes} | ${phases.join(' | ')} |`,
  );
}
const cold = median(rows[0]?.samples.map((s) => s.seconds) ?? []);
const oneComment = median(rows[2]?.samples.map((s) => s.seconds) ?? []);
console.log(`\none comment / cold: ${(oneComment / cold).toFixed(2)} (target ≤ 0.30 at 10,000 articles)`);
console.log(`check: ${f1(median(checks))} s (target ≤ 5 s at 10,000 articles)`);
console.log(`search after the warm build: ${searchLines[0]}`);
console.log(`search after the last build: ${searchLines[1]}`);
for (const [peer, byKind] of peerRows) {
  for (const [kind, samples] of byKind) {
    const oursSeconds = rows.find((r) => r.name === kind)?.samples.map((s) => s.seconds) ?? [];
    const theirSeconds = samples.map((s) => s.seconds);
    const ours = median(oursSeconds);
    const theirs = median(theirSeconds);
    const peakMiB = Math.max(...samples.map((s) => s.peakMiB));
    const target = peer.targets[kind] ? ` (target ${peer.targets[kind]})` : '';
    const pairs = pairRatios(oursSeconds, theirSeconds);
    const byPair = pairs ? `; pair by pair ${pairs.median.toFixed(2)} (${pairs.min.toFixed(2)}–${pairs.max.toFixed(2)})` : '';
    console.log(
      `${peer.label}, ${kind}: ${f1(theirs)} s, peak ${peakMiB.toFixed(0)} MiB; ours / peer: ${(ours / theirs).toFixed(2)}${target}${byPair}`,
    );
  }
}

if (values.keep) console.error(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
