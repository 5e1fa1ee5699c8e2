import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { nodeProblem as check } from '../../scripts/node-guard.mjs';

test('Node 20 and 22.11 are refused with a message that says how to fix it', () => {
  expect(check('20.20.2', '/usr/bin/node')).toMatchInlineSnapshot(`
    "Backchannel needs Node >= 22.12, but this script runs under Node 20.20.2 (/usr/bin/node).
    The project pins Node 24 as a devDependency: run \`npm ci\` so node_modules/node/bin exists,
    then use \`npm run …\` / \`npx …\`, which put node_modules/.bin first on PATH."
  `);
  expect(check('22.11.0')?.split('\n')[0]).toBe('Backchannel needs Node >= 22.12, but this script runs under Node 22.11.0.');
});

test('Node 22.12, 24 and later pass', () => {
  for (const v of ['22.12.0', '23.0.0', '24.21.0', '26.1.0']) expect(check(v), v).toBeUndefined();
});

const guard = (version?: string) =>
  spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/node-guard.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, NODE_GUARD_VERSION: version ?? '' },
  });

test('the script stops an npm script under an old Node: exit 1 and the fix on stderr', () => {
  for (const version of ['20.20.2', '22.11.0']) {
    const r = guard(version);
    expect(r.status, version).toBe(1);
    expect(r.stderr, version).toBe(`\n${check(version, process.execPath)}\n\n`);
  }
});

test('the script lets 22.12 and the Node that runs the tests through, silently', () => {
  for (const version of ['22.12.0', undefined]) {
    const r = guard(version);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, version ?? process.versions.node).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  }
});
