import { describe, expect, test } from 'vitest';
import { commentPlainText, renderCommentMarkdown, simpleCommentHtml } from '../../src/lib/comment-markdown.ts';
import { htmlToPlainText } from '../../src/lib/html-text.ts';
import { prng } from '../support/prng.ts';

// Simple comments (prose, quotes, plain links) skip the Markdown parser. That shortcut is only
// correct if its output is what the full GFM pipeline renders for the same text: check it on many
// inputs built from prose, from what a simple comment may hold, and from every character and line
// start that can begin a construct.

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
// Simple, though they look like syntax: a plain link, a mention, one tilde, an ampersand.
const simpleWords = [
  '[the thread](https://forum.example.com/t/42)',
  '[Q4 numbers](http://example.com/)',
  '[ spaced ](https://x.example)',
  '@Jane',
  '(@TechDad)',
  '~20',
  '&',
  'A & B',
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
  '[^1]',
  '[a](https://x.y "title")',
  '![a](https://x.y/i.png)',
  '[a](https://x.y/?q=1)',
  '[a](<https://x.y>)',
  '[a]: https://x.y',
  '[a]',
  'jane@example.com',
  'x.@y',
  '~~',
  '&copy;',
  '&#38;',
  '&\n',
  'https://x.y/',
];
// Line starts and breaks that prose may have, and those that begin a block, a hard break or blanks.
const proseStarts = ['', '', '', '', '', '', '1.5 ', '2010 ', '(1) ', '“', '!', ':', '> ', '@Jo '];
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
  '> > ',
  '>',
  '>  ',
  '> # ',
  '> - ',
  '> 1. ',
  '> ---',
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
    const r = rand();
    md += risky && r < 0.05 ? pick(riskyWords) : r > 0.88 ? pick(simpleWords) : pick(words);
    const gap = risky && rand() < 0.1 ? pick(blockBreaks) : pick(proseBreaks);
    md += gap.endsWith('\n') ? gap + start() : gap;
  }
  md += pick(['', '\n', '\n\n', risky ? ' ' : '']);
  // Some paragraphs quoted, every line of them.
  return md
    .split('\n\n')
    .map((p) => (rand() < 0.15 && /^[^\n].*[^\n]$/s.test(p) ? p.replace(/^/gm, '> ') : p))
    .join('\n\n');
}

describe('the simple-comment shortcut', () => {
  test('renders exactly what the full GFM pipeline renders, on 4,000 random comments', () => {
    const rand = prng(7);
    let shortcut = 0;
    const took = { link: 0, quote: 0, amp: 0 };
    for (let i = 0; i < 4000; i++) {
      const md = comment(rand, i % 2 === 0);
      const simple = simpleCommentHtml(md);
      if (simple !== undefined) {
        shortcut++;
        if (simple.includes('<a ')) took.link++;
        if (simple.includes('<blockquote>')) took.quote++;
        if (simple.includes('&#x26;')) took.amp++;
      }
      expect(renderCommentMarkdown(md), JSON.stringify(md)).toBe(renderCommentMarkdown(md, { forceGfm: true }));
    }
    // Meaningful only if many inputs took the shortcut, with each kind of syntax it allows, and many did not.
    expect(shortcut).toBeGreaterThan(400);
    expect(shortcut).toBeLessThan(3200);
    expect(took, JSON.stringify(took)).toEqual({ link: expect.any(Number), quote: expect.any(Number), amp: expect.any(Number) });
    expect(Math.min(took.link, took.quote, took.amp), JSON.stringify(took)).toBeGreaterThan(50);
  });

  test("a comment's text is what parsing its HTML gives, on 4,000 random comments", () => {
    const rand = prng(11);
    let shortcut = 0;
    for (let i = 0; i < 4000; i++) {
      const md = comment(rand, i % 2 === 0);
      const html = renderCommentMarkdown(md);
      if (simpleCommentHtml(md) !== undefined) shortcut++;
      expect(commentPlainText(html), JSON.stringify(html)).toBe(htmlToPlainText(html));
    }
    expect(shortcut).toBeGreaterThan(400);
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
      '[a](https://x.y "t")',
      '![a](https://x.y/i.png)',
      '[^1](https://x.y/)',
      '[a][b]\n\n[b]: https://x.y/',
      '<b>',
      'a &amp; b',
      'a &#38; b',
      'a &',
      'a \\* b',
      '~~x~~',
      'a ~b~ c',
      '~1 and ~2',
      '| a |',
      'a@b.co',
      'www.x.com',
      'see http://x.y',
      '# h',
      '> > q',
      '> # h',
      '> - i',
      'a\n> q',
      '> q\na',
      'a\n:-:',
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
      expect(simpleCommentHtml(md), JSON.stringify(md)).toBeUndefined();
    }
  });

  test('renders quotes, links, mentions, a tilde and ampersands itself', () => {
    expect(simpleCommentHtml('> Security is the\n> conversation\n\n@Jane ~20 seats & [a thread](https://forum.example.com/t/42).')).toBe(
      '<blockquote>\n<p>Security is the\nconversation</p>\n</blockquote>\n' +
        '<p>@Jane ~20 seats &#x26; <a href="https://forum.example.com/t/42" rel="nofollow ugc noopener">a thread</a>.</p>',
    );
  });

  test('keeps paragraphs and line breaks as written', () => {
    expect(simpleCommentHtml('\nGreat piece.\nThanks!\n\n\n-- no, a signature\n')).toBeUndefined();
    expect(simpleCommentHtml('\nGreat piece.\nThanks!\n\n\nJane Doe, Acme IT\n')).toBe(
      '<p>Great piece.\nThanks!</p>\n<p>Jane Doe, Acme IT</p>',
    );
  });
});
