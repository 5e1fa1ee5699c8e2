import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { deriveDescription } from '../excerpt.ts';
import { articlePath, normaliseAlias } from '../permalink.ts';
import { issuesToProblems, type Problem } from '../problems.ts';
import { SLUG_PATTERN, slugify, tagKey } from '../slug.ts';
import type { Article, Author, Comment, Page } from './model.ts';
import { parseMarkdownFile } from './parse.ts';
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
  problems: Problem[];
}

/** Site paths the site itself generates; a page or alias may not take them. */
const RESERVED_TOP = new Set([
  'authors',
  'tags',
  'page',
  'archive',
  'search',
  'comments',
  'rss.xml',
  '404',
  'pagefind',
  '_astro',
  'og',
  'cards',
]);

/** Comment ids end up in URLs (#comment-<id>) and HTML ids. */
const COMMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function listFiles(dir: string, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...listFiles(full, true));
    } else out.push(full);
  }
  return out.sort();
}

/**
 * Reads and validates the whole content folder. Never throws for bad content: every problem in
 * every file is collected, so one run reports them all.
 */
export function loadCorpus(opts: LoadOptions): Corpus {
  const cwd = opts.cwd ?? process.cwd();
  const show = (abs: string) => {
    const rel = path.relative(cwd, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  };
  const problems: Problem[] = [];
  const dir = (name: string) => path.join(opts.contentDir, name);

  if (!existsSync(opts.contentDir) || !statSync(opts.contentDir).isDirectory()) {
    problems.push({
      file: show(opts.contentDir),
      message: 'content folder does not exist; set CONTENT_DIR to a folder holding articles/, authors/, pages/ and comments/',
    });
    return { articles: [], authors: [], pages: [], comments: [], problems };
  }

  /** Parses one file and validates its front matter; undefined when it has problems. */
  function read<S extends z.ZodType>(file: string, schema: S, onInvalid?: (raw: Record<string, unknown>, shown: string) => void) {
    const shown = show(file);
    let parsed: ReturnType<typeof parseMarkdownFile>;
    try {
      parsed = parseMarkdownFile(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push({ file: shown, message: (err as Error).message });
      return undefined;
    }
    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...issuesToProblems(shown, result.error.issues, parsed.data));
      // Cross-file checks still run on what can be read, so one pass reports everything.
      onInvalid?.(parsed.data, shown);
      return undefined;
    }
    return { data: result.data as z.output<S>, body: parsed.body, shown };
  }

  function checkName(file: string, pattern: RegExp, what: string): string | undefined {
    const base = path.basename(file);
    if (!base.endsWith('.md')) {
      problems.push({
        file: show(file),
        message: `is not a .md file; ${what} files must end in .md (rename it, or move it out of ${show(path.dirname(file))})`,
      });
      return undefined;
    }
    const id = base.slice(0, -3);
    if (!pattern.test(id)) {
      const better = slugify(id) || 'a-name';
      problems.push({
        file: show(file),
        message: `file name "${id}" is not a valid ${what} id (lowercase letters, digits, hyphens); rename it to ${better}.md`,
      });
      return undefined;
    }
    return id;
  }

  function checkAsset(shown: string, field: string, ref: string | undefined) {
    if (!ref?.startsWith('/') || !opts.publicDir) return;
    if (!existsSync(path.join(opts.publicDir, decodeURI(ref.split(/[?#]/)[0] ?? '')))) {
      problems.push({ file: shown, field, message: `${ref} is not a file in public/; add the file or fix the path` });
    }
  }

  // Authors
  const authors: Author[] = [];
  for (const file of listFiles(dir('authors'), false)) {
    const id = checkName(file, SLUG_PATTERN, 'author');
    if (!id) continue;
    const r = read(file, authorSchema);
    if (!r) continue;
    checkAsset(r.shown, 'avatar', r.data.avatar);
    authors.push({ id, ...r.data, bio: r.body.trim(), file: r.shown });
  }
  const authorIds = new Set(authors.map((a) => a.id));
  const knownAuthors = () =>
    authors.length ? `known authors: ${authors.map((a) => a.id).join(', ')}` : 'there are no files in content/authors/';
  /** An id in `author` or `staff` must name a file in content/authors/ (values of the wrong type are the schema's business). */
  const checkAuthor = (shown: string, field: 'author' | 'staff', id: unknown) => {
    if (typeof id !== 'string' || !SLUG_PATTERN.test(id) || authorIds.has(id)) return;
    const fix = field === 'staff' ? 'fix the id or remove staff' : `fix the id or add content/authors/${id}.md`;
    problems.push({ file: shown, field, message: `"${id}" names no author in content/authors/ (${knownAuthors()}); ${fix}` });
  };

  // Articles
  const aSchema = articleSchema(opts.timeZone);
  const articles: Article[] = [];
  const slugFiles = new Map<string, string[]>();
  for (const file of listFiles(dir('articles'), true)) {
    const slug = checkName(file, SLUG_PATTERN, 'article');
    if (!slug) continue;
    slugFiles.set(slug, [...(slugFiles.get(slug) ?? []), show(file)]);
    const r = read(file, aSchema, (raw, shown) => checkAuthor(shown, 'author', raw.author));
    if (!r) continue;
    const d = r.data;
    checkAuthor(r.shown, 'author', d.author);
    checkAsset(r.shown, 'image', d.image);
    const seen = new Set<string>();
    const tags = d.tags.filter((t) => {
      const k = tagKey(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    articles.push({
      slug,
      title: d.title,
      date: d.date,
      updated: d.updated,
      author: d.author,
      tags,
      description: d.description ?? deriveDescription(r.body),
      draft: d.draft,
      commentsClosed: d.commentsClosed,
      image: d.image,
      imageAlt: d.imageAlt,
      aliases: d.aliases.map(normaliseAlias),
      path: articlePath(opts.permalink, slug, d.date, opts.timeZone),
      body: r.body,
      file: r.shown,
    });
  }
  for (const [slug, files] of slugFiles) {
    if (files.length > 1) {
      for (const f of files) {
        problems.push({
          file: f,
          message: `slug "${slug}" is also used by ${files.filter((x) => x !== f).join(', ')}; article slugs (file names) must be unique, so rename one`,
        });
      }
    }
  }
  const articleBySlug = new Map(articles.map((a) => [a.slug, a]));

  // Pages
  const pages: Page[] = [];
  for (const file of listFiles(dir('pages'), false)) {
    const slug = checkName(file, SLUG_PATTERN, 'page');
    if (!slug) continue;
    const r = read(file, pageSchema);
    if (!r) continue;
    if (RESERVED_TOP.has(slug)) {
      problems.push({ file: r.shown, message: `page slug "${slug}" is reserved for the site's own /${slug}/ pages; rename the file` });
      continue;
    }
    pages.push({ slug, title: r.data.title, description: r.data.description ?? deriveDescription(r.body), body: r.body, file: r.shown });
  }

  // Comments
  const cSchema = commentSchema(opts.timeZone);
  const comments: Comment[] = [];
  const commentsRoot = dir('comments');
  if (existsSync(commentsRoot)) {
    for (const entry of readdirSync(commentsRoot, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(commentsRoot, entry.name);
      if (!entry.isDirectory()) {
        problems.push({
          file: show(full),
          message: 'comment files belong in a folder named after their article: content/comments/<article-slug>/<comment-id>.md',
        });
        continue;
      }
      const files = listFiles(full, true);
      if (!articleBySlug.has(entry.name) && !slugFiles.has(entry.name)) {
        const hint = articles.map((a) => a.slug).find((s) => s.toLowerCase() === entry.name.toLowerCase());
        problems.push({
          file: show(full),
          message: `folder names no article (no content/articles/${entry.name}.md) and holds ${files.length} comment file(s); ${hint ? `rename the folder to ${hint}` : 'rename the folder to the article slug or restore the article'}`,
        });
        continue;
      }
      const ids = new Map<string, Comment>();
      // Every comment file, valid or not: a reply to a comment with its own problem is not
      // reported again as a reply to a missing comment.
      const present = new Set<string>();
      for (const file of files) {
        if (path.dirname(file) !== full) {
          problems.push({ file: show(file), message: `comments must sit directly in ${show(full)}; move it up one level` });
          continue;
        }
        const id = checkName(file, COMMENT_ID, 'comment');
        if (!id) continue;
        present.add(id);
        const r = read(file, cSchema, (raw, shown) => checkAuthor(shown, 'staff', raw.staff));
        if (!r) continue;
        const d = r.data;
        if (!r.body.trim()) {
          problems.push({
            file: r.shown,
            message: 'comment body is empty; write the comment text below the front matter or delete the file',
          });
          continue;
        }
        checkAuthor(r.shown, 'staff', d.staff);
        const c: Comment = { id, article: entry.name, ...d, body: r.body, file: r.shown };
        ids.set(id, c);
        comments.push(c);
      }
      checkReplies(ids, present, problems);
    }
  }

  checkRoutes(articles, pages, problems);
  return { articles, authors, pages, comments, problems };
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

/** Two things may not be served at one URL. */
function checkRoutes(articles: Article[], pages: Page[], problems: Problem[]) {
  const owners = new Map<string, string>();
  const claim = (p: string, owner: string, file: string, field?: string) => {
    const prev = owners.get(p);
    if (prev && prev !== owner) {
      problems.push({ file, field, message: `URL ${p} is already used by ${prev}; pick another` });
    } else owners.set(p, owner);
  };
  for (const p of pages) claim(`/${p.slug}/`, p.file, p.file);
  for (const a of articles) claim(a.path, a.file, a.file);
  for (const a of articles) {
    for (const alias of a.aliases) {
      if (alias === a.path)
        problems.push({ file: a.file, field: 'aliases', message: `${alias} is the article's own URL; remove it from aliases` });
      else if (alias === '/' || RESERVED_TOP.has(alias.split('/')[1] ?? ''))
        problems.push({ file: a.file, field: 'aliases', message: `${alias} belongs to the site's own pages; remove it` });
      else claim(alias, a.file, a.file, 'aliases');
    }
  }
}
