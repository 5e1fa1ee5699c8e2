import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** Class of the wrapper that lets a wide table scroll sideways instead of widening the page. */
export const TABLE_SCROLL_CLASS = 'table-scroll';

/**
 * Wraps a table in a scrolling box. The box is keyboard-focusable (tabindex 0) so a keyboard
 * user can scroll it too (WCAG 2.1.1; axe `scrollable-region-focusable`), and named, since a
 * focusable element that announces nothing is a dead stop for a screen reader.
 */
export function tableScrollWrapper(table: Element): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: [TABLE_SCROLL_CLASS], tabIndex: 0, role: 'group', ariaLabel: 'Table (scrolls sideways)' },
    children: [table],
  };
}

/** Rehype plugin: every table goes into a tableScrollWrapper (articles, pages and comments alike). */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children.splice(index, 1, tableScrollWrapper(node));
      return [SKIP, index + 1];
    });
  };
}
