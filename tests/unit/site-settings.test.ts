import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readSiteSettings } from '../../src/lib/config.ts';
import { planSettings } from '../../src/lib/import/finish.ts';
import { importWordPress } from '../../src/lib/import/wordpress.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const folder = (files: Record<string, string> = {}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backchannel-settings-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
};
const xml = readFileSync(path.resolve(import.meta.dirname, '../fixtures/wordpress/theme-unit.xml'), 'utf8');
const imported = () => importWordPress(xml, { timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/' });

describe('site.yml: the settings beside the content', () => {
  test('a WordPress import takes the title, tagline, origin, language and the most prolific author from the export', () => {
    expect(imported().settings).toEqual({
      title: 'Theme Unit Test & Friends',
      tagline: 'A site for testing themes',
      language: 'en-GB',
      url: 'https://wpthemetestdata.example.com',
      defaultAuthor: 'themedemos',
    });
  });

  test('what the import writes reads back as the same settings', () => {
    const dir = folder();
    const result = imported();
    planSettings(dir, result, false);
    const planned = result.files.find((f) => f.path === 'site.yml');
    writeFileSync(path.join(dir, 'site.yml'), planned?.text ?? '');
    expect(readSiteSettings(dir)).toEqual(result.settings);
  });

  test('a site.yml of the person’s own is kept unless --force, and the summary says so', () => {
    const dir = folder({ 'site.yml': 'title: My Own Title\n' });
    const kept = imported();
    planSettings(dir, kept, false);
    expect(kept.files.some((f) => f.path === 'site.yml')).toBe(false);
    expect(kept.notes.at(-1)).toBe(
      "site.yml exists and was kept; re-run with --force to replace it with the export's settings (title, tagline, language, url, defaultAuthor)",
    );
    const forced = imported();
    planSettings(dir, forced, true);
    expect(forced.files.some((f) => f.path === 'site.yml')).toBe(true);
  });

  test('no file means no settings; a misspelt field or a bad value names the file and the field', () => {
    expect(readSiteSettings(folder())).toEqual({});
    const dir = folder({ 'site.yml': 'titel: X\nurl: ftp://x.example\n' });
    const shown = path.relative(process.cwd(), path.join(dir, 'site.yml'));
    expect(() => readSiteSettings(dir)).toThrow(`${shown}: invalid site settings.`);
    expect(() => readSiteSettings(dir)).toThrow(/url: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => readSiteSettings(dir)).toThrow(/titel/);
    // The message is the whole report: no stack trace into the config loader.
    expect(() => readSiteSettings(dir)).toThrow(
      expect.objectContaining({ name: 'SiteSettingsError', stack: expect.stringMatching(/^[^\n]*site\.yml: invalid/) }),
    );
  });

  test('anchors and aliases in site.yml are refused like in any imported YAML', () => {
    const dir = folder({ 'site.yml': 'title: &a Hello\ntagline: *a\n' });
    expect(() => readSiteSettings(dir)).toThrow(/site\.yml: /);
  });

  test('flags set the settings instead of the export: a new address, another default author', () => {
    const dir = folder();
    const cli = (...extra: string[]) =>
      spawnSync(process.execPath, ['scripts/import-wordpress.ts', 'tests/fixtures/wordpress/theme-unit.xml', '--out', dir, ...extra], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        encoding: 'utf8',
      });
    const bad = cli('--default-author', 'nobody');
    expect([bad.status, bad.stderr.trim()]).toEqual([
      1,
      `import:wordpress: --default-author: "nobody" is neither in the export nor a file in ${dir}/authors/`,
    ]);
    expect(cli('--url', 'https://new.example.org', '--default-author', 'chipbennett').status).toBe(0);
    expect(readSiteSettings(dir)).toMatchObject({
      url: 'https://new.example.org',
      defaultAuthor: 'chipbennett',
      title: 'Theme Unit Test & Friends',
    });
  });
});
