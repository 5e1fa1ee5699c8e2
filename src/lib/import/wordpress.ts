import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { type SiteSettings, siteSettingsSchema } from '../config.ts';
import { stringifyMarkdownFile } from '../content/parse.ts';
import { articleSchema, authorSchema, pageSchema } from '../content/schema.ts';
import { inYearRange, isoInZone, parseContentDate } from '../dates.ts';
import { htmlToPlainText } from '../html-text.ts';
import { articlePath, normaliseAlias } from '../permalink.ts';
import { formatIssues } from '../problems.ts';
import { slugify, tagKey } from '../slug.ts';
import { ToolError } from '../tools/cli.ts';
import { isHttpUrl, uniqueName } from '../tools/comment-file.ts';
import { RESERVED_TOP } from '../urls.ts';
import { type Attachment, safeDecode, UnconvertibleHtml, wordpressHtmlToMarkdown } from './html-to-markdown.ts';
import { emptyResult, type ImportResult, type SourceComment, threadComments } from './report.ts';

/**
 * WordPress export (WXR 1.1/1.2, Tools → Export) to content files: posts, pages, authors,
 * categories and tags, approved comments with their threads. Pure: returns the files to write
 * and everything it skipped or changed, with reasons; the CLI writes and prints.
 */

/** Site settings the import needs. */
export interface WordPressImportOptions {
  timeZone: string;
  permalink: string;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['item', 'wp:comment', 'category', 'wp:author', 'wp:postmeta'].includes(name),
});

/** Text of an element whether it came as a string, a CDATA node or an element with attributes. */
function text(node: unknown, key?: string): string {
  const v = key === undefined ? node : node && typeof node === 'object' ? (node as Node)[key] : undefined;
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return text((v as Node)['#text']);
  return '';
}

function list(node: unknown, key: string): Node[] {
  const v = node && typeof node === 'object' ? (node as Node)[key] : undefined;
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Node[]) : [];
}

/** WordPress dates: the GMT column when set, otherwise the local one read in the site's zone. */
function wpDate(gmt: string, local: string, timeZone: string): Date | undefined {
  const valid = (s: string) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(s.trim()) && !s.startsWith('0000');
  if (valid(gmt)) {
    const d = new Date(`${gmt.trim().replace(' ', 'T')}Z`);
    if (!Number.isNaN(d.getTime()) && inYearRange(d.getUTCFullYear())) return d;
  }
  return valid(local) ? parseContentDate(local.trim(), timeZone) : undefined;
}

function meta(item: Node, key: string): string | undefined {
  const m = list(item, 'wp:postmeta').find((pm) => text(pm, 'wp:meta_key') === key);
  return m ? text(m, 'wp:meta_value') : undefined;
}

interface WpAuthor {
  id: string;
  wpId: string;
  login: string;
}

/**
 * Everything one import builds up as it walks the export. The steps below each read one part of
 * the export and add to it, in the export's order, so files, notes and skips come out in that order.
 */
interface ImportRun {
  readonly opts: WordPressImportOptions;
  readonly result: ImportResult;
  /** Authors by login: posts name their author by login (dc:creator). */
  readonly authors: Map<string, WpAuthor>;
  /** Exported authors by WordPress user id, filled by readAuthors: logged-in comments name these. */
  readonly byUserId: Map<string, WpAuthor>;
  /** Author file names taken, so two logins that slugify alike get two files. */
  readonly authorIds: Set<string>;
  /** Attachments by post id: featured images and [gallery] read them. */
  readonly attachments: ReadonlyMap<string, Attachment>;
  readonly articleSlugs: Set<string>;
  readonly pageSlugs: Set<string>;
  /** Imported posts per author id, for the default author. */
  readonly postsBy: Map<string, number>;
  /** Built once: it depends only on the time zone, and every post is checked against it. */
  readonly articleSchema: ReturnType<typeof articleSchema>;
}

