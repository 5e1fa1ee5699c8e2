import { describe, expect, test } from 'vitest';
import { deriveDescription, firstParagraph, markdownToPlainText, truncateWords } from '../../src/lib/excerpt.ts';

describe('deriveDescription', () => {
  test('takes the first prose paragraph, skipping headings, images, lists and code', () => {
    const md = [
      '# A heading',
      '![Roskill on stage](/images/roskill.jpg)',
      '- a list item\n- another',
      '1. numbered',
      '```js\nconst x = 1;\n```',
      'The real **first** paragraph.',
      'The second paragraph.',
    ].join('\n\n');
    expect(deriveDescription(md)).toBe('The real first paragraph.');
  });

  test('skips a code fence that contains blank lines', () => {
    const md = '```\nline one\n\nline two, still code\n```\n\nProse after the code.';
    expect(deriveDescription(md)).toBe('Prose after the code.');
  });

  test('skips a tilde fence, blockquotes, tables, HTML and rules', () => {
    const md = '~~~\ncode\n~~~\n\n> quoted\n\n| a | b |\n|---|---|\n\n<div>html</div>\n\n---\n\nProse.';
    expect(deriveDescription(md)).toBe('Prose.');
  });

  test('strips Markdown: links, emphasis, code, strikethrough, escapes and HTML', () => {
    const md = 'See [the memo](https://example.com/memo) about *MSPs*, __VARs__ and `code`; ~~not~~ \\*literal\\* <b>bold</b>.';
    expect(deriveDescription(md)).toBe('See the memo about MSPs, VARs and code; not *literal* bold.');
  });

  test('underscores inside a word are not emphasis', () => {
    expect(deriveDescription('Set partner_program_id in _the_ file.')).toBe('Set partner_program_id in the file.');
  });

  test('joins the lines of a paragraph with single spaces', () => {
    expect(deriveDescription('One line\nand the next\r\nand a third.')).toBe('One line and the next and a third.');
  });

  test('is at most 160 characters, cut at a whole word with an ellipsis', () => {
    const words = 'Partner programs change every year and channel chiefs promise more than they deliver to managed services providers';
    const md = `${words} ${words} ${words}`;
    const d = deriveDescription(md);
    expect(d.length).toBeLessThanOrEqual(160);
    expect(d.endsWith('…')).toBe(true);
    const kept = d.slice(0, -1);
    expect(md.startsWith(kept)).toBe(true);
    // The cut falls between words: the next character of the source is a space.
    expect(md[kept.length]).toBe(' ');
  });

  test('drops trailing punctuation before the ellipsis', () => {
    const md = `${'a'.repeat(100)} bbbbb, ${'c'.repeat(70)}`;
    expect(deriveDescription(md)).toBe(`${'a'.repeat(100)} bbbbb…`);
  });

  test('text of 160 characters or fewer is kept whole', () => {
    const md = 'x'.repeat(160);
    expect(deriveDescription(md)).toBe(md);
  });

  test('a 200-character word is cut inside the word rather than emptied', () => {
    const d = deriveDescription('w'.repeat(200));
    expect(d).toBe(`${'w'.repeat(159)}…`);
  });

  test('a body without prose gives an empty description', () => {
    expect(deriveDescription('# Only a heading\n\n![img](/x.png)')).toBe('');
    expect(deriveDescription('')).toBe('');
  });

  test('a custom maximum is honoured', () => {
    expect(deriveDescription('one two three four five', 12)).toBe('one two…');
  });
});

describe('helpers', () => {
  test('firstParagraph returns plain text', () => {
    expect(firstParagraph('## H\n\nHello *world*.')).toBe('Hello world.');
  });

  test('markdownToPlainText keeps image alt text and reference-link text', () => {
    expect(markdownToPlainText('![alt text](/a.png) and [ref][1]', '[1]: https://example.com/')).toBe('alt text and ref');
    // Without its definition a reference is not a link, in CommonMark and here.
    expect(markdownToPlainText('[ref][1]')).toBe('[ref][1]');
  });

  test('a reference link resolves to its text with the definition anywhere in the document', () => {
    expect(firstParagraph('# T\n\nSee [the memo][m] and ![chart][c].\n\nMore.\n\n[m]: https://example.com/memo\n[c]: /c.png')).toBe(
      'See the memo and chart.',
    );
  });

  test('markdownToPlainText decodes entities and keeps code and autolinks as written', () => {
    expect(markdownToPlainText('AT&amp;T &lt;b&gt; `<a href="/x">` <https://example.com/x> &copy;')).toBe(
      'AT&T <b> <a href="/x"> https://example.com/x ©',
    );
  });

  test('truncateWords leaves short text alone', () => {
    expect(truncateWords('short', 10)).toBe('short');
  });
});
