import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { type SiteSettings, siteSettingsSchema } from '../config.ts';
import { stringifyMarkdownFile } from '../content/parse.ts';
import { articleSchema, authorSchema, pageSchema } from '../content/schema.ts';
import { inYearRange, isoInZone, parseContentDate } from '../dates.ts';
import { articlePath, normaliseAlias } from '../permalink.ts';
import { formatIssues } from '../problems.ts';
import { slugify, tagKey } from '../slug.ts';
import { ToolError } from '../tools/cli.ts';
import { isHttpUrl, uniqueName } from '../tools/comment-file.ts';
import { type Attachment, decodeEntities, htmlToText, UnconvertibleHtml, wordpressHtmlToMarkdown } from './html-to-markdown.ts';
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

/** Page slugs the site uses for its own pages (see RESERVED_TOP in content/load.ts). */
const RESERVED_PAGES = new Set(['authors', 'tags', 'page', 'archive', 'search', 'comments', 'pagefind', 'og', 'cards', '404']);

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

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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

/** Parses a WXR document and plans every file; throws ToolError when it is not a WordPress export. */
export function importWordPress(xml: string, opts: WordPressImportOptions): ImportResult {
  // Entities are where XML runs away (billion laughs, external files). WordPress never writes a
  // DOCTYPE, so an export with one is refused; only the five XML entities and character references remain.
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
  const result = emptyResult();
  const { timeZone } = opts;
  result.settings = channelSettings(channel, result.notes);

  // Authors
  const authors = new Map<string, WpAuthor>();
  const authorIds = new Set<string>();
  const authorFile = (login: string, name: string, wpId: string) => {
    const id = uniqueName(slugify(login) || slugify(name) || `author-${wpId || authorIds.size + 1}`, authorIds);
    const data = { name: name.trim() || login };
    const check = authorSchema.safeParse(data);
    if (!check.success) throw new Error(`bug: author ${login}: ${formatIssues(check.error.issues).join('; ')}`);
    result.files.push({ path: `authors/${id}.md`, text: stringifyMarkdownFile(data, ''), keepIfExists: true });
    result.counts.authors++;
    const a = { id, wpId, login };
    authors.set(login, a);
    return a;
  };
  for (const a of list(channel, 'wp:author')) {
    const login = text(a, 'wp:author_login');
    if (!login || authors.has(login)) continue;
    authorFile(login, decodeEntities(text(a, 'wp:author_display_name')), text(a, 'wp:author_id'));
  }

  const items = list(channel, 'item');
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

  const aSchema = articleSchema(timeZone);
  const postsBy = new Map<string, number>();
  const articleSlugs = new Set<string>();
  const pageSlugs = new Set<string>();
  for (const item of items) {
    const type = text(item, 'wp:post_type');
    const postId = text(item, 'wp:post_id');
    const status = text(item, 'wp:status');
    // Titles are plain text: "Title <em>With</em> Markup" would show its tags in headings and feeds.
    const title = htmlToText(text(item, 'title'));
    const label = `${postId} "${title || '(untitled)'}"`;
    const comments = list(item, 'wp:comment');
    const skipComments = (reason: string, deliberate = true) => {
      for (const c of comments) {
        result.skipped.push({ kind: 'comment', label: `${text(c, 'wp:comment_id')} on ${type} ${label}`, reason, deliberate });
      }
    };

    if (type === 'attachment') continue;
    if (type !== 'post' && type !== 'page') {
      result.skipped.push({ kind: 'item', label: `${type} ${label}`, reason: `post type ${type || '(none)'}` });
      skipComments(`its ${type} was not imported`);
      continue;
    }
    const kind = type === 'post' ? 'post' : 'page';
    const publishedLike = status === 'publish' || status === 'future';
    // A password-protected post was for some readers only: it is not published in the open.
    const locked = text(item, 'wp:post_password') !== '';
    if (locked && kind === 'page') {
      result.skipped.push({ kind, label, reason: 'password-protected (pages have no drafts here)', deliberate: true });
      skipComments('its page was password-protected');
      continue;
    }
    const draft = status === 'draft' || status === 'pending' || (locked && publishedLike);
    if (!publishedLike && !(draft && kind === 'post')) {
      const why = draft ? `${status} (pages have no drafts here)` : status || 'no status';
      result.skipped.push({ kind, label, reason: why });
      skipComments(`its ${kind} was not imported (${status})`);
      continue;
    }
    const date = wpDate(text(item, 'wp:post_date_gmt'), text(item, 'wp:post_date'), timeZone);
    if (!date) {
      result.skipped.push({ kind, label, reason: 'no readable date' });
      skipComments(`its ${kind} was not imported (no date)`, false);
      continue;
    }
    const postName = safeDecode(text(item, 'wp:post_name'));
    // A slug needs a letter: "パートナー会議 2011" would otherwise become "2011".
    const baseSlug = [slugify(postName), slugify(title)].find((s) => /[a-z]/.test(s)) ?? `${kind}-${postId}`;
    let converted: ReturnType<typeof wordpressHtmlToMarkdown>;
    try {
      converted = wordpressHtmlToMarkdown(text(item, 'content:encoded'), { attachments, postId });
    } catch (err) {
      if (!(err instanceof UnconvertibleHtml)) throw err;
      result.skipped.push({ kind, label, reason: 'content cannot be converted', detail: err.message });
      skipComments(`its ${kind} was not imported (content cannot be converted)`, false);
      continue;
    }
    const excerpt = htmlToText(text(item, 'excerpt:encoded'));
    const displayTitle = title || `Untitled ${kind} ${postId}`;
    if (!title) result.notes.push(`${kind} ${postId} has no title; it is called "${displayTitle}"`);

    if (kind === 'page') {
      let slug = baseSlug;
      if (RESERVED_PAGES.has(slug)) {
        result.notes.push(`page ${label}: slug "${slug}" is one of the site's own pages; renamed to ${slug}-page`);
        slug = `${slug}-page`;
      }
      slug = uniqueName(slug, pageSlugs);
      const file = `pages/${slug}.md`;
      // Nested pages (/about/clearing-floats/) move to the top level; the old path redirects.
      const oldPath = oldUrlPath(text(item, 'link'));
      const alias = oldPath && oldPath !== `/${slug}/` ? oldPath : undefined;
      let data: Record<string, unknown> = { title: displayTitle, description: excerpt || undefined, aliases: alias ? [alias] : undefined };
      const pageCheck = () => pageSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
      let check = pageCheck();
      if (!check.success && alias) {
        result.notes.push(`${file}: the old URL ${alias} cannot be a redirect (${formatIssues(check.error.issues).join('; ').trim()})`);
        data = { ...data, aliases: undefined };
        check = pageCheck();
      }
      if (!check.success) {
        result.skipped.push({ kind, label, reason: `invalid: ${formatIssues(check.error.issues).join('; ').trim()}` });
        skipComments('its page was not imported', false);
        continue;
      }
      if (draft) result.notes.push(`${file}: ${status === 'publish' ? 'published' : status}; pages have no drafts, so it is published`);
      result.files.push({ path: file, text: stringifyMarkdownFile(data, converted.markdown) });
      result.counts.pages++;
      for (const note of converted.notes) result.notes.push(`${file}: ${note}`);
      // Decided: pages have no comment threads (README, "Importing"); their comments are counted here.
      skipComments('on a page (pages have no comment threads)');
      continue;
    }

    // Posts
    const slug = uniqueName(baseSlug, articleSlugs);
    const file = `articles/${slug}.md`;
    const login = text(item, 'dc:creator');
    let author = authors.get(login);
    if (!author) {
      author = authorFile(login || 'unknown', login || 'Unknown', '');
      result.notes.push(`${file}: author "${login}" is not in the export's author list; created authors/${author.id}.md`);
    }
    const seenTags = new Set<string>();
    const tags: string[] = [];
    for (const cat of list(item, 'category')) {
      const domain = text(cat, '@_domain');
      if (domain !== 'category' && domain !== 'post_tag') continue;
      if (domain === 'category' && text(cat, '@_nicename') === 'uncategorized') continue;
      const name = decodeEntities(text(cat)).trim();
      if (name && !seenTags.has(tagKey(name))) {
        seenTags.add(tagKey(name));
        tags.push(name);
      }
    }
    const newPath = articlePath(opts.permalink, slug, date, timeZone);
    let alias: string | undefined;
    const link = text(item, 'link');
    const fromLink = oldUrlPath(link);
    if (fromLink) alias = fromLink;
    else if (!link && postName && publishedLike) {
      const local = text(item, 'wp:post_date').slice(0, 10).split('-');
      alias = normaliseAlias(`/${local.join('/')}/${postName}/`);
    } else if (/[?&]p=\d+/.test(link) && publishedLike) {
      result.notes.push(
        `${file}: the old URL ${link} has a query string, which a static host cannot redirect; add a rule on the server if it matters`,
      );
    }
    if (alias === newPath) alias = undefined;

    let image: string | undefined;
    let imageAlt: string | undefined;
    const thumb = meta(item, '_thumbnail_id');
    if (thumb) {
      const a = attachments.get(thumb);
      if (a?.alt && isHttpUrl(a.url)) {
        image = a.url;
        imageAlt = a.alt;
      } else {
        result.notes.push(
          `${file}: featured image ${a ? a.url : `#${thumb}`} not set as image (${a ? 'it has no alt text' : 'not in the export'})`,
        );
      }
    }

    const data = {
      title: displayTitle,
      date: isoInZone(date, timeZone),
      author: author.id,
      tags: tags.length ? tags : undefined,
      description: excerpt || undefined,
      draft: draft || undefined,
      commentsClosed: text(item, 'wp:comment_status') === 'closed' || undefined,
      image,
      imageAlt,
      aliases: alias ? [alias] : undefined,
    };
    const check = aSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
    if (!check.success) {
      result.skipped.push({ kind, label, reason: `invalid: ${formatIssues(check.error.issues).join('; ').trim()}` });
      skipComments('its post was not imported', false);
      continue;
    }
    result.files.push({ path: file, text: stringifyMarkdownFile(data, converted.markdown) });
    result.counts.posts++;
    if (draft) result.counts.drafts++;
    if (locked)
      result.notes.push(`${file}: password-protected in WordPress; imported as a draft (draft: true) so it is not published in the open`);
    for (const note of converted.notes) result.notes.push(`${file}: ${note}`);
    importComments(comments, slug, label, author, authors, result, timeZone);
    postsBy.set(author.id, (postsBy.get(author.id) ?? 0) + 1);
  }
  // The default author for `npm run new`: whoever wrote the most posts (the first one on a tie).
  const top = [...postsBy].sort(([, a], [, b]) => b - a)[0]?.[0];
  if (top && result.settings) result.settings.defaultAuthor = top;
  return result;
}

