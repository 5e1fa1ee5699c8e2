import type { Image, Link, Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Images in an intro become links to the image: the intro goes into e-mails, where an image
 * needs its width and height to lay out, and Markdown cannot say them.
 */
function imagesAsLinks() {
  return (tree: Root) => {
    visit(tree, 'image', (node: Image, index, parent) => {
      if (!parent || index === undefined) return;
      const link: Link = { type: 'link', url: node.url, children: [{ type: 'text', value: node.alt || node.url }] };
      parent.children.splice(index, 1, link as never);
    });
  };
}

// An issue's intro is written by the site's authors, like an article, so nothing is sanitized
// away; raw HTML is still dropped (remark-rehype's default), because the same intro goes into an
// e-mail, where only what the templates produce is known to work.
const processor = unified().use(remarkParse).use(remarkGfm).use(imagesAsLinks).use(remarkRehype).use(rehypeStringify);

/** Renders an issue intro (GFM Markdown) to HTML. */
export function renderIntro(markdown: string): string {
  return String(processor.processSync(markdown));
}
