import { describe, expect, test } from 'vitest';
import type { Comment } from '../../src/lib/content/model.ts';
import { buildThread, countThread, type ThreadNode } from '../../src/lib/threading.ts';
import { prng } from '../support/prng.ts';

const base = Date.parse('2010-07-14T18:00:00Z');
function c(id: string, minutes: number, replyTo?: string): Comment {
  return { id, article: 'a', author: `Reader ${id}`, date: new Date(base + minutes * 60_000), replyTo, body: 'text', file: `${id}.md` };
}

/** Compact view of a thread: "id" or "id>inReplyTo", with children nested. */
type Shape = string | [string, Shape[]];
function shape(nodes: readonly ThreadNode[]): Shape[] {
  return nodes.map((n) => {
    const label = n.inReplyTo ? `${n.comment.id}>${n.inReplyTo.id}` : n.comment.id;
    return n.children.length ? [label, shape(n.children)] : label;
  });
}
function flatten(nodes: readonly ThreadNode[], out: ThreadNode[] = []): ThreadNode[] {
  for (const n of nodes) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

describe('buildThread', () => {
  test('nests replies under the comment they answer', () => {
    const thread = buildThread([c('a', 0), c('b', 1, 'a'), c('c', 2, 'b'), c('d', 3)], 5);
    expect(shape(thread)).toEqual([['a', [['b', ['c']]]], 'd']);
    expect(flatten(thread).map((n) => [n.comment.id, n.depth])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 1],
    ]);
  });

  test('orders siblings by date, whatever the input order', () => {
    const thread = buildThread([c('late', 30), c('early', 10), c('r2', 50, 'early'), c('r1', 40, 'early')], 5);
    expect(shape(thread)).toEqual([['early', ['r1', 'r2']], 'late']);
  });

  test('orders siblings with the same date by id', () => {
    const thread = buildThread([c('b', 5), c('c', 5), c('a', 5)], 5);
    expect(shape(thread)).toEqual(['a', 'b', 'c']);
  });

  test('replies beyond maxDepth stay at the deepest level, marked with whom they answer', () => {
    const list = [c('l1', 0), c('l2', 1, 'l1'), c('l3', 2, 'l2'), c('l4', 3, 'l3'), c('l5', 4, 'l4'), c('x', 5, 'l2')];
    const thread = buildThread(list, 2);
    expect(shape(thread)).toEqual([['l1', ['l2', 'l3>l2', 'l4>l3', 'l5>l4', 'x>l2']]]);
    for (const n of flatten(thread)) expect(n.depth).toBeLessThanOrEqual(2);
  });

  test('a deep reply follows its own parent, depth first', () => {
    const list = [c('r', 0), c('a', 1, 'r'), c('b', 2, 'r'), c('a1', 3, 'a'), c('b1', 4, 'b'), c('a2', 5, 'a1')];
    expect(shape(buildThread(list, 2))).toEqual([['r', ['a', 'a1>a', 'a2>a1', 'b', 'b1>b']]]);
  });

  test('inReplyTo is the comment object that is answered', () => {
    const l2 = c('l2', 1, 'l1');
    const thread = buildThread([c('l1', 0), l2, c('l3', 2, 'l2')], 1);
    const l3 = flatten(thread).find((n) => n.comment.id === 'l3');
    expect(l3?.inReplyTo).toBe(l2);
    expect(flatten(thread).find((n) => n.comment.id === 'l1')?.inReplyTo).toBeUndefined();
  });

  test('maxDepth 1 flattens everything into one level', () => {
    const list = [c('a', 0), c('b', 1, 'a'), c('c', 2, 'b'), c('d', 3), c('e', 4, 'd')];
    const thread = buildThread(list, 1);
    expect(shape(thread)).toEqual(['a', 'b>a', 'c>b', 'd', 'e>d']);
    expect(thread.every((n) => n.depth === 1 && n.children.length === 0)).toBe(true);
  });

  test('a reply to a missing comment is shown at the top level, not dropped', () => {
    expect(shape(buildThread([c('a', 0), c('orphan', 1, 'gone')], 5))).toEqual(['a', 'orphan']);
  });

  test('comments in a reply loop or answering themselves are still shown once', () => {
    const thread = buildThread([c('a', 0, 'b'), c('b', 1, 'a'), c('self', 2, 'self'), c('ok', 3)], 5);
    const ids = flatten(thread).map((n) => n.comment.id);
    expect(ids.sort()).toEqual(['a', 'b', 'ok', 'self']);
  });

  test('no comments give an empty thread', () => {
    expect(buildThread([], 5)).toEqual([]);
  });

  test.each([1, 2, 3, 5, 7, 50])('every comment of a random 200-comment tree appears exactly once (maxDepth %i)', (maxDepth) => {
    const rand = prng(20100714 + maxDepth);
    const list: Comment[] = [];
    for (let i = 0; i < 200; i++) {
      const parent = list.length && rand() < 0.8 ? list[Math.floor(rand() * list.length)] : undefined;
      // Dates collide on purpose (whole hours) so the id tie-break is exercised.
      list.push(c(`c${String(i).padStart(3, '0')}`, Math.floor(rand() * 48) * 60 + i, parent?.id));
    }
    const shuffled = [...list].sort(() => rand() - 0.5);
    const thread = buildThread(shuffled, maxDepth);
    const nodes = flatten(thread);

    expect(countThread(thread)).toBe(200);
    expect(nodes.map((n) => n.comment.id).sort()).toEqual(list.map((x) => x.id).sort());
    const byId = new Map(list.map((x) => [x.id, x]));
    for (const n of nodes) {
      expect(n.depth).toBeGreaterThanOrEqual(1);
      expect(n.depth).toBeLessThanOrEqual(maxDepth);
      for (const child of n.children) {
        expect(child.depth).toBe(n.depth + 1);
        // A child answers the comment it is shown under, unless it is marked as answering another.
        if (!child.inReplyTo) expect(child.comment.replyTo).toBe(n.comment.id);
      }
      if (n.inReplyTo) {
        expect(n.depth).toBe(maxDepth);
        expect(n.inReplyTo).toBe(byId.get(n.comment.replyTo ?? ''));
      }
    }
    // A reply is never shown before the comment it answers.
    const position = new Map(nodes.map((n, i) => [n.comment.id, i]));
    for (const x of list) if (x.replyTo) expect(position.get(x.replyTo)).toBeLessThan(position.get(x.id) ?? -1);
  });
});

describe('countThread', () => {
  test('counts every node once, at every depth', () => {
    const list = [c('a', 0), c('b', 1, 'a'), c('c', 2, 'b'), c('d', 3, 'c'), c('e', 4)];
    expect(countThread(buildThread(list, 5))).toBe(5);
    expect(countThread(buildThread(list, 2))).toBe(5);
    expect(countThread([])).toBe(0);
  });
});
