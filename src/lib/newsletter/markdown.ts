import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// An issue's intro is written by the site's authors, like an article, so links keep their rel
// and nothing is sanitized away; raw HTML is still dropped (remark-rehype's default), because
// the same intro goes into an e-mail, where only what the templates produce is known to work.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

/** Renders an issue intro (GFM Markdown) to HTML. */
export function renderIntro(markdown: string): string {
  return String(processor.processSync(markdown));
}
