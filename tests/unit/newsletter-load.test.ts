import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/lib/content/load.ts';
import { parseMarkdownFile } from '../../src/lib/content/parse.ts';
import { Reader } from '../../src/lib/content/reader.ts';
import { commentSchema } from '../../src/lib/content/schema.ts';
import { loadDigestFiles } from '../../src/lib/newsletter/load.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { type CommentTarget, normaliseSubmission, planComment } from '../../src/lib/tools/submission.ts';

/** A project folder whose content/newsletter/ holds `files`; returns content/newsletter/. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsletter-load-'));
  const nl = path.join(dir, 'content/newsletter');
  mkdirSync(nl, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(nl, name), text);
  return nl;
}
/** Reads content/newsletter/ the way loadCorpus does; paths shown relative to the project folder. */
function load(dir: string, comments?: Set<string>) {
  const contentDir = path.dirname(dir);
  const r = new Reader({ contentDir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: path.dirname(contentDir) });
  const digests = loadDigestFiles(r, comments);
  return { digests, problems: r.problems };
}

describe('digest files in content/newsletter/', () => {
  test('a valid file gives its intro, picks and events, dates read in the site time zone', () => {
    const dir = folder({
      '2010-07-12.md': `---
title: "WPC week: the MSP question"
picks: [microsoft-channel-chief/2010-07-14t1802-erik-walczak]
events:
  - name: WPC 2011
    date: 2011-07-10
    end: 2011-07-14
    location: Los Angeles
    url: https://example.com/wpc
---

The intro, in **Markdown**.
`,
    });
    const { digests, problems } = load(dir, new Set(['microsoft-channel-chief/2010-07-14t1802-erik-walczak']));
    expect(problems).toEqual([]);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.key).toBe('2010-07-12');
    expect(digests[0]?.intro).toBe('The intro, in **Markdown**.');
    expect(digests[0]?.events[0]?.date.toISOString()).toBe('2011-07-10T04:00:00.000Z');
  });

  test('typos, wrong types, bad picks and bad names fail with file: field: what to do', () => {
    const dir = folder({
      '2010-07-12.md': `---
titel: Oops
picks: [no-slash, a/b, a/b]
events:
  - name: Past
    date: July 10
  - name: Backwards
    date: 2011-07-14
    end: 2011-07-10
    url: javascript:alert(1)
---
`,
      '2010-07-19.md': `---
picks: [known/missing]
---
`,
      'notes.md': 'x',
    });
    const { digests, problems } = load(dir, new Set(['a/b']));
    expect(digests).toEqual([]);
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "content/newsletter/2010-07-12.md: picks.0: each pick must be <article-slug>/<comment-id>, the comment file path without .md",
        "content/newsletter/2010-07-12.md: picks: lists a comment twice; remove the repeat",
        "content/newsletter/2010-07-12.md: events.0.date: must be a date like 2011-07-10 (or 2011-07-10T09:00:00-07:00), not "July 10"",
        "content/newsletter/2010-07-12.md: events.1.url: must be an http:// or https:// URL",
        "content/newsletter/2010-07-12.md: events.1.end: is before date; swap them or fix the day",
        "content/newsletter/2010-07-12.md: titel: unknown field; check its spelling or remove it",
        "content/newsletter/2010-07-19.md: picks.0: "known/missing" names no comment; it must be <article-slug>/<comment-id> of a file content/comments/known/<comment-id>.md",
        "content/newsletter/notes.md: is not named <yyyy-mm-dd>.md; name a digest file after the first day of its week, e.g. 2010-07-12.md",
      ]
    `);
  });

  test('a symbolic link is refused, not followed', () => {
    const dir = folder({});
    symlinkSync('/etc/passwd', path.join(dir, '2010-07-12.md'));
    expect(load(dir).problems.map(formatProblem)).toEqual([
      'content/newsletter/2010-07-12.md: is a symbolic link; content must be real files (replace the link with the file itself)',
    ]);
  });

  test('no folder means no digest files, not an error', () => {
    expect(load('/nonexistent/content/newsletter')).toEqual({ digests: [], problems: [] });
  });
});

describe('who may feature a comment', () => {
  test('a reader cannot: the comment tool never writes a submitted featured field', () => {
    const target: CommentTarget = { slug: 'hello', date: new Date('2010-07-14T04:00:00Z'), commentsClosed: false, commentIds: [] };
    for (const raw of [
      { name: 'Mallory', message: 'Pick me', featured: true },
      { 'fields[name]': 'Mallory', 'fields[message]': 'Pick me', 'fields[featured]': 'true', 'options[slug]': 'hello' },
    ]) {
      const planned = planComment(normaliseSubmission(raw).fields, target, {
        timeZone: 'America/New_York',
        now: new Date('2026-11-27T20:04:00Z'),
      });
      expect(parseMarkdownFile(planned.file.text).data).not.toHaveProperty('featured');
    }
  });

  test('a moderator can: featured: true in the comment file, and nothing but a boolean', () => {
    const schema = commentSchema('America/New_York');
    expect(schema.parse({ author: 'A', date: '2010-07-14', featured: true }).featured).toBe(true);
    expect(schema.safeParse({ author: 'A', date: '2010-07-14', featured: 'true' }).success).toBe(false);
  });
});

describe('npm run check reads content/newsletter/ with the rest of the content', () => {
  test('a pick of a missing comment is reported with the file and field; a real one passes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsletter-corpus-'));
    const files: Record<string, string> = {
      'authors/jp.md': '---\nname: Joe Panettieri\n---\n',
      'articles/wpc.md': '---\ntitle: WPC\ndate: 2010-07-14\nauthor: jp\n---\n\nText.\n',
      'comments/wpc/c1.md': '---\nauthor: Erik\ndate: 2010-07-14T18:02:00-04:00\nfeatured: true\n---\n\nGood.\n',
      'newsletter/2010-07-12.md': '---\npicks: [wpc/c1, wpc/nope]\n---\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const corpus = loadCorpus({ contentDir: dir, timeZone: 'America/New_York', permalink: '/:year/:month/:day/:slug/', cwd: dir });
    expect(corpus.problems.map(formatProblem)).toEqual([
      'newsletter/2010-07-12.md: picks.1: "wpc/nope" names no comment; it must be <article-slug>/<comment-id> of a file content/comments/wpc/<comment-id>.md',
    ]);
    expect(corpus.comments[0]?.featured).toBe(true);
  });
});
