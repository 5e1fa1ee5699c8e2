import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { md, writeTree } from '../fixtures/write-tree.ts';

const root = path.resolve(import.meta.dirname, '../..');
const content = mkdtempSync(path.join(tmpdir(), 'backchannel-check-'));
writeTree(content, {
  'authors/jp.md': md('name: Joe'),
  'articles/hello.md': md('title: Hello\ndate: 2010-07-14\nauthor: jp', 'Text.'),
});
afterAll(() => rmSync(content, { recursive: true, force: true }));

const check = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/check-content.ts'), ...args], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: content },
    encoding: 'utf8',
  });

describe('npm run check parses its arguments like the other tools', () => {
  test('valid content passes; --quiet prints nothing', () => {
    const loud = check();
    expect(loud.status).toBe(0);
    expect(loud.stdout).toMatch(/^✓ .*: 1 articles, 1 authors, 0 pages, 0 comments; no problems \(\d+ ms\)\n$/);
    expect(check('--quiet')).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  test('an unknown flag is a usage error (exit 2) that points at --help', () => {
    const r = check('--qiuet');
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
    expect(r.stderr).toMatchInlineSnapshot(`
      "check: Unknown option '--qiuet'
      Run \`npm run check -- --help\` for usage.
      "
    `);
  });

  test('a folder given as an argument is refused: CONTENT_DIR names it', () => {
    const r = check('content/');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatchInlineSnapshot(`
      "check: argument: takes no arguments (set CONTENT_DIR to check another folder)
      Run \`npm run check -- --help\` for usage.
      "
    `);
  });

  test('--help prints the usage and exits 0', () => {
    const r = check('--help');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: npm run check [-- --quiet]');
  });
});
