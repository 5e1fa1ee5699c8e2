import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

/**
 * WordPress HTML (post_content, comment_content) to Markdown: WordPress's own formatting rules
 * first (autop, shortcodes, auto-embeds), then turndown with GitHub tables. Every shortcode or
 * element that cannot be carried over is reported in `notes` rather than dropped unseen.
 */

/** A media file known from the export, for [gallery ids="…"] and featured images. */
export interface Attachment {
  url: string;
  alt?: string | undefined;
  title?: string | undefined;
  /** Post id of the post it was uploaded to (wp:post_parent): `[gallery]` without ids shows these. */
  parent?: string | undefined;
  /** wp:menu_order, the order WordPress gives a post's attachments in a gallery. */
  order?: number | undefined;
}

/** What the conversion needs besides the HTML. */
export interface ConvertOptions {
  /** Attachments by post id, for galleries. */
  attachments?: ReadonlyMap<string, Attachment>;
  /** The post being converted, for `[gallery]` without ids (its attached images). */
  postId?: string | undefined;
}

/** Markdown plus anything worth telling the person importing. */
export interface Converted {
  markdown: string;
  notes: string[];
}

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe)';

/**
 * Replaces each match of `open` together with the text up to the first `close` after it, in one
 * pass. A lazy `open[\s\S]*?close` regex rescans to the end for every opener that is never
 * closed, which takes minutes on a hostile export; here an opener without a closer costs one
 * search, and once a closer is known to be absent after some point it is not searched again.
 * `close` (matched case-insensitively) returns undefined for an opener that needs no closer;
 * `replace` gets the whole text matched and the inner text (undefined when unclosed).
 */
function replacePairs(
  text: string,
  open: RegExp,
  close: (m: RegExpExecArray) => string | undefined,
  replace: (whole: string, m: RegExpExecArray, inner: string | undefined) => string,
): string {
  const lower = text.toLowerCase();
  const absentFrom = new Map<string, number>();
  const re = new RegExp(open.source, open.flags.includes('g') ? open.flags : `${open.flags}g`);
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const afterOpen = m.index + m[0].length;
    const closer = close(m)?.toLowerCase();
    let end = afterOpen;
    let inner: string | undefined;
    if (closer !== undefined) {
      const absent = absentFrom.get(closer);
      const at = absent !== undefined && afterOpen >= absent ? -1 : lower.indexOf(closer, afterOpen);
      if (at === -1) absentFrom.set(closer, Math.min(absent ?? afterOpen, afterOpen));
      else {
        inner = text.slice(afterOpen, at);
        end = at + closer.length;
      }
    }
    out += text.slice(last, m.index) + replace(text.slice(m.index, end), m, inner);
    last = end;
    re.lastIndex = Math.max(end, m.index + 1);
  }
  return out + text.slice(last);
}

/**
 * A port of the parts of WordPress's wpautop() that decide structure: text separated by blank
 * lines becomes paragraphs, single newlines become <br>, and block elements are not wrapped.
 * Content of <pre>, <script> and <style> is left alone.
 */
