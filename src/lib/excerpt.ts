/** Descriptions derived from Markdown when an article has none. */
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const commonMark = unified().use(remarkParse);
const withStrikethrough = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

/** The words a reader sees in `node`: text and code as written, image alt text, no HTML tags. */
function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
    case 'definition':
    case 'footnoteDefinition':
      return '';
    case 'break':
      return ' ';
    default:
      return 'children' in node
        ? node.children.map((child) => (child.type === 'paragraph' ? ` ${plainText(child)} ` : plainText(child))).join('')
        : '';
  }
}

/**
 * The words a reader sees in one block of Markdown, syntax gone: parsed with remark (so escapes,
 * entities, code spans and emphasis follow CommonMark), not stripped with patterns. `definitions`
 * (the document's `[id]: url` lines) let reference links in the block resolve to their text.
 */
export function markdownToPlainText(md: string, definitions = ''): string {
  const processor = md.includes('~~') ? withStrikethrough : commonMark;
  const tree = processor.parse(definitions ? `${md}\n\n${definitions}` : md);
  return plainText(tree).replace(/\s+/g, ' ').trim();
}

/** Reference definitions (`[id]: url`) anywhere in a document, one per line. */
function referenceDefinitions(md: string): string {
  return (md.match(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm) ?? []).join('\n');
}

/** The first paragraph of a Markdown body that holds prose (not a heading, image, list or code). */
export function firstParagraph(md: string): string {
  const blocks = md.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  let inFence = false;
  let definitions: string | undefined;
  for (const raw of blocks) {
    const block = raw.trim();
    // A fence may hold blank lines, so its closing line can open a later block: count fence
    // lines in every block, and skip every block that starts, ends or lies inside a fence.
    const fences = block.match(/^\s{0,3}(```|~~~)/gm)?.length ?? 0;
    const wasInFence = inFence;
    if (fences % 2 === 1) inFence = !inFence;
    if (wasInFence || fences > 0 || !block) continue;
    if (/^(#{1,6}\s|!\[|<|[-*+]\s|\d+[.)]\s|\||>|-{3,}|\*{3,})/.test(block)) continue;
    definitions ??= referenceDefinitions(md);
    const text = markdownToPlainText(block, definitions);
    if (text) return text;
  }
  return '';
}

/** Shortens text to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncateWords(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.5 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s,;:.!?(—–-]+$/, '')}…`;
}

/** A ~160-character description from the article's first paragraph. */
export function deriveDescription(md: string, max = 160): string {
  return truncateWords(firstParagraph(md), max);
}
