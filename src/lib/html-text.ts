import type { Nodes } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** Elements whose edges separate words; any other tag (a, strong, code…) joins its text to its neighbours'. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);

const parser = unified().use(rehypeParse, { fragment: true });

function text(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') {
    if (HIDDEN.has(node.tagName)) return '';
    const inner = node.children.map(text).join('');
    return BLOCKS.has(node.tagName) ? ` ${inner} ` : inner;
  }
  return node.type === 'root' ? node.children.map(text).join('') : '';
}

/**
 * The text a reader sees in an HTML fragment, on one line: parsed as a browser would (character
 * references decoded once, markup shown as text kept as text), block boundaries as spaces.
 */
export function htmlToPlainText(html: string): string {
  return text(parser.parse(html)).replace(/\s+/g, ' ').trim();
}