/** Parses a WXR document and plans every file; throws ToolError when it is not a WordPress export. */
export function importWordPress(xml: string, opts: WordPressImportOptions): ImportResult {
  const channel = readChannel(xml);
  const items = list(channel, 'item');
  const run: ImportRun = {
    opts,
    result: emptyResult(),
    authors: new Map(),
    byUserId: new Map(),
    authorIds: new Set(),
    attachments: readAttachments(items),
    articleSlugs: new Set(),
    pageSlugs: new Set(),
    postsBy: new Map(),
    articleSchema: articleSchema(opts.timeZone),
  };
  run.result.settings = channelSettings(channel, run.result.notes);
  readAuthors(run, channel);
  for (const node of items) {
    const admitted = admitItem(run.result, readItem(node));
    const entry = admitted && readEntry(run, admitted);
    if (entry?.kind === 'page') importPage(run, entry);
    else if (entry) importPost(run, entry);
  }
  setDefaultAuthor(run);
  return run.result;
}

/**
 * The export's <channel>, or a ToolError. Entities are where XML runs away (billion laughs,
 * external files), so they are refused before the parser sees them; everything else that is not
 * a WordPress export is refused here too, so the steps after it can trust the shape.
 */
function readChannel(xml: string): Node {
  // WordPress never writes a DOCTYPE, so an export with one is refused; only the five XML
  // entities and character references remain.
  if (/<!(?:DOCTYPE|ENTITY)\b/i.test(xml)) {
    throw new ToolError(
      'refused: the export declares a DOCTYPE or entities, which WordPress exports never do; remove the <!DOCTYPE …> part',
    );
  }
  try {
    SyntaxValidator.validate(xml);
  } catch (err) {
    const e = err as Error & { line?: number; col?: number };
    throw new ToolError(`not well-formed XML: ${e.message}${e.line ? ` (line ${e.line}, column ${e.col})` : ''}`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    // fast-xml-parser bounds nesting itself ("Maximum nested tags exceeded"); say so as a refusal, not a crash.
    throw new ToolError(`cannot read the export: ${(err as Error).message}`);
  }
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel || typeof channel !== 'object' || !text(channel, 'wp:wxr_version')) {
    throw new ToolError(
      'not a WordPress export: expected <rss><channel> with <wp:wxr_version> (export it from Tools → Export in WordPress)',
    );
  }
  return channel;
}

/** The export's author list, first: posts and logged-in comments refer to these authors. */
function readAuthors(run: ImportRun, channel: Node): void {
  for (const a of list(channel, 'wp:author')) {
    const login = text(a, 'wp:author_login');
    if (!login || run.authors.has(login)) continue;
    const author = addAuthor(run, login, decodeEntities(text(a, 'wp:author_display_name')), text(a, 'wp:author_id'));
    if (author.wpId) run.byUserId.set(author.wpId, author);
  }
}

/**
 * Plans one author file. Kept if it exists (keepIfExists): an author's own edits to their bio
 * outlive a re-import. Also called for a post whose author is missing from the author list, so
 * every article's `author` names a file.
 */
function addAuthor(run: ImportRun, login: string, name: string, wpId: string): WpAuthor {
  const { result, authorIds } = run;
  const id = uniqueName(slugify(login) || slugify(name) || `author-${wpId || authorIds.size + 1}`, authorIds);
  const data = { name: name.trim() || login };
  const check = authorSchema.safeParse(data);
  if (!check.success) throw new Error(`bug: author ${login}: ${formatIssues(check.error.issues).join('; ')}`);
  result.files.push({ path: `authors/${id}.md`, text: stringifyMarkdownFile(data, ''), keepIfExists: true });
  result.counts.authors++;
  const a = { id, wpId, login };
  run.authors.set(login, a);
  return a;
}

/**
 * Attachments by post id, read before any post: a post's featured image and its [gallery] name
 * attachments that may come later in the export. Attachments are not content of their own.
 */
function readAttachments(items: readonly Node[]): Map<string, Attachment> {
  const attachments = new Map<string, Attachment>();
  for (const item of items) {
    if (text(item, 'wp:post_type') !== 'attachment') continue;
    attachments.set(text(item, 'wp:post_id'), {
      url: text(item, 'wp:attachment_url') || text(item, 'guid'),
      alt: meta(item, '_wp_attachment_image_alt')?.trim() || undefined,
      title: decodeEntities(text(item, 'title')),
      parent: text(item, 'wp:post_parent') || undefined,
      order: Number(text(item, 'wp:menu_order')) || 0,
    });
  }
  return attachments;
}

