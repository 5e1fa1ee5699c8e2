import { describe, expect, test } from 'vitest';
import { commentPlainText, plainProseHtml, renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';
import { htmlToPlainText } from '../../src/lib/html-text.ts';
import { prng } from '../support/prng.ts';

// Plain prose skips the Markdown parser. That shortcut is only correct if its output is what the
// full GFM pipeline renders for the same text: check it on many inputs built from prose and from
// every character and line start that can begin a construct.

const words = [
  'MSPs',
  'margins',
  'Microsoft’s',
  'channel chief',
  'Allison Watson',
  'Q4',
  '2010',
  '50%',
  '$5.5',
  'C#',
  'C++',
  'e.g.',
  'etc.',
  'don’t',
  "isn't",
  '"quoted"',
  '(aside)',
  '—',
  '–',
  '…',
  'é',
  '日本',
  '🙂',
  '!',
  '?',
  ':',
  ';',
  ',',
  '.',
  '/',
  '^',
  '{x}',
  '=',
  '+',
  '-',
  '#',
];
const riskyWords = [
  '*',
  '_',
  '`',
  '[',
  ']',
  '<',
  '>',
  '&',
  '\\',
  '~',
  '|',
  '@',
  'www.x.com',
  'http://x.y',
  '\t',
  '\r',
  '\0',
  '\u000b',
  '&amp;',
  '<b>',
  '[^1]',
  '[ ]',
];
// Line starts and breaks that prose may have, and those that begin a block, a hard break or blanks.
const proseStarts = ['', '', '', '', '1.5 ', '2010 ', '(1) ', '“', '!', ':'];
const blockStarts = [
  ' ',
  '    ',
  '# ',
  '> ',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '2) ',
  '10. ',
  '---',
  '===',
  '```',
  '~~~',
  '#hashtag ',
  '-5 ',
  '=> ',
  ':-',
];
const proseBreaks = [' ', ' ', ' ', '\n', '\n\n', '\n\n\n'];
const blockBreaks = ['  \n', ' \n', '\n ', '\n\n ', ' '];

/** A random comment; `risky` ones also get syntax characters, block line starts and odd breaks. */
function comment(rand: () => number, risky: boolean): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const start = () => (risky && rand() < 0.3 ? pick(blockStarts) : pick(proseStarts));
  let md = pick(['', '', '\n', '\n\n']) + start();
  const n = 1 + Math.floor(rand() * 14);
  for (let i = 0; i < n; i++) {
    md += risky && rand() < 0.05 ? pick(riskyWords) : pick(words);
    const gap = risky && rand() < 0.1 ? pick(blockBreaks) : pick(proseBreaks);
    md += gap.endsWith('\n') ? gap + start() : gap;
  }
  return md + pick(['', '\n', '\n\n', risky ? ' ' : '']);
}

describe('the plain-prose shortcut', () => {
  test('renders exactly what the full GFM pipeline renders, on 4,000 random comments', () => {
    const rand = prng(7);
    let shortcut = 0;
    for (let i = 0; i < 4000; i++) {
      const md = comment(rand, i % 2 === 0);
      if (plainProseHtml(md) !== undefined) shortcut++;
      expect(renderCommentMarkdown(md), JSON.stringify(md)).toBe(renderCommentMarkdown(md, { forceGfm: true }));
    }
    // Meaningful only if many inputs took the shortcut, and many did not.
    expect(shortcut).toBeGreaterThan(500);
    expect(shortcut).toBeLessThan(3200);
  });

  test("a comment's text is what parsing its HTML gives, on 4,000 random comments", () => {
    const rand = prng(11);
    let shortcut = 0;
    for (let i = 0; i < 4000; i++) {
      const md = comment(rand, i % 2 === 0);
      const html = renderCommentMarkdown(md);
      if (plainProseHtml(md) !== undefined) shortcut++;
      expect(commentPlainText(html), JSON.stringify(html)).toBe(htmlToPlainText(html));
    }
    expect(shortcut).toBeGreaterThan(500);
    expect(shortcut).toBeLessThan(3200);
    // Characters an HTML parser changes: NUL is dropped (so that text is parsed), CR is a line end.
    for (const html of ['<p>a\0b</p>', '<p>a\rb</p>\n<p>c\r\n d</p>', '<p>a\u00a0 b</p>', '<p>x > y</p>', '<p></p>', '']) {
      expect(commentPlainText(html), JSON.stringify(html)).toBe(htmlToPlainText(html));
    }
  });

  test('declines every construct, so the parser sees it', () => {
    for (const md of [
      'a *b*',
      'a _b_',
      '`x`',
      '[a](b)',
      '<b>',
      'a &amp; b',
      'a \\* b',
      '~~x~~',
      '| a |',
      'a@b.co',
      'www.x.com',
      'see http://x.y',
      '# h',
      '> q',
      '- i',
      '+ i',
      '1. i',
      '3) i',
      'a\n---',
      'a\n===',
      '    code',
      'a  \nb',
      'a\tb',
      'a\rb',
    ]) {
      expect(plainProseHtml(md), JSON.stringify(md)).toBeUndefined();
    }
  });

  test('keeps paragraphs and line breaks as written', () => {
    expect(plainProseHtml('\nGreat piece.\nThanks!\n\n\n-- no, a signature\n')).toBeUndefined();
    expect(plainProseHtml('\nGreat piece.\nThanks!\n\n\nJane Doe, Acme IT\n')).toBe(
      '<p>Great piece.\nThanks!</p>\n<p>Jane Doe, Acme IT</p>',
    );
  });
});
