import type { Element, Root as HastRoot } from 'hast';
import type { Html, Root as MdastRoot, Text } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** Id of the comment being rendered: scopes its footnote ids (see scopedIds). */
    commentId?: string;
  }
}

import { commentBodyProblem } from './content/comment-body.ts';
import { LIMITS } from './content/limits.ts';
import { htmlToPlainText } from './html-text.ts';
import { TABLE_SCROLL_CLASS, tableScrollWrapper } from './table-scroll.ts';
import { commentAnchor } from './urls.ts';

/**
 * Renders reader comments, which are untrusted: GFM Markdown in, safe HTML out.
 * - Raw HTML is shown as text (a reader who typed <b> sees "<b>"), never interpreted or lost.
 * - rehype-sanitize keeps only an allow-list of elements, attributes and URL schemes
 *   (http, https, mailto): no scripts, event handlers, styles, javascript: or data: URLs.
 * - Links get rel="nofollow ugc noopener"; images become links (no third-party pixels in pages);
 *   headings become bold paragraphs so the page keeps one outline; tables scroll in a wrapper.
 */

/** Bump when the output for the same input changes, so caches of rendered comments refresh. */
export const COMMENT_RENDERER_VERSION = 4;

function rawHtmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value };
      // Block-level HTML becomes a paragraph of text; inline HTML stays inline.
      const replacement =
        parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem'
          ? { type: 'paragraph', children: [text] }
          : text;
      parent.children.splice(index, 1, replacement as never);
    });
  };
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter(
    (t) => !['img', 'picture', 'source', 'input', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(t),
  ),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

function reshape() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName)) {
        node.tagName = 'p';
        // Keep only the id (footnotes' "footnote-label", which aria-describedby points at).
        node.properties = node.properties?.id ? { id: node.properties.id } : {};
        node.children = [{ type: 'element', tagName: 'strong', properties: {}, children: node.children }];
      } else if (node.tagName === 'img') {
        const src = String(node.properties?.src ?? '');
        const alt = String(node.properties?.alt ?? '') || src;
        node.tagName = 'a';
        node.properties = { href: src };
        node.children = [{ type: 'text', value: `[image: ${alt}]` }];
      }
    });
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children.splice(index, 1, tableScrollWrapper(node));
      return [SKIP, index + 1];
    });
  };
}

/** Marks every link as user content and unwraps links whose URL the sanitizer removed. */
function linkRel() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a') return undefined;
      if (node.properties?.href === undefined) {
        // The sanitizer removed an unsafe URL: keep the link text, drop the dead link.
        if (!parent || index === undefined) return undefined;
        parent.children.splice(index, 1, ...node.children);
        return index;
      }
      node.properties.rel = ['nofollow', 'ugc', 'noopener'];
      return undefined;
    });
  };
}

/**
 * Footnotes are the one source of ids in a comment. rehype-sanitize prefixes them
 * ("user-content-fn-1") but not the links to them ("#fn-1"), and every comment on a page would
 * use the same ids. Rewrite both to a prefix unique to the comment: "comment-<id>:fn-1". The
 * colon keeps them apart from comment anchors ("comment-<id>"): comment ids cannot hold one, so
 * comment "a" with footnote 1 and a comment named "a-fn-1" no longer share an id.
 */
function scopedIds() {
  return (tree: HastRoot, file: VFile) => {
    const commentId = file.data.commentId;
    const prefix = commentId ? `${commentAnchor(commentId)}:` : 'user-content-';
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      const id = node.properties?.id;
      if (typeof id === 'string' && id.startsWith('user-content-')) {
        const bare = id.slice('user-content-'.length);
        ids.add(bare);
        node.properties.id = prefix + bare;
      }
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties?.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && ids.has(href.slice(1))) {
        node.properties.href = `#${prefix}${href.slice(1)}`;
      }
      const described = node.properties?.ariaDescribedBy;
      if (Array.isArray(described)) {
        node.properties.ariaDescribedBy = described.map((d) => {
          const bare = String(d).replace(/^user-content-/, '');
          return ids.has(bare) ? prefix + bare : d;
        });
      }
    });
  };
}