/** What every item has, read once: the label names the item in every skip and note about it. */
interface Item {
  node: Node;
  type: string;
  postId: string;
  status: string;
  title: string;
  label: string;
  comments: Node[];
}

function readItem(node: Node): Item {
  const postId = text(node, 'wp:post_id');
  // Titles are plain text: "Title <em>With</em> Markup" would show its tags in headings and feeds.
  const title = htmlToPlainText(text(node, 'title'));
  return {
    node,
    type: text(node, 'wp:post_type'),
    postId,
    status: text(node, 'wp:status'),
    title,
    label: `${postId} "${title || '(untitled)'}"`,
    comments: list(node, 'wp:comment'),
  };
}

/**
 * Lists every comment of an item that is not imported, with the reason: no comment is dropped
 * without a line in the summary. `deliberate` is false where the comment is lost rather than
 * left out by a documented rule.
 */
function skipComments(result: ImportResult, item: Item, reason: string, deliberate = true): void {
  for (const c of item.comments) {
    result.skipped.push({ kind: 'comment', label: `${text(c, 'wp:comment_id')} on ${item.type} ${item.label}`, reason, deliberate });
  }
}

/** An item that is a post or a page with a status the site can show (or keep as a draft). */
interface Admitted extends Item {
  kind: 'post' | 'page';
  publishedLike: boolean;
  locked: boolean;
  draft: boolean;
}

/**
 * Which items become content, by post type and status. Pages have no drafts on this site, so a
 * page that is not published is left out where a post would become a draft; every item left out
 * is listed with its comments.
 */
function admitItem(result: ImportResult, item: Item): Admitted | undefined {
  const { type, status, label } = item;
  // Read by readAttachments; not content of their own.
  if (type === 'attachment') return undefined;
  if (type !== 'post' && type !== 'page') {
    result.skipped.push({ kind: 'item', label: `${type} ${label}`, reason: `post type ${type || '(none)'}` });
    skipComments(result, item, `its ${type} was not imported`);
    return undefined;
  }
  const kind = type === 'post' ? 'post' : 'page';
  const publishedLike = status === 'publish' || status === 'future';
  // A password-protected post was for some readers only: it is not published in the open.
  const locked = text(item.node, 'wp:post_password') !== '';
  if (locked && kind === 'page') {
    result.skipped.push({ kind, label, reason: 'password-protected (pages have no drafts here)', deliberate: true });
    skipComments(result, item, 'its page was password-protected');
    return undefined;
  }
  const draft = status === 'draft' || status === 'pending' || (locked && publishedLike);
  if (!publishedLike && !(draft && kind === 'post')) {
    const why = draft ? `${status} (pages have no drafts here)` : status || 'no status';
    result.skipped.push({ kind, label, reason: why });
    skipComments(result, item, `its ${kind} was not imported (${status})`);
    return undefined;
  }
  return { ...item, kind, publishedLike, locked, draft };
}

/** The parts a post and a page share, read once they are admitted. */
interface Entry extends Admitted {
  date: Date;
  /** wp:post_name, URL-decoded: the slug WordPress used. */
  postName: string;
  /** The slug before it is made unique among its kind. */
  baseSlug: string;
  converted: ReturnType<typeof wordpressHtmlToMarkdown>;
  excerpt: string;
  displayTitle: string;
}

/**
 * Date, slug, body and title of an admitted item. An item without a readable date or with HTML
 * the converter refuses is listed and left out (with its comments counted as lost), rather than
 * imported with a made-up date or a broken body.
 */
