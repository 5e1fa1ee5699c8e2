import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { deriveDescription } from '../excerpt.ts';
import { type DigestFile, loadDigestFiles } from '../newsletter/load.ts';
import { articlePath, normaliseAlias } from '../permalink.ts';
import type { Problem } from '../problems.ts';
import { SLUG_PATTERN, tagKey } from '../slug.ts';
import { paths, RESERVED_TOP } from '../urls.ts';
import { commentBodyProblem } from './comment-body.ts';
import type { Article, Author, Comment, Page } from './model.ts';
import { Reader } from './reader.ts';
import { articleSchema, authorSchema, commentSchema, pageSchema } from './schema.ts';

/** What loading needs to know about the site. */
export interface LoadOptions {
  /** Folder holding articles/, authors/, pages/ and comments/. */
  contentDir: string;
  /** Folder whose files are served at the site root (for checking image paths). */
  publicDir?: string | undefined;
  timeZone: string;
  permalink: string;
  /** Base for the file names printed in messages; defaults to the working directory. */
  cwd?: string;
}

/** Everything in the content folder, plus every problem found in it. */
export interface Corpus {
  articles: Article[];
  authors: Author[];
  pages: Page[];
  comments: Comment[];
  /** content/newsletter/ digest files. */
  digests: DigestFile[];
  problems: Problem[];
}

/** Comment ids end up in URLs (#comment-<id>) and HTML ids. */
const COMMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads and validates the whole content folder. Never throws for bad content: every problem in
 * every file is collected, so one run reports them all.
 */
export function loadCorpus(opts: LoadOptions): Corpus {
  const begun = beginCorpus(opts);
  if ('corpus' in begun) return begun.corpus;
  return finishCorpus(begun, readCommentFolders(begun.r, begun.commentFolders, begun.known, begun.checkAuthor));
}

/** Everything but the comments read; the comment folders listed, ready to be read (in one go or in parts). */
export interface CorpusInProgress {
  r: Reader;
  authors: Author[];
  articles: Article[];
  pages: Page[];
  checkAuthor: AuthorCheck;
  commentFolders: string[];
  known: ArticleNames;
}

/** The first half of loadCorpus: authors, articles, pages, and the comment folders to read. */
export function beginCorpus(opts: LoadOptions): CorpusInProgress | { corpus: Corpus } {
  const r = new Reader(opts);
  if (!existsSync(opts.contentDir) || !statSync(opts.contentDir).isDirectory()) {
    r.problem(
      opts.contentDir,
      'content folder does not exist; set CONTENT_DIR to a folder holding articles/, authors/, pages/ and comments/',
    );
    return { corpus: { articles: [], authors: [], pages: [], comments: [], digests: [], problems: r.problems } };
  }
  const authors = readAuthors(r);
  const checkAuthor = authorCheck(r, authors);
  const { articles, slugs } = readArticles(r, checkAuthor);
  const pages = readPages(r);
  const { files: loose, dirs } = r.entries(r.dir('comments'));
  for (const file of loose) {
    r.problem(file, 'comment files belong in a folder named after their article: content/comments/<article-slug>/<comment-id>.md');
  }
  const known = { valid: new Set(articles.map((a) => a.slug)), files: new Set(slugs.keys()) };
  return { r, authors, articles, pages, checkAuthor, commentFolders: dirs, known };
}

/** The second half: with the comments read, the rules across files, and the newsletter's digests. */
export function finishCorpus(c: CorpusInProgress, comments: Comment[]): Corpus {
  checkRoutes(c.articles, c.pages, c.r.problems);
  // content/newsletter/: its own schema and reader (the rules that need the site's week and the
  // build's clock are checked when the issues are built).
  const digests = loadDigestFiles(c.r, new Set(comments.map((x) => `${x.article}/${x.id}`)));
  return { articles: c.articles, authors: c.authors, pages: c.pages, comments, digests, problems: c.r.problems };
}

export function readAuthors(r: Reader): Author[] {
  const authors: Author[] = [];
  for (const file of r.entries(r.dir('authors')).files) {
    const id = r.checkName(file, SLUG_PATTERN, 'author');
    if (!id) continue;
    const f = r.read(file, 'author', authorSchema);
    if (!f) continue;
    r.checkAsset(f.shown, 'avatar', f.data.avatar);
    authors.push({ id, ...f.data, bio: f.body.trim(), file: f.shown });
  }
  return authors;
}

export type AuthorCheck = (shown: string, field: 'author' | 'staff', id: unknown) => void;

/** An id in `author` or `staff` must name a file in content/authors/ (values of the wrong type are the schema's business). */
export function authorCheck(r: Reader, authors: readonly Author[]): AuthorCheck {
  const ids = new Set(authors.map((a) => a.id));
  const folder = r.show(r.dir('authors'));
  const known = () => (authors.length ? `known authors: ${authors.map((a) => a.id).join(', ')}` : `there are no files in ${folder}/`);
  return (shown, field, id) => {
    if (typeof id !== 'string' || !SLUG_PATTERN.test(id) || ids.has(id)) return;
    const fix = field === 'staff' ? 'fix the id or remove staff' : `fix the id or add ${folder}/${id}.md`;
    r.problems.push({ file: shown, field, message: `"${id}" names no author in ${folder}/ (${known()}); ${fix}` });
  };
}

