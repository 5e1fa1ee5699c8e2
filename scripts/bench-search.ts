import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'node-html-parser';
import { makeCorpus, measureQuery, plainOutput, run, searchLine } from './bench-support.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    // A word in about half the generated articles, one in a few percent, and a vendor name.
    query: { type: 'string', multiple: true, default: ['azure', 'ransomware', 'Huntress'] },
    dist: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 1) {
  console.error('usage: node scripts/bench-search.ts [--articles N (≥1)] [--query WORDS]… [--dist DIR] [--keep] [--verbose]');
  process.exit(2);
}
/** The target for one query on a 10,000-article site, library included (issue #6). */
const QUERY_BUDGET = 300 * 1024;

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** What a fetched file of the bundle is, for the per-kind line of each query. */
function kindOf(url: string): string {
  const name = new URL(url).pathname.replace(/^.*\/pagefind\//, '');
  if (/^(pagefind(-worker)?\.js|wasm\..*\.pagefind)$/.test(name)) return 'library';
  if (name === 'pagefind-entry.json') return 'entry';
  if (name.endsWith('.pf_meta')) return 'meta';
  const folder = name.split('/')[0];
  return folder === 'index' || folder === 'filter' || folder === 'fragment' ? folder : 'other';
}
const KINDS = ['library', 'entry', 'meta', 'index', 'filter', 'fragment', 'other'];

/** Generates the corpus and builds it; returns the output folder and what the build reported. */
function buildCorpus(root: string): string {
  const content = path.join(root, 'content');
  const out = path.join(root, 'dist');
  const generator = makeCorpus(root, articles);

  const started = performance.now();
  const build = run(process.execPath, [path.resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out], {
    ASTRO_TELEMETRY_DISABLED: '1',
    CONTENT_DIR: content,
    BUILD_NOW: '2098-01-01T00:00:00Z',
    CARDS: 'off',
    // A fresh search cache, so the index is really built (an identical earlier build would be reused).
    SEARCH_CACHE_DIR: path.join(root, 'search-cache'),
  });
  const seconds = (performance.now() - started) / 1000;
  const log = plainOutput(build);
  const indexed = searchLine(log);
  if (indexed?.indexed === undefined) throw new Error(`the build did not report indexing:\n${log}`);
  console.log(`search benchmark: ${articles} articles (corpus from ${generator})`);
  console.log(`  build (cards off):   ${seconds.toFixed(1)} s`);
  console.log(
    `  index time:          ${indexed.seconds.toFixed(1)} s (${indexed.indexed} articles indexed of ${indexed.read} HTML files read)`,
  );
  return out;
}

function reportDisk(out: string): void {
  const bundle = path.join(out, 'pagefind');
  const files = (readdirSync(bundle, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => ({ name, stat: statSync(path.join(bundle, name)) }))
    .filter((f) => f.stat.isFile());
  const total = files.reduce((s, f) => s + f.stat.size, 0);
  // Pagefind also writes its ready-made UIs; the search page uses only the JS API.
  const unusedUi = files
    .filter((f) => /^pagefind-(ui|component-ui|modular-ui|highlight)\./.test(f.name))
    .reduce((s, f) => s + f.stat.size, 0);
  const count = (dir: string) => files.filter((f) => f.name.startsWith(`${dir}/`)).length;
  console.log(
    `  index on disk:       ${kib(total)} in ${files.length} files (${kib(total - unusedUi)} without Pagefind's unused UI bundles)`,
  );
  console.log(`                       index chunks ${count('index')}, fragments ${count('fragment')}, filters ${count('filter')}`);
}

const root = values.dist ? undefined : mkdtempSync(path.join(tmpdir(), 'bench-search-'));
const out = values.dist ? path.resolve(values.dist) : buildCorpus(root as string);
reportDisk(out);

// The topic with the most articles, as the search page offers it ("MSP (123)").
const topic = parse(readFileSync(path.join(out, 'search/index.html'), 'utf8'))
  .querySelectorAll('#search-tag option')
  .map((o) => ({ value: o.getAttribute('value') ?? '', count: Number(/\((\d+)\)$/.exec(o.textContent.trim())?.[1] ?? 0) }))
  .sort((a, b) => b.count - a.count)[0]?.value;

const over: string[] = [];
for (const word of values.query) {
  const q = encodeURIComponent(word);
  // Newest first (the default), best match first, and narrowed to the largest topic.
  for (const search of [`q=${q}`, `q=${q}&sort=relevance`, `q=${q}&tag=${topic}`]) {
    const { status, fetched } = await measureQuery(out, search);
    const bytes = fetched.reduce((s, f) => s + f.bytes, 0);
    const gzip = fetched.reduce((s, f) => s + f.gzip, 0);
    if (gzip > QUERY_BUDGET) over.push(`${search} (${kib(gzip)})`);
    console.log(
      `  /search/?${search.padEnd(32)} ${String(fetched.length).padStart(2)} requests, ${kib(bytes).padStart(10)} as served, ${kib(gzip).padStart(10)} with JS/JSON gzipped  "${status}"`,
    );
    const byKind = KINDS.map((k) => {
      const files = fetched.filter((f) => kindOf(f.url) === k);
      return { k, n: files.length, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
    }).filter((x) => x.n > 0);
    console.log(`      gzipped by kind: ${byKind.map((x) => `${x.k} ${kib(x.gzip)}${x.n > 1 ? ` (${x.n} files)` : ''}`).join(', ')}`);
    if (values.verbose) for (const f of fetched) console.log(`      ${kib(f.gzip).padStart(10)}  ${new URL(f.url).pathname}`);
  }
}
console.log(
  over.length === 0
    ? `  every query within ${kib(QUERY_BUDGET)}`
    : `  over ${kib(QUERY_BUDGET)}: ${over.join(', ')}${articles < 10_000 && !values.dist ? ' (the target is for 10,000 articles)' : ''}`,
);

if (root && values.keep) console.log(`kept ${root}`);
else if (root) rmSync(root, { recursive: true, force: true });
