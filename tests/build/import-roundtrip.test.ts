import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import yaml from 'js-yaml';
import { type HTMLElement, parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, OUTPUT, ROOT } from '../support/astro-build.ts';
import { page, text } from '../support/html.ts';

// The whole way a blog arrives: WordPress export and Staticman data imported with the real
// commands, the site built, and every approved comment found once on its page, under the
// parent it had in the source. Expectations are read from the fixtures here, not from the importer.

const WXR = path.join(ROOT, 'tests/fixtures/wordpress/theme-unit.xml');
const MM = path.join(ROOT, 'tests/fixtures/staticman-mm');
const dist = path.join(OUTPUT, 'import-roundtrip');
const work = mkdtempSync(path.join(tmpdir(), 'backchannel-roundtrip-'));
const content = path.join(work, 'content');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
const run = (script: string, ...args: string[]): Run => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: content },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const lastLine = (r: Run) => r.stdout.trim().split('\n').at(-1);

/** A comment as the source has it: where it must appear and what it answers. */
interface Expected {
  page: string;
  text: string;
  parentText?: string | undefined;
}

/** Approved WordPress comments on published posts, read straight from the export. */
function wordpressExpectations(): { expected: Expected[]; onPages: number } {
  const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'item' || n === 'wp:comment' }).parse(readFileSync(WXR, 'utf8'));
  const expected: Expected[] = [];
  let onPages = 0;
  for (const item of doc.rss.channel.item) {
    const approved = (item['wp:comment'] ?? []).filter(
      (c: Record<string, string>) =>
        String(c['wp:comment_approved']) === '1' && ['', 'comment'].includes(String(c['wp:comment_type'] ?? '')),
    );
    if (item['wp:post_type'] === 'page') onPages += approved.length;
    if (item['wp:post_type'] !== 'post' || item['wp:status'] !== 'publish' || String(item['wp:post_password'] ?? '')) continue;
    const url = new URL(item.link).pathname;
    const byId = new Map<string, string>(
      approved.map((c: Record<string, string>) => [String(c['wp:comment_id']), c['wp:comment_content']]),
    );
    for (const c of approved) {
      expected.push({
        page: url,
        text: String(c['wp:comment_content']).replace(/<[^>]+>/g, ''),
        parentText: byId.get(String(c['wp:comment_parent']))?.replace(/<[^>]+>/g, ''),
      });
    }
  }
  return { expected, onPages };
}

/**
 * Staticman entries as the Minimal Mistakes template shows them: replying_to counts the post's
 * top-level entries in file-name order. A bot (hidden filled in) is not shown; a comment whose
 * date is out of range is lost, and a reply to it starts a thread.
 */
