import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

// The benchmarks read figures out of the build's log lines; a reworded line makes them print "–"
// or stop. Both scripts run here on a tiny corpus (they copy the project and generate their own
// articles), and their reports are read back as a person would read them.

const ARTICLES = '12';

function runScript(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, `${script} failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The rows of the first Markdown table in `text`, as header → cell. */
function tableRows(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [head, , ...body] = lines;
  if (!head) return [];
  const names = cells(head);
  return body.map((line) => Object.fromEntries(cells(line).map((c, i) => [names[i] ?? String(i), c])));
}

const isNumber = (cell: string | undefined) => cell !== undefined && /^\d+(\.\d+)?$/.test(cell);

describe('npm run bench', () => {
  test('every build of the table has its wall time, memory and phases', { timeout: 600_000 }, () => {
    const out = runScript('scripts/bench.ts', ['--articles', ARTICLES, '--runs', '1']);
    const rows = tableRows(out);
    expect(rows.map((r) => r.build)).toEqual(['cold', 'warm', 'one comment', 'warm, CARDS=off']);
    for (const row of rows) {
      for (const column of ['wall', 'per article (ms)', 'peak MiB (largest process)', 'peak MiB (all processes)', 'setup', 'pages']) {
        expect(isNumber(row[column]), `${row.build}: ${column} = ${row[column]}`).toBe(true);
      }
      expect(row['rendered / copied'], row.build).toMatch(/^\d+ \/ \d+$/);
    }
    const [cold, warm, comment] = rows;
    // Only the cold build draws cards and indexes every page; a warm build renders almost nothing.
    for (const column of ['search', 'cards', 'cards wait']) expect(isNumber(cold?.[column]), `cold: ${column}`).toBe(true);
    expect(Number(warm?.['rendered / copied']?.split(' / ')[1])).toBeGreaterThan(0);
    expect(isNumber(comment?.search), 'one comment: search').toBe(true);
    expect(out).toMatch(/^one comment \/ cold: \d+\.\d\d /m);
    expect(out).toMatch(/^check: \d+\.\d s /m);
    const searches = out.split('\n').filter((l) => l.startsWith('search after'));
    expect(searches).toHaveLength(2);
    for (const line of searches) expect(line).toMatch(/: \d+\.\d KiB gzipped in \d+ requests for "azure" \(\d+ articles? match/);
  });
});

describe('npm run bench:search', () => {
  test('reports the index and what each query fetched', { timeout: 600_000 }, () => {
    const out = runScript('scripts/bench-search.ts', ['--articles', ARTICLES, '--query', 'azure']);
    const indexed = /index time: +([\d.]+) s \((\d+) articles indexed of (\d+) HTML files read\)/.exec(out);
    expect(indexed, out).not.toBeNull();
    // Generated corpora include drafts and scheduled articles, which are not published.
    expect(Number(indexed?.[2])).toBeGreaterThan(0);
    expect(Number(indexed?.[2])).toBeLessThanOrEqual(Number(ARTICLES));
    expect(out).toMatch(/index on disk: +[\d.]+ KiB in \d+ files/);
    // The status line each query ended with; a corpus may have no "azure" in its largest topic.
    const queries = out.split('\n').filter((l) => l.trim().startsWith('/search/?q=azure'));
    expect(queries).toHaveLength(3);
    for (const line of queries)
      expect(line).toMatch(
        / \d+ requests, +[\d.]+ KiB as served, +[\d.]+ KiB with JS\/JSON gzipped {2}"(\d+ articles? match(es)?|No articles match) “azure”/,
      );
    expect(out).toMatch(/every query within 300\.0 KiB|over 300\.0 KiB/);
  });
});
