import type { Comment } from './content/model.ts';

/** A comment placed in its thread; `C` is the comment type given to buildThread (rendered or not), kept as is. */
export interface ThreadNode<C extends Comment = Comment> {
  comment: C;
  /** Replies shown nested under this comment. */
  children: ThreadNode<C>[];
  /** 1 for top-level comments. */
  depth: number;
  /**
   * Set when the comment answers a comment other than the one it is shown under (replies past
   * the display depth stay at the deepest level): the comment it really answers.
   */
  inReplyTo?: C | undefined;
}

/** Siblings in reading order: oldest first, then by id so equal dates are stable. */
export function compareComments(a: Comment, b: Comment): number {
  return a.date.getTime() - b.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the nested thread of one article's comments. Replies nest up to `maxDepth` levels;
 * deeper replies are shown as siblings at the deepest level, after their parent, marked with
 * whom they answer. Every comment appears exactly once; comments whose parent is missing (the
 * validator reports those) are shown at the top level rather than dropped.
 */
export function buildThread<C extends Comment>(comments: readonly C[], maxDepth: number): ThreadNode<C>[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const kids = new Map<string, C[]>();
  const roots: C[] = [];
  for (const c of comments) {
    if (c.replyTo && byId.has(c.replyTo) && c.replyTo !== c.id) {
      const list = kids.get(c.replyTo);
      if (list) list.push(c);
      else kids.set(c.replyTo, [c]);
    } else roots.push(c);
  }
  for (const list of kids.values()) list.sort(compareComments);
  roots.sort(compareComments);

  const placed = new Set<string>();
  const childrenOf = (c: C) => (kids.get(c.id) ?? []).filter((k) => !placed.has(k.id));
  /** Descendants of c in reading order (depth-first), for showing past the display depth. */
  function descendants(c: C, out: C[] = []): C[] {
    for (const k of childrenOf(c)) {
      placed.add(k.id);
      out.push(k);
      descendants(k, out);
    }
    return out;
  }
  function level(list: readonly C[], depth: number): ThreadNode<C>[] {
    const out: ThreadNode<C>[] = [];
    for (const c of list) {
      if (placed.has(c.id)) continue;
      placed.add(c.id);
      const n: ThreadNode<C> = { comment: c, children: [], depth };
      out.push(n);
      if (depth < maxDepth) {
        n.children = level(childrenOf(c), depth + 1);
      } else {
        for (const d of descendants(c)) out.push({ comment: d, children: [], depth, inReplyTo: byId.get(d.replyTo ?? '') });
      }
    }
    return out;
  }
  const out = level(roots, 1);
  // Comments in a reply loop (which validation rejects) are still shown, never dropped.
  const rest = comments.filter((c) => !placed.has(c.id)).sort(compareComments);
  return rest.length ? [...out, ...level(rest, 1)] : out;
}

/** Number of comments in a thread, counting every node once. */
export function countThread(nodes: readonly ThreadNode[]): number {
  return nodes.reduce((n, t) => n + 1 + countThread(t.children), 0);
}