function staticmanExpectations(): Expected[] {
  const map = JSON.parse(readFileSync(path.join(MM, 'article-map.json'), 'utf8')) as Record<string, string>;
  const pages: Record<string, string> = {
    'microsoft-channel-chief-concedes-i-need-to-learn-about-msps':
      '/2010/07/14/microsoft-channel-chief-concedes-i-need-to-learn-about-msps/',
    'from-var-to-msp-notes-from-one-year-of-recurring-revenue': '/2010/11/03/from-var-to-msp-notes-from-one-year-of-recurring-revenue/',
  };
  const expected: Expected[] = [];
  for (const post of readdirSync(path.join(MM, '_data/comments'))) {
    const dir = path.join(MM, '_data/comments', post);
    const entries = readdirSync(dir)
      .sort()
      .map((f) => yaml.load(readFileSync(path.join(dir, f), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>);
    const shown = (e: Record<string, unknown>) => !e.hidden && !String(e.date).startsWith('+');
    const topLevel = entries.filter((e) => !e.replying_to);
    for (const e of entries.filter(shown)) {
      const parent = e.replying_to ? topLevel[Number(e.replying_to) - 1] : undefined;
      expected.push({
        page: pages[map[post] as string] as string,
        text: String(e.message).split(/\r?\n/)[0] as string,
        parentText: parent && shown(parent) ? String(parent.message).split(/\r?\n/)[0] : undefined,
      });
    }
  }
  return expected;
}

/** The comment article whose body contains `snippet`, and the one its thread places it under. */
function placed(doc: HTMLElement, snippet: string) {
  const matches = doc.querySelectorAll('article.comment').filter((a) => text(a.querySelector('.comment-body')).includes(snippet));
  const li = matches[0]?.parentNode as HTMLElement | undefined;
  const list = li?.parentNode as HTMLElement | undefined;
  const parentLi = list?.classList.contains('comment-replies') ? (list.parentNode as HTMLElement) : undefined;
  const parent = parentLi?.querySelector(':scope > article.comment');
  return { count: matches.length, parentBody: parent ? text(parent.querySelector('.comment-body')) : undefined };
}

let wp: Run;
let smStrict: Run;
let sm: Run;
beforeAll(() => {
  wp = run('import-wordpress.ts', WXR);
  // The Staticman fixture's articles come from the sample site, with their authors.
  for (const slug of [
    'microsoft-channel-chief-concedes-i-need-to-learn-about-msps',
    'from-var-to-msp-notes-from-one-year-of-recurring-revenue',
  ])
    cpSync(path.join(ROOT, 'content/articles', `${slug}.md`), path.join(content, 'articles', `${slug}.md`));
  for (const f of readdirSync(path.join(ROOT, 'content/authors')))
    cpSync(path.join(ROOT, 'content/authors', f), path.join(content, 'authors', f));
  const smArgs = [
    path.join(MM, '_data/comments'),
    '--article-map',
    path.join(MM, 'article-map.json'),
    '--staff',
    'Joe Panettieri=joe-panettieri',
  ];
  smStrict = run('import-staticman.ts', ...smArgs);
  sm = run('import-staticman.ts', ...smArgs, '--allow-rethread');
  const prev = process.env.CARDS;
  process.env.CARDS = 'off';
  try {
    const r = astroBuild({ contentDir: content, outDir: dist });
    if (r.status !== 0) throw new Error(`build of the imported site failed:\n${r.output}`);
  } finally {
    if (prev === undefined) delete process.env.CARDS;
    else process.env.CARDS = prev;
  }
}, 300_000);

describe('import → build', () => {
  test('the imports end with the comment tally; lost or re-threaded comments fail until accepted', () => {
    expect([wp.status, lastLine(wp)]).toEqual([
      0,
      'Comments: 6 imported (3 replies under their parent), 0 re-threaded, 0 lost, 3 left out on purpose (spam 1, on a page (pages have no comment threads) 2)',
    ]);
    expect([smStrict.status, lastLine(smStrict)]).toEqual([
      1,
      'Comments: 11 imported (6 replies under their parent), 1 re-threaded, 1 lost (date out of range 1), 1 left out on purpose (honeypot field filled in (a bot) 1)',
    ]);
    expect(smStrict.stderr).toContain('--allow-rethread');
    expect([sm.status, lastLine(sm)]).toEqual([0, lastLine(smStrict)]);
  });

  test('every approved WordPress comment is on its page once, under its parent; page comments are the counted decision', () => {
    const { expected, onPages } = wordpressExpectations();
    expect(expected.length).toBeGreaterThan(0);
    for (const e of expected) {
      const got = placed(page(dist, e.page), e.text);
      expect({ ...got, text: e.text }).toEqual({ count: 1, parentBody: e.parentText, text: e.text });
    }
    expect(lastLine(wp)).toContain(`on a page (pages have no comment threads) ${onPages}`);
  });

  test('every shown Staticman comment is on its article once, under the entry it answered', () => {
    const expected = staticmanExpectations();
    expect(expected).toHaveLength(11);
    for (const e of expected) {
      const got = placed(page(dist, e.page), e.text);
      expect({ ...got, text: e.text }).toEqual({
        count: 1,
        parentBody: e.parentText === undefined ? undefined : expect.stringContaining(e.parentText),
        text: e.text,
      });
    }
  });

  test('the site takes its name from the export, and old page URLs redirect', () => {
    const home = page(dist, '/');
    expect(text(home.querySelector('title'))).toContain('Theme Unit Test & Friends');
    for (const [old, target] of [
      ['/about/clearing-floats/', '/clearing-floats/'],
      ['/level-1/level-2/', '/level-2/'],
    ]) {
      expect(existsSync(path.join(dist, target as string, 'index.html'))).toBe(true);
      expect(
        page(dist, old as string)
          .querySelector('meta[http-equiv="refresh"]')
          ?.getAttribute('content'),
      ).toBe(`0; url=${target}`);
    }
  });

  test('titles with markup, body h1s, sub/sup and captions come out as readers need them', () => {
    const titled = page(dist, '/2013/01/05/markup-title-with-markup/');
    expect(titled.querySelectorAll('h1').map((h) => h.innerHTML.trim())).toEqual(['Markup: Title With Markup']);
    const blocks = page(dist, '/2018/11/03/block-preformatted/');
    expect(blocks.querySelectorAll('h1')).toHaveLength(1);
    const prose = blocks.querySelector('.prose');
    expect(prose?.querySelectorAll('sup, sub').map((e) => `${e.tagName}:${text(e)}`)).toEqual(['SUP:2', 'SUB:2']);
    expect(text(prose?.querySelector('figure figcaption'))).toBe('A boat on a lake');
    // node-html-parser keeps <pre> as raw text: parse its inside to read the code's lines.
    const code = prose?.querySelectorAll('pre').map((pre) => parse(pre.innerHTML).textContent) ?? [];
    expect(code[0]?.split('\n').slice(0, 2)).toEqual(['The Road Not Taken', 'Two roads diverged in a yellow wood,']);
  });
});