function pipeline(gfm: boolean) {
  const base = unified().use(remarkParse);
  return (
    (gfm ? base.use(remarkGfm) : base)
      .use(rawHtmlAsText)
      // No prefix here: rehype-sanitize adds one to ids, and scopedIds() makes it per comment.
      .use(remarkRehype, { clobberPrefix: '' })
      .use(reshape)
      .use(rehypeSanitize, {
        ...schema,
        tagNames: [...(schema.tagNames ?? []), 'div'],
        // Only reshape() makes divs (a reader's raw HTML is text): the table-scroll wrapper.
        attributes: { ...schema.attributes, div: [['className', TABLE_SCROLL_CLASS], ['tabIndex', 0], ['role', 'group'], 'ariaLabel'] },
      })
      .use(linkRel)
      .use(scopedIds)
      .use(rehypeStringify)
      .freeze()
  );
}

const withGfm = pipeline(true);
const commonMarkOnly = pipeline(false);

/** Where GFM may link a bare URL or address (an autolink literal). */
const AUTOLINK_START = /www\.|(?:https?|mailto|xmpp):/i;
/** A line of dashes and colons: under a line of text, a one-column table's delimiter row even without a pipe ("Q4\n---:"). */
const TABLE_DELIMITER_ROW = /^(?=[ \t:-]*-)(?=[ \t:-]*:)[ \t:-]+$/m;

/**
 * Characters without which no GFM construct (autolink literal, table, strikethrough, task list,
 * footnote) can start, and TABLE_DELIMITER_ROW. remark-gfm's parser extensions triple the parse
 * time, so text lacking all of them takes the CommonMark-only pipeline, whose output is then
 * identical (tested).
 */
export const MAY_NEED_GFM = new RegExp(String.raw`[|~@]|${AUTOLINK_START.source}|\[\^|\[[ xX]\]|${TABLE_DELIMITER_ROW.source}`, 'im');

/**
 * Simple comments: paragraphs and one-level quotes of prose, perhaps with plain inline links.
 * Nothing in them opens or closes other inline syntax (emphasis, code, autolinks and raw HTML,
 * entities, escapes, images, tables) and there are no control characters, tabs or carriage
 * returns; no line starts another block (indented, a heading, a nested quote, a list item, a
 * thematic break or setext underline) or ends in a space (a hard break, or trailing blanks the
 * parser drops). A few characters that are only sometimes syntax are let through where they
 * cannot be: `&` before a space (no character reference starts so), one `~` in a paragraph
 * (strikethrough needs two), `@` after no character an e-mail address has (a mention, as in
 * "@Jane"; GFM links `jane@x.com`), and `[text](https://host/path)` with a URL of plain
 * characters. No AUTOLINK_START or TABLE_DELIMITER_ROW (GFM would link or tabulate it).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what it declines.
const INLINE_SYNTAX = /[*_`[\]<>\\|\0-\x09\x0b-\x1f\x7f]|&(?! )|[A-Za-z0-9.+_-]@/;
const BLOCK_LINE = /^(?:[ #>+=-]|\d{1,9}[.)](?: |$))| $/m;
const QUOTE_LINE = /^> (?=[^ ])/;
const INLINE_LINK = /(!?)\[(?!\^)([^[\]\n]+)\]\((https?:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._/-]*)?)\)/g;

/** A paragraph's text (no block syntax left) as the pipelines render it, or undefined if it is not that simple. */
function simpleInlineHtml(text: string): string | undefined {
  if (text.indexOf('~') !== text.lastIndexOf('~')) return undefined;
  const plain = (t: string) => (INLINE_SYNTAX.test(t) || AUTOLINK_START.test(t) ? undefined : t.replaceAll('&', '&#x26;'));
  let html = '';
  let from = 0;
  for (const m of text.matchAll(INLINE_LINK)) {
    const [whole, bang, label, url] = m as unknown as [string, string, string, string];
    const before = plain(text.slice(from, m.index));
    const shown = plain(label);
    if (bang || before === undefined || shown === undefined) return undefined;
    html += `${before}<a href="${url}" rel="nofollow ugc noopener">${shown}</a>`;
    from = m.index + whole.length;
  }
  const rest = plain(text.slice(from));
  return rest === undefined ? undefined : html + rest;
}

/**
 * A simple comment (most are: a few paragraphs, perhaps a quote of the article, a link, a
 * signature line; see INLINE_SYNTAX) as the Markdown pipelines render it. Undefined for anything
 * else. Parsing such a comment with remark took most of a cold build's comment time (0.4-1 ms
 * each); the output is the same (tested on random comments against the full pipeline).
 */
