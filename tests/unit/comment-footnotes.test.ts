import { parse } from 'node-html-parser';
import { expect, test } from 'vitest';
import { renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';

const md = 'Claim[^1].\n\n[^1]: Source here.';

test('footnote links in a comment point at ids that exist in that comment', () => {
  const doc = parse(renderCommentMarkdown(md, { id: 'c7' }));
  const ids = new Set(doc.querySelectorAll('[id]').map((e) => e.id));
  const targets = doc.querySelectorAll('a[href^="#"]').map((a) => (a.getAttribute('href') ?? '').slice(1));
  expect(targets.length).toBeGreaterThan(0);
  for (const t of targets) expect(ids.has(t), t).toBe(true);
  for (const ref of doc.querySelectorAll('[aria-describedby]')) expect(ids.has(ref.getAttribute('aria-describedby') ?? '')).toBe(true);
});

test('two comments with footnotes on one page never share an id', () => {
  const a = parse(renderCommentMarkdown(md, { id: 'first' }))
    .querySelectorAll('[id]')
    .map((e) => e.id);
  const b = parse(renderCommentMarkdown(md, { id: 'second' }))
    .querySelectorAll('[id]')
    .map((e) => e.id);
  expect(a.length).toBeGreaterThan(0);
  expect(a.filter((id) => b.includes(id))).toEqual([]);
  expect(a.every((id) => id.startsWith('comment-first-'))).toBe(true);
});