function readEntry(run: ImportRun, item: Admitted): Entry | undefined {
  const { result } = run;
  const { node, kind, label, postId, title } = item;
  const date = wpDate(text(node, 'wp:post_date_gmt'), text(node, 'wp:post_date'), run.opts.timeZone);
  if (!date) {
    result.skipped.push({ kind, label, reason: 'no readable date' });
    skipComments(result, item, `its ${kind} was not imported (no date)`, false);
    return undefined;
  }
  const postName = safeDecode(text(node, 'wp:post_name'));
  // A slug needs a letter: "パートナー会議 2011" would otherwise become "2011".
  const baseSlug = [slugify(postName), slugify(title)].find((s) => /[a-z]/.test(s)) ?? `${kind}-${postId}`;
  let converted: ReturnType<typeof wordpressHtmlToMarkdown>;
  try {
    converted = wordpressHtmlToMarkdown(text(node, 'content:encoded'), { attachments: run.attachments, postId });
  } catch (err) {
    if (!(err instanceof UnconvertibleHtml)) throw err;
    result.skipped.push({ kind, label, reason: 'content cannot be converted', detail: err.message });
    skipComments(result, item, `its ${kind} was not imported (content cannot be converted)`, false);
    return undefined;
  }
  const excerpt = htmlToPlainText(text(node, 'excerpt:encoded'));
  const displayTitle = title || `Untitled ${kind} ${postId}`;
  if (!title) result.notes.push(`${kind} ${postId} has no title; it is called "${displayTitle}"`);
  return { ...item, date, postName, baseSlug, converted, excerpt, displayTitle };
}

/**
 * A page slug that cannot collide with the site's own pages: a page called "search" would hide
 * the search page, so it is renamed (and said so) rather than refused. The reserved names are
 * the loader's (RESERVED_TOP), so an imported page never fails the build's check.
 */
function pageSlug(run: ImportRun, entry: Entry): string {
  let slug = entry.baseSlug;
  if (RESERVED_TOP.has(slug)) {
    run.result.notes.push(`page ${entry.label}: slug "${slug}" is one of the site's own pages; renamed to ${slug}-page`);
    slug = `${slug}-page`;
  }
  return uniqueName(slug, run.pageSlugs);
}

/**
 * A page file. Pages live at the top level here, so a nested WordPress page keeps its old path as
 * an alias; an old path the alias rule refuses is dropped with a note rather than losing the page.
 */
function importPage(run: ImportRun, entry: Entry): void {
  const { result } = run;
  const { kind, label, converted } = entry;
  const slug = pageSlug(run, entry);
  const file = `pages/${slug}.md`;
  // Nested pages (/about/clearing-floats/) move to the top level; the old path redirects.
  const oldPath = oldUrlPath(text(entry.node, 'link'));
  const alias = oldPath && oldPath !== `/${slug}/` ? oldPath : undefined;
  let data: Record<string, unknown> = {
    title: entry.displayTitle,
    description: entry.excerpt || undefined,
    aliases: alias ? [alias] : undefined,
  };
  const pageCheck = () => pageSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
  let check = pageCheck();
  if (!check.success && alias) {
    result.notes.push(`${file}: the old URL ${alias} cannot be a redirect (${formatIssues(check.error.issues).join('; ').trim()})`);
    data = { ...data, aliases: undefined };
    check = pageCheck();
  }
  if (!check.success) {
    result.skipped.push({ kind, label, reason: `invalid: ${formatIssues(check.error.issues).join('; ').trim()}` });
    skipComments(result, entry, 'its page was not imported', false);
    return;
  }
  if (entry.draft)
    result.notes.push(`${file}: ${entry.status === 'publish' ? 'published' : entry.status}; pages have no drafts, so it is published`);
  result.files.push({ path: file, text: stringifyMarkdownFile(data, converted.markdown) });
  result.counts.pages++;
  for (const note of converted.notes) result.notes.push(`${file}: ${note}`);
  // Decided: pages have no comment threads (README, "Importing"); their comments are counted here.
  skipComments(result, entry, 'on a page (pages have no comment threads)');
}

/**
 * An article file and its comments. The front matter is checked against the article schema
 * before the file is planned, so the import never writes a file the build would refuse.
 */
