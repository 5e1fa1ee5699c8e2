import { parse } from 'node-html-parser';
import { expect, test } from 'vitest';
import { renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';
import { commentAnchor } from '../../src/lib/urls.ts';

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
  expect(a.every((id) => id.startsWith('comment-first:'))).toBe(true);
});

test('footnote ids never equal a comment anchor, whatever the comment ids (a.md with [^1], a-fn-1.md)', () => {
  const footnoteIds = parse(renderCommentMarkdown(md, { id: 'a' }))
    .querySelectorAll('[id]')
    .map((e) => e.id);
  expect(footnoteIds).toContain('comment-a:fn-1');
  // Comment anchors are comment-<id>, and ids match /^[A-Za-z0-9][A-Za-z0-9._-]*$/: no colon.
  for (const other of ['a-fn-1', 'a-fnref-1', 'a-footnote-label', 'a']) expect(footnoteIds).not.toContain(commentAnchor(other));
  expect(footnoteIds.every((id) => id.includes(':'))).toBe(true);
});