function readArticles(r: Reader, checkAuthor: AuthorCheck): { articles: Article[]; slugs: Map<string, string[]> } {
  const schema = articleSchema(r.opts.timeZone);
  const articles: Article[] = [];
  const slugs = new Map<string, string[]>();
  for (const file of r.filesDeep(r.dir('articles'))) {
    const slug = r.checkName(file, SLUG_PATTERN, 'article');
    if (!slug) continue;
    slugs.set(slug, [...(slugs.get(slug) ?? []), r.show(file)]);
    const f = r.read(file, 'article', schema, (raw, shown) => checkAuthor(shown, 'author', raw.author));
    if (!f) continue;
    const d = f.data;
    checkAuthor(f.shown, 'author', d.author);
    r.checkAsset(f.shown, 'image', d.image);
    const aliases = d.aliases.map(normaliseAlias);
    r.checkAliasFiles(f.shown, aliases);
    const article: Article = {
      slug,
      title: d.title,
      date: d.date,
      updated: d.updated,
      author: d.author,
      tags: uniqueTags(d.tags),
      description: d.description ?? '',
      draft: d.draft,
      commentsClosed: d.commentsClosed,
      image: d.image,
      imageAlt: d.imageAlt,
      aliases,
      path: articlePath(r.opts.permalink, slug, d.date, r.opts.timeZone),
      body: f.body,
      file: f.shown,
    };
    if (d.description === undefined) deriveOnFirstRead(article, 'description', () => deriveDescription(article.body));
    articles.push(article);
  }
  for (const [slug, files] of slugs) {
    if (files.length < 2) continue;
    for (const f of files) {
      r.problems.push({
        file: f,
        message: `slug "${slug}" is also used by ${files.filter((x) => x !== f).join(', ')}; article slugs (file names) must be unique, so rename one`,
      });
    }
  }
  return { articles, slugs };
}

/**
 * Turns `key` into a value computed when first read, then kept as a plain property (a write first
 * simply sets it). Deriving a description parses Markdown, a tenth of `npm run check`'s time at
 * 10,000 articles, and check never reads one; the build reads each and gets the same text.
 */