/**
 * The site's own settings from the channel: title, tagline, origin, language. A value the site
 * would refuse is left out with a note, so the site keeps its own.
 */
function channelSettings(channel: Node, notes: string[]): SiteSettings {
  const candidate: Record<string, unknown> = {
    title: htmlToText(text(channel, 'title')) || undefined,
    tagline: htmlToText(text(channel, 'description')) || undefined,
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

/** One post's comments: approved ones become files, the rest are listed with the reason. */
function importComments(
  comments: Node[],
  slug: string,
  label: string,
  author: WpAuthor,
  authors: ReadonlyMap<string, WpAuthor>,
  result: ImportResult,
  timeZone: string,
) {
  const byUserId = new Map([...authors.values()].filter((a) => a.wpId).map((a) => [a.wpId, a]));
  const parents = new Map<string, string | undefined>();
  const skippedKeys = new Map<string, string>();
  const accepted: SourceComment[] = [];
  for (const c of comments) {
    const key = text(c, 'wp:comment_id');
    const parent = text(c, 'wp:comment_parent');
    parents.set(key, parent && parent !== '0' ? parent : undefined);
  }
  for (const c of comments) {
    const key = text(c, 'wp:comment_id');
    const name = decodeEntities(text(c, 'wp:comment_author')).trim();
    const cLabel = `${key} on post ${label} by ${name || 'Anonymous'}`;
    const skip = (reason: string, deliberate = true) => {
      skippedKeys.set(key, reason);
      result.skipped.push({ kind: 'comment', label: cLabel, reason, deliberate });
    };
    const type = text(c, 'wp:comment_type');
    const approved = text(c, 'wp:comment_approved');
    if (type === 'pingback' || type === 'trackback') {
      skip(type);
      continue;
    }
    if (type && type !== 'comment') {
      skip(`comment type ${type}`);
      continue;
    }
    if (approved !== '1') {
      skip(
        approved === '0'
          ? 'unapproved'
          : approved === 'spam'
            ? 'spam'
            : approved === 'trash' || approved === 'post-trashed'
              ? 'trash'
              : `status ${approved}`,
      );
      continue;
    }
    const date = wpDate(text(c, 'wp:comment_date_gmt'), text(c, 'wp:comment_date'), timeZone);
    if (!date) {
      skip('no readable date', false);
      continue;
    }
    let converted: ReturnType<typeof wordpressHtmlToMarkdown>;
    try {
      converted = wordpressHtmlToMarkdown(text(c, 'wp:comment_content'));
    } catch (err) {
      if (!(err instanceof UnconvertibleHtml)) throw err;
      skippedKeys.set(key, 'text cannot be converted');
      result.skipped.push({ kind: 'comment', label: cLabel, reason: 'text cannot be converted', detail: err.message });
      continue;
    }
    if (!converted.markdown.trim()) {
      skip('empty');
      continue;
    }
    const rawUrl = text(c, 'wp:comment_author_url').trim();
    const url = rawUrl && rawUrl !== 'http://' && isHttpUrl(rawUrl) ? rawUrl : undefined;
    if (rawUrl && rawUrl !== 'http://' && !url)
      result.notes.push(`comments/${slug}: comment ${key}: web site ${JSON.stringify(rawUrl)} dropped (not an http(s) URL)`);
    // Only WordPress's own record of a logged-in author counts: anyone can type an author's name or e-mail.
    const userId = text(c, 'wp:comment_user_id');
    const writer = userId && userId !== '0' ? byUserId.get(userId) : undefined;
    const staff = writer?.id;
    if (writer)
      result.staff.push({
        label: `comments/${slug}: comment ${key} by ${name || 'Anonymous'}`,
        author: writer.id,
        rule: `WordPress user id ${userId}, ${writer === author ? "the post's author" : 'an author of the site'}`,
      });
    for (const note of converted.notes) result.notes.push(`comments/${slug}: comment ${key}: ${note}`);
    accepted.push({
      key,
      parentKey: parents.get(key),
      label: `comment ${key} by ${name || 'Anonymous'}`,
      comment: { author: name || 'Anonymous', date, staff, url, body: converted.markdown },
    });
  }
  threadComments(slug, accepted, parents, skippedKeys, timeZone, result);
}
