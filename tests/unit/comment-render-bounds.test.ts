import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';
import { commentBodyProblem } from '../../src/lib/content/comment-body.ts';
import { LIMITS } from '../../src/lib/content/limits.ts';
import { prng } from '../support/prng.ts';

/**
 * Every comment body renders in bounded time, stack and output, whatever its text. Bodies within
 * the bounds of comment-body.ts render through the Markdown pipeline; bodies over them are refused
 * by the loader (so `npm run check` and the build agree) and, should a caller skip that, come out
 * as plain text. The budget is generous for a loaded 2-core CI machine: the worst shapes below
 * take about a tenth of it on an idle one.
 */
const BUDGET_MS = 3_000;
const L = LIMITS.comment;

function timed(md: string) {
  const reasons: string[] = [];
  const start = performance.now();
  const html = renderCommentMarkdown(md, { id: 'c1', onPlainText: (r) => reasons.push(r) });
  return { html, ms: performance.now() - start, reasons };
}

/** Fills `chars` characters with a repeated unit. */
const fill = (unit: string, chars: number = L.chars) => unit.repeat(Math.floor(chars / unit.length));

/** The shapes that cost most, each as large as the bounds allow (found by measuring, not guessing). */
const worstWithinBounds: Record<string, string> = {
  'quote and list markers at the depth limit on every line': `${'> - '.repeat(L.containerDepth / 2)}x\n`.repeat(
    L.containers / L.containerDepth,
  ),
  'brackets at the depth limit, repeated to the count limit':
    `${'[!'.repeat(L.bracketDepth / 2)}[x](y)${'](z)'.repeat(L.bracketDepth / 2)}\n\n`.repeat(
      Math.floor(L.brackets / (L.bracketDepth + 1)),
    ),
  'brackets at the depth limit, never closed as links': `${'['.repeat(L.bracketDepth)}!${']'.repeat(L.bracketDepth)}`.repeat(
    Math.floor(L.brackets / L.bracketDepth),
  ),
  'nested emphasis at the marker limit': `${'*_'.repeat(L.emphasisMarkers / 4)}x${'_*'.repeat(L.emphasisMarkers / 4)}`,
  'alternating emphasis at the marker limit': '*a'.repeat(L.emphasisMarkers),
  'strikethrough at the marker limit': '~a'.repeat(L.emphasisMarkers),
  'a table at the cell limit':
    `${'|a'.repeat(40)}|\n${'|-'.repeat(40)}|\n${'|b'.repeat(40)}|\n`.repeat(1) + 'c\n'.repeat(L.tableCells / 40 - 2),
  'list items at the limit': '- x\n'.repeat(L.containers),
  'nested list items at the limit': '- - - - - x\n'.repeat(L.containers / 5),
  'one long line': 'x'.repeat(L.chars),
  'raw HTML everywhere': fill('<a href="javascript:alert(1)">'),
  autolinks: fill('www.a.example '),
  'reference links repeating a long URL': `${'[a]'.repeat(L.brackets - 1)}\n\n[a]: https://example.com/${'y'.repeat(1_900)}`,
  'footnote references': `${'[^a]'.repeat(L.brackets - 1)}\n\n[^a]: note`,
  'unclosed emphasis, pipes and backticks': fill('*a _b | `d ', (L.emphasisMarkers / 2) * 11),
  'backtick runs': fill('``a`'),
  entities: fill('&amp;&#x26;&#0;&#99999999;'),
  'deep indentation': Array.from({ length: 120 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'),
};

describe('the worst bodies within the bounds', () => {
  for (const [name, md] of Object.entries(worstWithinBounds)) {
    test(`${name}: renders as Markdown within the budget`, () => {
      expect(commentBodyProblem(md)).toBeUndefined();
      const r = timed(md);
      expect(r.reasons).toEqual([]);
      expect(r.ms).toBeLessThan(BUDGET_MS);
      expect(r.html.length).toBeLessThanOrEqual(L.htmlChars);
    });
  }
});

/** The bodies from the security review: each used to crash the build or take tens of seconds. */
const overBounds: Record<string, string> = {
  '"> - " 1,000 times (stack overflow)': `${'> - '.repeat(1000)}x`,
  '">" 20,000 times (stack overflow)': `${'>'.repeat(19_999)}x`,
  'brackets 4,000 deep (cubic time)': `${'[!'.repeat(4000)}[x](y)${'](z)'.repeat(4000)}`,
  '4.5 MB of unclosed markers': '*a _b [c |'.repeat(450_000),
  'a 64-column table padded over 2,000 rows': `${'|a'.repeat(64)}|\n${'|-'.repeat(64)}|\n${'a\n'.repeat(2000)}`,
  'nested emphasis 10,000 markers': `${'*_'.repeat(2500)}x${'_*'.repeat(2500)}`,
};

describe('bodies over the bounds', () => {
  for (const [name, md] of Object.entries(overBounds)) {
    test(`${name}: refused with a reason, and shown as plain text if rendered anyway`, () => {
      expect(commentBodyProblem(md)).toMatch(/limit|more than/);
      const r = timed(md);
      expect(r.reasons).toHaveLength(1);
      expect(r.ms).toBeLessThan(BUDGET_MS);
      expect(r.html).toContain('Formatting of this comment is not shown');
      expect(r.html).not.toMatch(/<(?!\/?p\b|br>)/);
    });
  }
});

/** No script, no event handler or style attribute, and links only to http(s), mailto or a fragment. */
function expectSafe(html: string) {
  const doc = parse(html);
  expect(doc.querySelectorAll('script, style, iframe, object, embed, img, form, input')).toHaveLength(0);
  for (const el of doc.querySelectorAll('*')) {
    for (const name of Object.keys(el.attributes)) expect(name, el.outerHTML.slice(0, 80)).not.toMatch(/^(on|style$|src$)/i);
    const href = el.getAttribute('href');
    // Relative URLs are harmless; any URL with a scheme must be http(s) or mailto.
    const scheme = href?.match(/^([a-z][a-z0-9+.-]*):/i)?.[1];
    if (scheme !== undefined) expect(scheme.toLowerCase()).toMatch(/^(https?|mailto)$/);
  }
}

describe('random adversarial bodies', () => {
  const pieces = [
    '> ',
    '- ',
    '* ',
    '1. ',
    '  ',
    '[',
    ']',
    '(',
    ')',
    '![',
    '](',
    '*',
    '**',
    '_',
    '__',
    '~',
    '~~',
    '`',
    '```',
    '|',
    '|-|',
    '\n',
    '\n\n',
    '<',
    '>',
    '&',
    '&amp;',
    '\\',
    'www.x.example',
    'https://x.example/',
    '[^1]',
    '[^1]: n\n',
    '[r]: http://x\n',
    'javascript:alert(1)',
    '<script>',
    '"',
    "'",
    'word ',
    'ünïcödé ',
    '😀',
    '#',
    '---\n',
    ':',
  ];
  test('500 bodies from a seeded generator: within the bounds they render as Markdown in budget; over them, as plain text', () => {
    const rand = prng(20261203);
    let rendered = 0;
    let refused = 0;
    for (let n = 0; n < 500; n++) {
      const parts: string[] = [];
      const target = Math.floor(rand() ** 2 * L.chars * 1.2);
      let len = 0;
      while (len < target) {
        const piece = pieces[Math.floor(rand() * pieces.length)] as string;
        const times = rand() < 0.1 ? Math.floor(rand() * 200) : 1;
        const s = piece.repeat(times);
        parts.push(s);
        len += s.length;
      }
      const md = parts.join('') || 'x';
      const within = commentBodyProblem(md) === undefined;
      const r = timed(md);
      expect(r.ms, JSON.stringify(md.slice(0, 200))).toBeLessThan(BUDGET_MS);
      expect(r.html.length).toBeLessThanOrEqual(Math.max(L.htmlChars, md.length * 3 + 200));
      expectSafe(r.html);
      if (within) {
        rendered++;
        expect(r.reasons).toEqual([]);
      } else refused++;
    }
    // The generator must exercise both sides of the bounds, or this test proves nothing.
    expect(rendered).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(20);
  });
});