export function wpautop(html: string): string {
  if (!html.trim()) return '';
  const kept: string[] = [];
  let pee = replacePairs(
    html,
    /<(pre|script|style)[\s>]/i,
    (m) => `</${m[1]}>`,
    (whole, _m, inner) => (inner === undefined ? whole : `<wp-kept-${kept.push(whole) - 1}></wp-kept>`),
  );
  pee = `${pee.replace(/\r\n?/g, '\n')}\n`;
  // Newlines inside tags (attributes over several lines) are not paragraph breaks.
  pee = pee.replace(/<[^<>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  pee = pee.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  pee = pee.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  pee = pee.replace(new RegExp(`(</${BLOCKS}>)`, 'gi'), '$1\n\n');
  pee = pee.replace(/<wp-kept-\d+><\/wp-kept>/g, '\n\n$&\n\n');
  pee = pee.replace(/\n\n+/g, '\n\n');
  pee = pee
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim())
    .map((chunk) => `<p>${chunk.trim()}</p>\n`)
    .join('');
  pee = pee.replace(/<p>\s*<\/p>/g, '');
  pee = pee.replace(/<p>([^<]+)<\/(div|address|form)>/gi, '<p>$1</p></$2>');
  pee = pee.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^<>]*>)\\s*</p>`, 'gi'), '$1');
  pee = pee.replace(/<p>(<li.+?)<\/p>/gi, '$1');
  pee = pee.replace(/<p><blockquote([^<>]*)>/gi, '<blockquote$1><p>');
  pee = pee.replace(/<\/blockquote><\/p>/gi, '</p></blockquote>');
  pee = pee.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^<>]*>)`, 'gi'), '$1');
  pee = pee.replace(new RegExp(`(</?${BLOCKS}[^<>]*>)\\s*</p>`, 'gi'), '$1');
  pee = pee.replace(/<p>\s*(<wp-kept-\d+><\/wp-kept>)\s*<\/p>/g, '$1');
  // Remaining single newlines inside paragraphs are line breaks.
  pee = pee.replace(/(?<!<br \/>)\s*\n/g, '<br />\n');
  pee = pee.replace(new RegExp(`(</?${BLOCKS}[^<>]*>)\\s*<br />`, 'gi'), '$1');
  pee = pee.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^<>]*>)/gi, '$1');
  pee = pee.replace(/<br \/>(\s*<wp-kept-)/g, '$1').replace(/(<\/wp-kept>)\s*<br \/>/g, '$1');
  pee = pee.replace(/<wp-kept-(\d+)><\/wp-kept>/g, (_, i: string) => kept[Number(i)] ?? '');
  return pee;
}

/** Shortcode attributes: key="v", key='v', key=v and bare values (kept under their index). */
function shortcodeAttrs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  for (const m of text.matchAll(/([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g)) {
    if (m[1]) out[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3]) out[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5]) out[m[5].toLowerCase()] = m[6] ?? '';
    else out[String(i++)] = m[7] ?? m[8] ?? '';
  }
  return out;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A link standing in for an embedded player: a YouTube embed URL becomes its watch page, the
 * link text names the provider (or the embed's own title).
 */
export function embedLink(src: string, title?: string): string {
  let url = src.trim().replace(/^\/\//, 'https://');
  let label = title?.trim() || '';
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    const yt = /(?:^|\.)youtube(?:-nocookie)?\.com$/.test(host) ? /^\/(?:embed|v)\/([\w-]{6,})/.exec(u.pathname) : null;
    if (yt) url = `https://www.youtube.com/watch?v=${yt[1]}`;
    const vimeo = host === 'player.vimeo.com' ? /^\/video\/(\d+)/.exec(u.pathname) : null;
    if (vimeo) url = `https://vimeo.com/${vimeo[1]}`;
    if (!label) {
      if (/youtube|youtu\.be/.test(host)) label = 'Watch the video on YouTube';
      else if (/vimeo\.com$/.test(host)) label = 'Watch the video on Vimeo';
      else label = `View the embedded content on ${host}`;
    }
  } catch {
    label ||= 'View the embedded content';
  }
  return `<p><a href="${escapeAttr(url)}">${escapeAttr(label)}</a></p>`;
}

/** Hosts WordPress turns into players when their URL stands alone on a line (oEmbed). */
const OEMBED =
  /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/watch|youtu\.be\/|vimeo\.com\/\d|twitter\.com\/|x\.com\/|soundcloud\.com\/|slideshare\.net\/|(?:www\.)?slideshare\.net\/|instagram\.com\/|flickr\.com\/|ted\.com\/talks\/)/i;