function importPost(run: ImportRun, entry: Entry): void {
  const { result, opts } = run;
  const { node, kind, label, converted, draft, locked } = entry;
  const slug = uniqueName(entry.baseSlug, run.articleSlugs);
  const file = `articles/${slug}.md`;
  const author = postAuthor(run, node, file);
  const tags = postTags(node);
  const alias = postAlias(run, entry, slug, file);
  const { image, imageAlt } = featuredImage(run, node, file);
  const data = {
    title: entry.displayTitle,
    date: isoInZone(entry.date, opts.timeZone),
    author: author.id,
    tags: tags.length ? tags : undefined,
    description: entry.excerpt || undefined,
    draft: draft || undefined,
    commentsClosed: text(node, 'wp:comment_status') === 'closed' || undefined,
    image,
    imageAlt,
    aliases: alias ? [alias] : undefined,
  };
  const check = run.articleSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
  if (!check.success) {
    result.skipped.push({ kind, label, reason: `invalid: ${formatIssues(check.error.issues).join('; ').trim()}` });
    skipComments(result, entry, 'its post was not imported', false);
    return;
  }
  result.files.push({ path: file, text: stringifyMarkdownFile(data, converted.markdown) });
  result.counts.posts++;
  if (draft) result.counts.drafts++;
  if (locked)
    result.notes.push(`${file}: password-protected in WordPress; imported as a draft (draft: true) so it is not published in the open`);
  for (const note of converted.notes) result.notes.push(`${file}: ${note}`);
  importComments(run, entry, slug, author);
  run.postsBy.set(author.id, (run.postsBy.get(author.id) ?? 0) + 1);
}

/** The post's author by login; one missing from the export's author list gets a file, with a note. */
function postAuthor(run: ImportRun, node: Node, file: string): WpAuthor {
  const login = text(node, 'dc:creator');
  const known = run.authors.get(login);
  if (known) return known;
  const author = addAuthor(run, login || 'unknown', login || 'Unknown', '');
  run.result.notes.push(`${file}: author "${login}" is not in the export's author list; created authors/${author.id}.md`);
  return author;
}

/**
 * Categories and tags both become tags (the site has one kind), without repeats that differ only
 * in case or spacing. "Uncategorized" is WordPress's placeholder, not a topic.
 */
function postTags(node: Node): string[] {
  const seenTags = new Set<string>();
  const tags: string[] = [];
  for (const cat of list(node, 'category')) {
    const domain = text(cat, '@_domain');
    if (domain !== 'category' && domain !== 'post_tag') continue;
    if (domain === 'category' && text(cat, '@_nicename') === 'uncategorized') continue;
    const name = decodeEntities(text(cat)).trim();
    if (name && !seenTags.has(tagKey(name))) {
      seenTags.add(tagKey(name));
      tags.push(name);
    }
  }
  return tags;
}

/**
 * The old URL as an alias, so links to the old blog keep working: the item's link, else (for an
 * export without links) WordPress's default date-and-name path. None when it equals the new path,
 * and a ?p=123 link is only noted: a static host cannot redirect on a query string.
 */
function postAlias(run: ImportRun, entry: Entry, slug: string, file: string): string | undefined {
  const { node, postName, publishedLike } = entry;
  const newPath = articlePath(run.opts.permalink, slug, entry.date, run.opts.timeZone);
  let alias: string | undefined;
  const link = text(node, 'link');
  const fromLink = oldUrlPath(link);
  if (fromLink) alias = fromLink;
  else if (!link && postName && publishedLike) {
    const local = text(node, 'wp:post_date').slice(0, 10).split('-');
    alias = normaliseAlias(`/${local.join('/')}/${postName}/`);
  } else if (/[?&]p=\d+/.test(link) && publishedLike) {
    run.result.notes.push(
      `${file}: the old URL ${link} has a query string, which a static host cannot redirect; add a rule on the server if it matters`,
    );
  }
  return alias === newPath ? undefined : alias;
}

/**
 * The featured image, only with alt text and an http(s) URL: the schema requires alt text for an
 * image, and a card or feed cannot use a relative one. Otherwise a note says why it was not set.
 */
