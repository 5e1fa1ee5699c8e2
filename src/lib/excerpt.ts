/** Descriptions derived from Markdown when an article has none. */

/** Strips Markdown syntax from one block of text, keeping the words a reader sees. */
export function markdownToPlainText(md: string): string {
  return md
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/^\s{0,3}(?:[>#]+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first paragraph of a Markdown body that holds prose (not a heading, image, list or code). */
export function firstParagraph(md: string): string {
  const blocks = md.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  let inFence = false;
  for (const raw of blocks) {
    const block = raw.trim();
    if (/^(```|~~~)/.test(block)) {
      const fences = block.match(/^(```|~~~)/gm)?.length ?? 0;
      if (fences % 2 === 1) inFence = !inFence;
      continue;
    }
    if (inFence || !block) continue;
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