function deriveOnFirstRead<T extends object, K extends keyof T>(item: T, key: K, derive: () => T[K]) {
  const settle = (value: T[K]) => {
    Object.defineProperty(item, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  // The key already exists, so redefining it keeps its place in the object's key order.
  Object.defineProperty(item, key, { get: () => settle(derive()), set: settle, enumerable: true, configurable: true });
}

/** Tags as written, without repeats that differ only in case or spacing. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = tagKey(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function readPages(r: Reader): Page[] {
  const pages: Page[] = [];
  for (const file of r.entries(r.dir('pages')).files) {
    const slug = r.checkName(file, SLUG_PATTERN, 'page');
    if (!slug) continue;
    const f = r.read(file, 'page', pageSchema);
    if (!f) continue;
    if (RESERVED_TOP.has(slug)) {
      r.problems.push({ file: f.shown, message: `page slug "${slug}" is reserved for the site's own /${slug}/ pages; rename the file` });
      continue;
    }
    const aliases = f.data.aliases.map(normaliseAlias);
    r.checkAliasFiles(f.shown, aliases);
    pages.push({
      slug,
      title: f.data.title,
      description: f.data.description ?? deriveDescription(f.body),
      aliases,
      body: f.body,
      file: f.shown,
    });
  }
  return pages;
}

/** What a comment folder is checked against: the slugs of valid articles, and every article file name. */
export interface ArticleNames {
  valid: ReadonlySet<string>;
  files: ReadonlySet<string>;
}

/**
 * The comments of the given article folders (content/comments/<slug>/), in order, with their
 * problems reported to `r`. Each folder is checked on its own (its replies resolve inside it), so
 * folders can be read in any grouping: `npm run check` reads half of them on a second thread
 * (./load-parallel.ts).
 */
export function readCommentFolders(r: Reader, folders: readonly string[], known: ArticleNames, checkAuthor: AuthorCheck): Comment[] {
  const comments: Comment[] = [];
  for (const folder of folders) {
    const files = commentFiles(r, folder);
    if (namesNoArticle(r, folder, files.length, known)) continue;
    comments.push(...readCommentFiles(r, folder, files, checkAuthor));
  }
  return comments;
}

/** The files of a comment folder; a folder inside it is reported (comments sit directly in it). */
export function commentFiles(r: Reader, folder: string): string[] {
  const { files, dirs: nested } = r.entries(folder);
  for (const d of nested) r.problem(d, `comments must sit directly in ${r.show(folder)}; move the files up one level`);
  return files;
}

const commentSchemas = new Map<string, ReturnType<typeof commentSchema>>();
/** The comment schema for a time zone, made once (a folder is read at a time). */
function commentSchemaFor(timeZone: string): ReturnType<typeof commentSchema> {
  let schema = commentSchemas.get(timeZone);
  if (!schema) {
    schema = commentSchema(timeZone);
    commentSchemas.set(timeZone, schema);
  }
  return schema;
}

/** Reports a comment folder whose name is no article's file name; true when it is one. */
export function namesNoArticle(r: Reader, folder: string, fileCount: number, known: ArticleNames): boolean {
  const article = path.basename(folder);
  if (known.valid.has(article) || known.files.has(article)) return false;
  const hint = [...known.valid].find((s) => s.toLowerCase() === article.toLowerCase());
  r.problem(
    folder,
    `folder names no article (no content/articles/${article}.md) and holds ${fileCount} comment file(s); ${hint ? `rename the folder to ${hint}` : 'rename the folder to the article slug or restore the article'}`,
  );
  return true;
}

/** The comments of one article's folder (its `files`), with their problems reported to `r`. */
export function readCommentFiles(r: Reader, folder: string, files: readonly string[], checkAuthor: AuthorCheck): Comment[] {
  const schema = commentSchemaFor(r.opts.timeZone);
  const article = path.basename(folder);
  const comments: Comment[] = [];
  const byId = new Map<string, Comment>();
  // Every comment file, valid or not: a reply to a comment with its own problem is not
  // reported again as a reply to a missing comment.
  const present = new Set<string>();
  for (const file of files) {
    const id = r.checkName(file, COMMENT_ID, 'comment');
    if (!id) continue;
    present.add(id);
    const f = r.read(file, 'comment', schema, (raw, shown) => checkAuthor(shown, 'staff', raw.staff));
    if (!f) continue;
    if (!f.body.trim()) {
      r.problems.push({
        file: f.shown,
        message: 'comment body is empty; write the comment text below the front matter or delete the file',
      });
      continue;
    }
    const tooComplex = commentBodyProblem(f.body);
    if (tooComplex) {
      r.problems.push({ file: f.shown, field: 'body', message: tooComplex });
      continue;
    }
    checkAuthor(f.shown, 'staff', f.data.staff);
    const c: Comment = { id, article, ...f.data, body: f.body, file: f.shown };
    byId.set(id, c);
    comments.push(c);
  }
  checkReplies(byId, present, r.problems);
  return comments;
}

/** Every replyTo must name a comment of the same article, and replies must not loop. */
function checkReplies(byId: Map<string, Comment>, present: Set<string>, problems: Problem[]) {
  const bad = new Set<string>();
  for (const c of byId.values()) {
    if (c.replyTo === undefined) continue;
    if (c.replyTo === c.id) {
      problems.push({ file: c.file, field: 'replyTo', message: 'names this comment itself; a comment cannot answer itself' });
      bad.add(c.id);
    } else if (!byId.has(c.replyTo)) {
      bad.add(c.id);
      if (present.has(c.replyTo)) continue;
      problems.push({
        file: c.file,
        field: 'replyTo',
        message: `"${c.replyTo}" names no comment of article "${c.article}"; use the file name (without .md) of a comment in the same folder, or remove replyTo`,
      });
    }
  }
  // Cycle detection: follow parents; a walk that revisits a node on its own path is a loop.
  const state = new Map<string, 'open' | 'done'>();
  for (const start of byId.values()) {
    const trail: Comment[] = [];
    let cur: Comment | undefined = start;
    while (cur && !state.has(cur.id) && !bad.has(cur.id)) {
      state.set(cur.id, 'open');
      trail.push(cur);
      cur = cur.replyTo ? byId.get(cur.replyTo) : undefined;
    }
    if (cur && state.get(cur.id) === 'open') {
      const loop = trail.slice(trail.indexOf(cur));
      const names = loop.map((c) => c.id).join(' → ');
      for (const c of loop) {
        problems.push({
          file: c.file,
          field: 'replyTo',
          message: `replies form a loop (${names} → ${cur.id}); one of them must answer a comment outside the loop or nothing`,
        });
      }
    }
    for (const c of trail) state.set(c.id, 'done');
  }
}

/** Two things may not be served at one URL; an alias may not shadow a page or another alias. */
function checkRoutes(articles: readonly Article[], pages: readonly Page[], problems: Problem[]) {
  const owners = new Map<string, string>();
  const claim = (p: string, owner: string, file: string, field?: string) => {
    const prev = owners.get(p);
    if (prev && prev !== owner) {
      problems.push({ file, field, message: `URL ${p} is already used by ${prev}; pick another` });
    } else owners.set(p, owner);
  };
  for (const p of pages) claim(paths.page(p.slug), p.file, p.file);
  for (const a of articles) {
    claim(a.path, a.file, a.file);
    // Files the build writes beside an article are its URLs too.
    claim(paths.commentFeed(a), a.file, a.file);
  }
  for (const item of [...articles, ...pages]) {
    const own = 'path' in item ? item.path : paths.page(item.slug);
    for (const alias of item.aliases) {
      if (alias === own)
        problems.push({ file: item.file, field: 'aliases', message: `${alias} is this file's own URL; remove it from aliases` });
      else claim(alias, item.file, item.file, 'aliases');
    }
  }
}