/** Expands the shortcodes WordPress sites commonly use into HTML; notes the ones it cannot. */
export function expandShortcodes(html: string, opts: ConvertOptions, notes: string[]): string {
  const known = /\[(caption|wp_caption|embed|youtube|vimeo|audio|video|gallery)(?![\w-])([^\][]*?)(\/?)\]/i;
  let out = replacePairs(
    html,
    known,
    (m) => (m[3] ? undefined : `[/${m[1]}]`),
    (_all, m, inner) => {
      const name = (m[1] ?? '').toLowerCase();
      const attrs = shortcodeAttrs((m[2] ?? '').replace(/^=/, ' '));
      const content = inner ?? '';
      switch (name) {
        case 'caption':
        case 'wp_caption': {
          const media = /^\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/i.exec(content)?.[0] ?? '';
          const caption = (attrs.caption ?? content.slice(media.length)).trim();
          return `\n\n<figure>${media.trim()}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>\n\n`;
        }
        case 'embed':
          return `\n\n${embedLink(content.trim() || attrs.src || attrs.url || '')}\n\n`;
        case 'youtube':
        case 'vimeo': {
          const target = attrs['0'] ?? attrs.url ?? attrs.id ?? content.trim();
          const url = /^https?:/.test(target)
            ? target
            : name === 'youtube'
              ? `https://www.youtube.com/watch?v=${target}`
              : `https://vimeo.com/${target}`;
          return `\n\n${embedLink(url.replace(/&amp;/g, '&'))}\n\n`;
        }
        case 'audio':
        case 'video': {
          // [audio https://…/a.mp3] names the file as its first, bare argument.
          const bare = /^https?:\/\//i.test(attrs['0'] ?? '') ? attrs['0'] : undefined;
          const src = attrs.src ?? attrs.mp3 ?? attrs.mp4 ?? attrs.m4a ?? attrs.ogg ?? attrs.webm ?? attrs.wav ?? bare ?? '';
          if (!src) {
            notes.push(`[${name}] without a file URL removed`);
            return '';
          }
          const file = safeDecode(src.split(/[?#]/)[0]?.split('/').pop() ?? src);
          return `\n\n<p><a href="${escapeAttr(src)}">${name === 'audio' ? 'Listen' : 'Watch'}: ${escapeAttr(file)}</a></p>\n\n`;
        }
        default: {
          const ids = (attrs.ids ?? attrs.include ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          const images = ids.length
            ? ids.map((id) => opts.attachments?.get(id)).filter((a): a is Attachment => Boolean(a))
            : attachedImages(opts);
          if (images.length < ids.length) notes.push(`[gallery] names ${ids.length - images.length} image(s) missing from the export`);
          if (!ids.length && !images.length) notes.push('[gallery] without ids: the export has no images attached to this post');
          return `\n\n${images.map((a) => `<p><img src="${escapeAttr(a.url)}" alt="${escapeAttr(a.alt ?? '')}"></p>`).join('\n\n')}\n\n`;
        }
      }
    },
  );
  // Auto-embeds: a media URL alone on its line.
  out = out.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (line, url: string) => (OEMBED.test(url) ? embedLink(url) : line));
  // Shortcodes left: a pair ([x]…[/x]), a self-closing one ([x /]) or one with arguments
  // ([contact-form-7 id="12"], [wpvideo abc]). A bare word in brackets ("[sic]") is text.
  replacePairs(
    out,
    /\[([a-z][\w-]*)(?![\w-])([^\][]*?)(\/?)\]/i,
    (m) => (m[3] ? undefined : `[/${m[1]}]`),
    (whole, m, inner) => {
      if (inner !== undefined || m[3] || /\S/.test(m[2] ?? '')) {
        const code = whole.length > 80 ? `${whole.slice(0, 77)}…` : whole;
        notes.push(`shortcode ${code} is not supported and was left as text`);
      }
      return whole;
    },
  );
  return out;
}

/**
 * Image attachments by parent post, each list in WordPress's gallery order; grouped once per
 * attachments map, so a [gallery] without ids does not scan every attachment of the export.
 */
const imagesByParent = new WeakMap<ReadonlyMap<string, Attachment>, ReadonlyMap<string, readonly Attachment[]>>();

/** The images attached to the post being converted, in WordPress's gallery order. */
function attachedImages(opts: ConvertOptions): readonly Attachment[] {
  if (!opts.postId || !opts.attachments) return [];
  let byParent = imagesByParent.get(opts.attachments);
  if (!byParent) {
    const groups = new Map<string, Attachment[]>();
    const images = [...opts.attachments]
      .filter(([, a]) => a.parent !== undefined && /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i.test(a.url))
      .sort(([ia, a], [ib, b]) => (a.order ?? 0) - (b.order ?? 0) || Number(ia) - Number(ib));
    for (const [, a] of images) {
      const group = groups.get(a.parent as string);
      if (group) group.push(a);
      else groups.set(a.parent as string, [a]);
    }
    byParent = groups;
    imagesByParent.set(opts.attachments, byParent);
  }
  return byParent.get(opts.postId) ?? [];
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Tables whose first row has no header cells get one: GitHub tables need a header row. */
function promoteHeaderRows(html: string): string {
  return replacePairs(
    html,
    /<table\b[^<>]*>/i,
    () => '</table>',
    (table, _m, inner) => {
      if (inner === undefined || /<th[\s>]/i.test(table)) return table;
      let first = true;
      return replacePairs(
        table,
        /<tr\b[^<>]*>/i,
        () => '</tr>',
        (row, _r, cells) => {
          if (!first || cells === undefined) return row;
          first = false;
          return row.replace(/<(\/?)td\b/gi, '<$1th');
        },
      );
    },
  );
}

/** Text of an element with each <br> as a line break (textContent drops them). */
function textWithBreaks(node: Node): string {
  if (node.nodeName === 'BR') return '\n';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  let out = '';
  for (const child of Array.from(node.childNodes)) out += textWithBreaks(child);
  return out;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(text: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `\n\n${fence}${lang}\n${text}\n${fence}\n\n`;
}

/**
 * The block editor's verse block is a <pre> of poetry: it becomes a paragraph with its line
 * breaks, not code. Line breaks written as <br> inside any <pre> are kept as lines.
 */
function preparePre(html: string): string {
  return replacePairs(
    html,
    /<pre\b([^<>]*)>/i,
    () => '</pre>',
    (whole, m, inner) => {
      if (inner === undefined) return whole;
      const attrs = m[1] ?? '';
      if (/class\s*=\s*["'][^"']*\bwp-block-verse\b/i.test(attrs)) {
        return `<p>${inner
          .replace(/\r\n?/g, '\n')
          .replace(/^\n+|\n+$/g, '')
          .replace(/<br\s*\/?>\n?|\n/gi, '<br>')}</p>`;
      }
      return `<pre${attrs}>${inner}</pre>`;
    },
  );
}

let service: TurndownService | undefined;
function turndown(): TurndownService {
  if (service) return service;
  const t = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', hr: '---' });
  t.use(gfm);
  t.remove(['script', 'style', 'noscript', 'form']);
  // Text that WordPress showed as "<script>" (written &lt;script&gt;) must stay text: Markdown
  // would pass a bare "<" through as HTML, and "&copy;" as an entity.
  const markdownEscape = t.escape.bind(t);
  t.escape = (s: string) =>
    markdownEscape(s)
      .replace(/&(?=#?\w+;)/g, '&amp;')
      .replace(/</g, '&lt;');
  t.addRule('listItemTight', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1') || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${body}${node.nextSibling && !/\n$/.test(body) ? '\n' : ''}`;
    },
  });
  // turndown-plugin-gfm leaves | inside cells unescaped and lets newlines break the row.
  t.addRule('tableCellSafe', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const cell = node as HTMLElement;
      const index = Array.prototype.indexOf.call(cell.parentNode?.childNodes ?? [], cell);
      const text = content
        .replace(/\|/g, '\\|')
        .replace(/\s*\n+\s*/g, ' ')
        .trim();
      return `${index === 0 ? '| ' : ' '}${text} |`;
    },
  });
  // WordPress writes code as <pre> without <code>; turndown would flatten it into paragraphs.
  t.addRule('plainPre', {
    filter: (node) => node.nodeName === 'PRE' && node.firstElementChild?.nodeName !== 'CODE',
    replacement: (_content, node) => fenced(textWithBreaks(node).replace(/\n+$/, '')),
  });
  // The block editor's code block (<pre><code>) may carry <br> line breaks too; keep them and the language.
  t.addRule('codeBlock', {
    filter: (node) => node.nodeName === 'PRE' && node.firstElementChild?.nodeName === 'CODE',
    replacement: (_content, node) => {
      const code = (node as HTMLElement).firstElementChild as HTMLElement;
      const lang = /(?:^|\s)language-([\w+-]+)/.exec(code.getAttribute('class') ?? '')?.[1] ?? '';
      return fenced(textWithBreaks(code).replace(/\n+$/, ''), lang);
    },
  });
  // Multi-line inline code (a <code> run with line breaks outside <pre>) keeps its lines as a block.
  t.addRule('multilineCode', {
    filter: (node) => node.nodeName === 'CODE' && node.parentNode?.nodeName !== 'PRE' && /\n/.test(textWithBreaks(node)),
    replacement: (_content, node) => fenced(textWithBreaks(node).replace(/^\n+|\n+$/g, '')),
  });
  // Markdown has no sub- and superscript: the elements themselves carry the meaning ("E = MC<sup>2</sup>").
  t.addRule('subSup', {
    filter: ['sub', 'sup'],
    replacement: (content, node) => {
      const tag = node.nodeName.toLowerCase();
      return content.trim() ? `<${tag}>${content}</${tag}>` : '';
    },
  });
  t.addRule('inlineQuote', { filter: 'q', replacement: (content) => `“${content}”` });
  // A figure keeps its caption as a caption: CommonMark reads the Markdown between the tags.
  t.addRule('figure', {
    filter: 'figure',
    replacement: (content) => `\n\n<figure>\n\n${content.trim()}\n\n</figure>\n\n`,
  });
  t.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n<figcaption>\n\n${content.trim()}\n\n</figcaption>\n\n` : ''),
  });
  // The page's title is its one h1; headings in the body start at h2.
  t.addRule('noH1', { filter: 'h1', replacement: (content) => `\n\n## ${content.replace(/\n+/g, ' ').trim()}\n\n` });
  t.addRule('embeds', {
    filter: ['iframe', 'embed', 'object', 'video', 'audio'],
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      const src =
        el.getAttribute('src') ??
        el.getAttribute('data') ??
        el.querySelector('source[src], embed[src]')?.getAttribute('src') ??
        el.querySelector('param[name="movie"]')?.getAttribute('value');
      if (!src) return '';
      const html = embedLink(src, el.getAttribute('title') ?? undefined);
      const href = /href="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? src;
      const label =
        />([^<]*)<\/a>/
          .exec(html)?.[1]
          ?.replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&quot;/g, '"') ?? src;
      return `\n\n[${label.replace(/[[\]\\]/g, '\\$&')}](${href.replace(/[()\s]/g, encodeURIComponent)})\n\n`;
    },
  });
  service = t;
  return t;
}

/** HTML an import cannot convert (nested deeper than any real post), with the reason. */
export class UnconvertibleHtml extends Error {
  override name = 'UnconvertibleHtml';
}

/** How deep elements may nest in imported HTML; real posts stay far below, a parser's stack does not. */
export const MAX_HTML_DEPTH = 100;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements a parser closes by itself when the next one starts (<p>, <li>, cells): they do not nest unclosed. */
const SELF_ENDING = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'colgroup',
  'rb',
  'rt',
  'rp',
]);

