import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseMarkdownFile } from '../../src/lib/content/parse.ts';
import { authorSchema } from '../../src/lib/content/schema.ts';
import { parseCommandLine } from '../../src/lib/tools/cli.ts';
import { newAuthorArgs, newAuthorOptions, planNewAuthor } from '../../src/lib/tools/new-author.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ctx = { authorIds: ['joe-panettieri'], contentLabel: 'imported' };
const args = (...argv: string[]) => parseCommandLine(argv, newAuthorOptions, newAuthorArgs);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run new:author', () => {
  test('writes a valid author file named after the person', () => {
    const a = planNewAuthor(args('María Delgado', '--title', 'Editor', '--url', 'https://maria.example.com'), ctx);
    expect(a.id).toBe('maria-delgado');
    expect(a.file.path).toBe('authors/maria-delgado.md');
    const { data, body } = parseMarkdownFile(a.file.text);
    expect(data).toEqual({ name: 'María Delgado', title: 'Editor', url: 'https://maria.example.com' });
    expect(authorSchema.safeParse(data).success).toBe(true);
    expect(body.trim()).not.toBe('');
  });

  test('an existing id is refused without --force, naming the real content folder', () => {
    expect(() => planNewAuthor(args('Joe Panettieri'), ctx)).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: imported/authors/joe-panettieri.md already exists; pick another --id, or add --force to replace it]`,
    );
    expect(planNewAuthor(args('Joe Panettieri', '--force'), ctx).id).toBe('joe-panettieri');
  });

  test('a bad url or a name without letters is a message, not a file', () => {
    expect(() => planNewAuthor(args('X', '--url', 'javascript:alert(1)'), ctx)).toThrow(
      /imported\/authors\/x\.md would be invalid:\n.*url: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => planNewAuthor(args('日本'), ctx)).toThrow('give one with --id');
    expect(planNewAuthor(args('日本', '--id', 'nihon'), ctx).id).toBe('nihon');
  });

  test('the command writes into CONTENT_DIR and an article can name the new author', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'backchannel-new-author-'));
    dirs.push(dir);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/new-author.ts'), 'Ada Lovelace'], {
      cwd: ROOT,
      env: { ...process.env, CONTENT_DIR: dir },
      encoding: 'utf8',
    });
    expect([r.status, r.stdout.trim().split('\n').at(-1)]).toEqual([0, 'Articles name this author with: author: ada-lovelace']);
    expect(parseMarkdownFile(readFileSync(path.join(dir, 'authors/ada-lovelace.md'), 'utf8')).data).toEqual({ name: 'Ada Lovelace' });
  });
});
