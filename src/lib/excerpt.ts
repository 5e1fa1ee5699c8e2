/** Descriptions derived from Markdown when an article has none. */

/** Strips Markdown syntax from one block of text, keeping the words a reader sees. */
export function markdownToPlainText(md: string): string {
  // Backslash-escaped characters are literal: hide them from the rules below (as private-use
  // characters) so `\*not emphasis\*` keeps its asterisks, and restore them at the end.
  return (
    md
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|<])/g, (_, ch: string) => String.fromCharCode(0xe000 + ch.charCodeAt(0)))
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/\*\*(.*?)\*\*/g, '$1')
      .replace(/\*(.*?)\*/g, '$1')
      // Underscores inside a word (snake_case) are not emphasis in CommonMark.
      .replace(/(?<![\p{L}\p{N}_])__(.+?)__(?![\p{L}\p{N}_])/gu, '$1')
      .replace(/(?<![\p{L}\p{N}_])_(.+?)_(?![\p{L}\p{N}_])/gu, '$1')
      .replace(/~~(.*?)~~/g, '$1')
      .replace(/^\s{0,3}(?:[>#]+|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/[\ue000-\ue07f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xe000))
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The first paragraph of a Markdown body that holds prose (not a heading, image, list or code). */
export function firstParagraph(md: string): string {
  const blocks = md.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  let inFence = false;
  for (const raw of blocks) {
    const block = raw.trim();
    // A fence may hold blank lines, so its closing line can open a later block: count fence
    // lines in every block, and skip every block that starts, ends or lies inside a fence.
    const fences = block.match(/^\s{0,3}(```|~~~)/gm)?.length ?? 0;
    const wasInFence = inFence;
    if (fences % 2 === 1) inFence = !inFence;
    if (wasInFence || fences > 0 || !block) continue;
    if (/^(#{1,6}\s|!\[|<|[-*+]\s|\d+[.)]\s|\||>|-{3,}|\*{3,})/.test(block)) continue;
    const text = markdownToPlainText(block);
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