/** The deepest nesting of elements in `html`, in one pass over its tags (close tags of open elements only). */
export function htmlDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-z][\w-]*)[^<>]*?(\/?)>/gi)) {
    const name = (m[2] ?? '').toLowerCase();
    if (VOID.has(name) || SELF_ENDING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * Converts WordPress HTML to Markdown (autop, shortcodes, embeds, tables, images). Throws
 * UnconvertibleHtml for HTML nested deeper than MAX_HTML_DEPTH (the converter recurses per level).
 */
export function wordpressHtmlToMarkdown(html: string, opts: ConvertOptions = {}): Converted {
  const depth = htmlDepth(html);
  if (depth > MAX_HTML_DEPTH) throw new UnconvertibleHtml(`HTML nested ${depth} levels deep (the limit is ${MAX_HTML_DEPTH})`);
  try {
    return convert(html, opts);
  } catch (err) {
    if (err instanceof RangeError) throw new UnconvertibleHtml('HTML too deeply nested to convert');
    throw err;
  }
}

function convert(html: string, opts: ConvertOptions): Converted {
  const notes: string[] = [];
  const uncommented = replacePairs(
    html,
    /<!--/,
    () => '-->',
    (whole, _m, inner) => (inner === undefined ? whole : ''),
  );
  const expanded = preparePre(expandShortcodes(uncommented, opts, notes));
  const markdown = turndown()
    .turndown(promoteHeaderRows(wpautop(expanded)))
    .replace(/[ \t]+$/gm, (s) => (s === '  ' ? s : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown, notes: [...new Set(notes)] };
}
