import type { Element } from 'hast';

/** Class of the wrapper that lets a wide table scroll sideways instead of widening the page. */
export const TABLE_SCROLL_CLASS = 'table-scroll';

/** The wrapper without its table (Sätteri's wrapNode adds the table as its first child). */
function emptyWrapper(): Element {
  return {
    type: 'element',
    tagName: 'div',
    // Keyboard-focusable so a keyboard user can scroll it too (WCAG 2.1.1, axe
    // scrollable-region-focusable), and named, since a tab stop that announces nothing is a dead end.
    properties: { className: [TABLE_SCROLL_CLASS], tabIndex: 0, role: 'group', ariaLabel: 'Table (scrolls sideways)' },
    children: [],
  };
}

/** Wraps a table in the scrolling box (used by the comment renderer's unified pipeline). */
export function tableScrollWrapper(table: Element): Element {
  return { ...emptyWrapper(), children: [table] };
}

/**
 * Sätteri hast plugin (markdown.processor in astro.config.mjs): wraps every table of articles and
 * pages in the same scrolling box that comments use.
 */
export const satteriTableScroll = {
  name: 'table-scroll',
  element: {
    filter: ['table'],
    visit(node: Readonly<Element>, ctx: { wrapNode(node: Readonly<Element>, parent: Element): void }): void {
      ctx.wrapNode(node, emptyWrapper());
    },
  },
};