function featuredImage(run: ImportRun, node: Node, file: string): { image?: string; imageAlt?: string } {
  const thumb = meta(node, '_thumbnail_id');
  if (!thumb) return {};
  const a = run.attachments.get(thumb);
  if (a?.alt && isHttpUrl(a.url)) return { image: a.url, imageAlt: a.alt };
  run.result.notes.push(
    `${file}: featured image ${a ? a.url : `#${thumb}`} not set as image (${a ? 'it has no alt text' : 'not in the export'})`,
  );
  return {};
}

/** The default author for `npm run new`: whoever wrote the most posts (the first one on a tie). */
function setDefaultAuthor(run: ImportRun): void {
  const top = [...run.postsBy].sort(([, a], [, b]) => b - a)[0]?.[0];
  if (top && run.result.settings) run.result.settings.defaultAuthor = top;
}

/**
 * The site's own settings from the channel: title, tagline, origin, language. A value the site
 * would refuse is left out with a note, so the site keeps its own.
 */
function channelSettings(channel: Node, notes: string[]): SiteSettings {
  const candidate: Record<string, unknown> = {
    title: htmlToPlainText(text(channel, 'title')) || undefined,
    tagline: htmlToPlainText(text(channel, 'description')) || undefined,
    language: text(channel, 'language').trim() || undefined,
  };
  const link = text(channel, 'wp:base_blog_url') || text(channel, 'link');
  try {
    const u = new URL(link);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      candidate.url = u.origin;
      if (u.pathname.replace(/\/+$/, ''))
        notes.push(`site.yml: url is ${u.origin}; the old blog lived under ${u.pathname}, which the new site does not`);
    }
  } catch {
    // no usable address: the site keeps its own
  }
  const settings: SiteSettings = {};
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const one = siteSettingsSchema.safeParse({ [key]: value });
    if (one.success) Object.assign(settings, one.data);
    else
      notes.push(
        `site.yml: the export's ${key} ${JSON.stringify(value)} is not usable (${formatIssues(one.error.issues).join('; ').trim()})`,
      );
  }
  return settings;
}

/** The path of an old WordPress URL, decoded; undefined for the front page and ?p=123 links. */
function oldUrlPath(link: string): string | undefined {
  if (!link) return undefined;
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return undefined;
  }
  if (u.pathname === '/' || u.search) return undefined;
  let p = u.pathname;
  try {
    p = decodeURI(p);
  } catch {
    // keep it encoded
  }
  return normaliseAlias(p);
}

/** What every comment of one post is read against. */
interface PostComments {
  slug: string;
  label: string;
  /** The post's author, named in the badge rule of their own replies. */
  author: WpAuthor;
  /** Exported authors by WordPress user id: the only record that makes a comment the author's. */
  byUserId: ReadonlyMap<string, WpAuthor>;
  /** Each comment's parent id (undefined for a thread's first comment). */
  parents: ReadonlyMap<string, string | undefined>;
  /** Comments not imported, by id, with the reason: replies to them are re-threaded and say why. */
  skippedKeys: Map<string, string>;
  timeZone: string;
}

/** One post's comments: approved ones become files, the rest are listed with the reason. */
function importComments(run: ImportRun, entry: Entry, slug: string, author: WpAuthor): void {
  const { result } = run;
  const { timeZone } = run.opts;
  const post: PostComments = {
    slug,
    label: entry.label,
    author,
    byUserId: run.byUserId,
    parents: commentParents(entry.comments),
    skippedKeys: new Map(),
    timeZone,
  };
  const accepted: SourceComment[] = [];
  for (const c of entry.comments) {
    const comment = importComment(result, post, c);
    if (comment) accepted.push(comment);
  }
  threadComments(slug, accepted, post.parents, post.skippedKeys, timeZone, result);
}

/** Each comment's parent id, read before any is imported: a reply may come before its parent. */
function commentParents(comments: readonly Node[]): Map<string, string | undefined> {
  const parents = new Map<string, string | undefined>();
  for (const c of comments) {
    const key = text(c, 'wp:comment_id');
    const parent = text(c, 'wp:comment_parent');
    parents.set(key, parent && parent !== '0' ? parent : undefined);
  }
  return parents;
}

