import { describe, expect, test } from 'vitest';
import { MAY_NEED_GFM, renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';
import { prng } from '../support/prng.ts';

// The renderer skips remark-gfm for text that cannot contain a GFM construct. That shortcut is
// only correct if both pipelines agree on such text: check it on many varied inputs.

const pieces = [
  'MSPs',
  'margins',
  '**bold**',
  '*em*',
  '_under_',
  '`code`',
  '[link](https://example.com)',
  '<b>raw</b>',
  '&amp;',
  '&copy;',
  '“quoted”',
  '—',
  '1. first',
  '- item',
  '> quote',
  '# Heading',
  '\n\n',
  '\n',
  '  \n',
  '\\',
  '***',
  '---',
  '    indented',
  '```\nfenced\n```',
  '![img](/x.png)',
  'Note:',
  'C++',
  'C#',
  '50%',
  '$5.5 million',
  '(aside)',
  'a_b_c',
  '*',
  '_',
  '[',
  ']',
  'www.example.com',
  'https://example.com',
  'a@b.co',
  '~~struck~~',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '[^1]',
  '- [ ] task',
  'mailto:x@y.z',
  '\n---:',
  '\n:-',
];

describe('the GFM shortcut', () => {
  test('text with a GFM trigger always takes the GFM pipeline', () => {
    for (const s of [
      'www.example.com',
      'see https://x.y',
      'a@b.co',
      '~~x~~',
      '| a |',
      '[^1]',
      '- [x] done',
      'mailto:a@b.c',
      'Q4\n---:',
      'Q4\n :--- ',
    ]) {
      expect(MAY_NEED_GFM.test(s), s).toBe(true);
    }
  });

  test('renders exactly what the full GFM pipeline renders, on 3,000 random comments', () => {
    const rand = prng(42);
    let shortcut = 0;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rand() * 12);
      const parts: string[] = [];
      for (let j = 0; j < n; j++) parts.push(pieces[Math.floor(rand() * pieces.length)] as string);
      const md = parts.join(rand() < 0.7 ? ' ' : '');
      if (!MAY_NEED_GFM.test(md)) shortcut++;
      expect(renderCommentMarkdown(md), JSON.stringify(md)).toBe(renderCommentMarkdown(md, { forceGfm: true }));
    }
    // The check is meaningful only if many inputs took the shortcut.
    expect(shortcut).toBeGreaterThan(500);
  });
});