export function simpleCommentHtml(markdown: string): string | undefined {
  if (TABLE_DELIMITER_ROW.test(markdown)) return undefined;
  const blocks: string[] = [];
  for (const block of markdown.replace(/^\n+|\n+$/g, '').split(/\n{2,}/)) {
    if (!block) continue;
    const lines = block.split('\n');
    const quote = lines.every((line) => QUOTE_LINE.test(line));
    const text = quote ? lines.map((line) => line.slice(2)).join('\n') : block;
    if (BLOCK_LINE.test(text)) return undefined;
    const inline = simpleInlineHtml(text);
    if (inline === undefined) return undefined;
    blocks.push(quote ? `<blockquote>\n<p>${inline}</p>\n</blockquote>` : `<p>${inline}</p>`);
  }
  return blocks.join('\n');
}

/** How a comment is rendered. */
export interface RenderOptions {
  /** Always use the GFM pipeline (tests compare it with the shortcuts: simple comments, CommonMark only). */
  forceGfm?: boolean;
  /** The comment's id: scopes its footnote ids. */
  id?: string;
  /** Told why a comment is shown as plain text instead (the caller names the file). */
  onPlainText?: (reason: string) => void;
}

/**
 * Renders one comment's Markdown body to sanitized HTML. Never throws: a body over the bounds of
 * src/lib/content/comment-body.ts (which the loader already refuses, so only a caller that skipped
 * it gets here), a renderer failure or an output over LIMITS.comment.htmlChars gives the text as
 * escaped plain paragraphs with a visible note, and `onPlainText` says why.
 */
export function renderCommentMarkdown(markdown: string, options: RenderOptions = {}): string {
  const tooComplex = commentBodyProblem(markdown);
  if (tooComplex) return plainText(markdown, `the text ${tooComplex}`, options);
  const simple = options.forceGfm ? undefined : simpleCommentHtml(markdown);
  if (simple !== undefined && simple.length <= LIMITS.comment.htmlChars) return simple;
  const processor = options.forceGfm || MAY_NEED_GFM.test(markdown) ? withGfm : commonMarkOnly;
  let html: string;
  try {
    html = String(processor.processSync({ value: markdown, data: options.id ? { commentId: options.id } : {} })).trim();
  } catch (err) {
    return plainText(markdown, `its Markdown could not be rendered (${err instanceof Error ? err.message : String(err)})`, options);
  }
  if (html.length > LIMITS.comment.htmlChars) {
    return plainText(markdown, `it renders to ${html.length} characters of HTML, over the limit of ${LIMITS.comment.htmlChars}`, options);
  }
  return html;
}

/** Class of the note under a comment shown as plain text. */
export const PLAIN_TEXT_NOTE_CLASS = 'comment-plain-note';

function plainText(markdown: string, reason: string, options: RenderOptions): string {
  options.onPlainText?.(`shown as plain text: ${reason}`);
  const escapeHtml = (t: string) => t.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;');
  const paragraphs = markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `${paragraphs.join('\n')}\n<p class="${PLAIN_TEXT_NOTE_CLASS}">(Formatting of this comment is not shown.)</p>`;
}

/**
 * HTML as simpleCommentHtml writes it: paragraphs and quotes of text with links in them, no
 * character reference but `&#x26;` (the one it writes), no other markup and no NUL (which an HTML
 * parser drops). Each part starts with its own character, so matching is linear.
 */
const SIMPLE_HTML = /^(?:<\/?(?:p|blockquote)>|<a href="[^"<>&]*" rel="nofollow ugc noopener">|<\/a>|&#x26;|[^<&\0])*$/;

/**
 * Text of a rendered comment, for feeds' plain parts, search excerpts and the article's JSON-LD
 * (see htmlToPlainText). A simple comment (nine in ten of a generated corpus) is its HTML without
 * the tags (paragraphs and quotes are spaces, links join their neighbours) and with `&#x26;` as
 * `&`: the same text parsing gives (tested) for a fraction of the cost. Parsing every comment
 * again took 0.3-0.5 s of a cold 1,000-article build's main thread.
 */
export function commentPlainText(html: string): string {
  if (SIMPLE_HTML.test(html))
    return html
      .replace(/<\/?(?:p|blockquote)>/g, ' ')
      .replace(/<\/?a[^>]*>/g, '')
      .replaceAll('&#x26;', '&')
      .replace(/\s+/g, ' ')
      .trim();
  return htmlToPlainText(html);
}