/**
 * Why a comment is left out on purpose before its text is read: pingbacks, trackbacks and other
 * comment types are not conversation, and only approved comments were ever shown to readers.
 */
function moderationSkip(c: Node): string | undefined {
  const type = text(c, 'wp:comment_type');
  if (type === 'pingback' || type === 'trackback') return type;
  if (type && type !== 'comment') return `comment type ${type}`;
  const approved = text(c, 'wp:comment_approved');
  if (approved === '1') return undefined;
  if (approved === '0') return 'unapproved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'trash';
  return `status ${approved}`;
}

/**
 * One comment, ready to thread, or undefined with the reason
 * listed. A web site that is not http(s) is dropped with a note rather than losing the comment.
 */
function importComment(result: ImportResult, post: PostComments, c: Node): SourceComment | undefined {
  const { slug } = post;
  const key = text(c, 'wp:comment_id');
  const name = decodeEntities(text(c, 'wp:comment_author')).trim();
  const cLabel = `${key} on post ${post.label} by ${name || 'Anonymous'}`;
  const skip = (reason: string, deliberate = true) => {
    post.skippedKeys.set(key, reason);
    result.skipped.push({ kind: 'comment', label: cLabel, reason, deliberate });
  };
  const moderated = moderationSkip(c);
  if (moderated) {
    skip(moderated);
    return undefined;
  }
  const date = wpDate(text(c, 'wp:comment_date_gmt'), text(c, 'wp:comment_date'), post.timeZone);
  if (!date) {
    skip('no readable date', false);
    return undefined;
  }
  let converted: ReturnType<typeof wordpressHtmlToMarkdown>;
  try {
    converted = wordpressHtmlToMarkdown(text(c, 'wp:comment_content'));
  } catch (err) {
    if (!(err instanceof UnconvertibleHtml)) throw err;
    post.skippedKeys.set(key, 'text cannot be converted');
    result.skipped.push({ kind: 'comment', label: cLabel, reason: 'text cannot be converted', detail: err.message });
    return undefined;
  }
  if (!converted.markdown.trim()) {
    skip('empty');
    return undefined;
  }
  const rawUrl = text(c, 'wp:comment_author_url').trim();
  const url = rawUrl && rawUrl !== 'http://' && isHttpUrl(rawUrl) ? rawUrl : undefined;
  if (rawUrl && rawUrl !== 'http://' && !url)
    result.notes.push(`comments/${slug}: comment ${key}: web site ${JSON.stringify(rawUrl)} dropped (not an http(s) URL)`);
  const staff = commentStaff(result, post, c, key, name);
  for (const note of converted.notes) result.notes.push(`comments/${slug}: comment ${key}: ${note}`);
  return {
    key,
    parentKey: post.parents.get(key),
    label: `comment ${key} by ${name || 'Anonymous'}`,
    comment: { author: name || 'Anonymous', date, staff, url, body: converted.markdown },
  };
}

/**
 * The author id for the Author badge, listed for review. Only WordPress's own record of a
 * logged-in author counts: anyone can type an author's name or e-mail.
 */
function commentStaff(result: ImportResult, post: PostComments, c: Node, key: string, name: string): string | undefined {
  const userId = text(c, 'wp:comment_user_id');
  const writer = userId && userId !== '0' ? post.byUserId.get(userId) : undefined;
  if (writer)
    result.staff.push({
      label: `comments/${post.slug}: comment ${key} by ${name || 'Anonymous'}`,
      author: writer.id,
      rule: `WordPress user id ${userId}, ${writer === post.author ? "the post's author" : 'an author of the site'}`,
    });
  return writer?.id;
}

/**
 * A WordPress text field (a display name, a category) as written: WordPress stores them with
 * character references (&#8217;, &amp;), so they are decoded once, by the HTML parser's own
 * tables; a literal "<" is text, not a tag.
 */
function decodeEntities(text: string): string {
  return htmlToPlainText(text.replace(/</g, '&lt;'));
}
