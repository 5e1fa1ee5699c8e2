/**
 * `npm run import:staticman -- <folder> --article-map map.json`: imports Staticman comment files
 * (Jekyll's _data/comments/<post>/…yml) into content/comments/, keeping threads.
 */
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { loadCorpus } from '../src/lib/content/load.ts';
import { finishImport, importArgs, importOptions, importSite, importTarget } from '../src/lib/import/finish.ts';
import { articleMapSchema, importStaticman, MAX_ENTRY_BYTES, parentPath, type StaticmanFile } from '../src/lib/import/staticman.ts';
import { formatIssues } from '../src/lib/problems.ts';
import { SLUG_PATTERN } from '../src/lib/slug.ts';
import { parseCommandLine, runTool, ToolError } from '../src/lib/tools/cli.ts';
import { markdownIds } from '../src/lib/tools/content-files.ts';
import { showPath } from '../src/lib/tools/write.ts';
import { site as projectSite } from '../src/site.config.ts';

const USAGE = `Usage: npm run import:staticman -- <folder> [--article-map map.json] [--reply-index top-level|all]
                                   [--staff "Display Name=author-id"]… [--out content] [--force] [--allow-rethread]

Imports Staticman comment files (YAML or JSON: _id, name, email, url, message, date, replying_to)
from <folder>, one subfolder per post as in Jekyll's _data/comments/<post-id>/ (or a single
post's folder), into content/comments/<article>/ (--out, else CONTENT_DIR, else content/).
  --article-map  JSON object mapping Staticman post ids (folder names) to article slugs:
                 {"2010-07-14-wpc-roskill": "microsoft-channel-chief-concedes-i-need-to-learn-about-msps"}.
                 A folder named like an existing article needs no entry, nor one whose entries'
                 _parent (the page URL) is an article's path or alias; others are listed as lost.
  --reply-index  what a numeric replying_to counts. Read off the data when not given: the numbering
                 under which every reply names an entry posted before it ("top-level" = the post's
                 top-level entries in file-name order, as Minimal Mistakes numbers them; "all" = all
                 of them). The import stops when the data fits neither. A replying_to or
                 replying_to_uid that is another entry's _id always works; _parent (options[parent])
                 is the page's URL on these sites and counts only when it names an entry.
  --staff        a commenter name that is one of the site's authors (repeatable): shown as Author.
                 Anyone can type that name: every badge given is listed in the summary; check them.
  --allow-rethread  end with success even when comments were lost or re-threaded (they are listed).
E-mail hashes are never written. Honeypot-filled and empty entries are left out and listed. The last
line counts comments imported, replies kept, re-threaded, lost and left out; the exit code is 1 when
any was lost or re-threaded, unless --allow-rethread.`;

const options = {
  'article-map': { type: 'string' },
  'reply-index': { type: 'string' },
  staff: { type: 'string', multiple: true },
  ...importOptions,
} as const;

const argsSchema = z.strictObject({
  ...importArgs('give exactly one folder: npm run import:staticman -- _data/comments --article-map map.json'),
  'article-map': z.string().min(1).optional(),
  'reply-index': z.enum(['all', 'top-level'], { error: 'must be "top-level" or "all"' }).optional(),
  staff: z
    .array(
      z
        .string()
        .regex(/^.+=[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like "Display Name=author-id"')
        .transform((s) => {
          const i = s.lastIndexOf('=');
          return [s.slice(0, i).trim(), s.slice(i + 1)] as const;
        }),
    )
    .default([]),
});

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ToolError(`cannot read the article map ${file}: ${(err as Error).message}`);
  }
}

/** The folder's comment files: one subfolder per post, or the folder itself as one post. */
function readFolder(root: string): StaticmanFile[] {
  let entries: Dirent[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
    entries = readdirSync(root, { withFileTypes: true });
  } catch (err) {
    throw new ToolError(`cannot read ${root}: ${(err as Error).message}`);
  }
  const files: StaticmanFile[] = [];
  // A comment file is small; one over the bound is listed by its size, never read into memory.
  const read = (post: string, dir: string, name: string) => {
    const size = statSync(path.join(dir, name)).size;
    files.push(
      size > MAX_ENTRY_BYTES ? { post, name, source: '', bytes: size } : { post, name, source: readFileSync(path.join(dir, name), 'utf8') },
    );
  };
  const dirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  if (dirs.length === 0) {
    for (const e of entries) if (e.isFile() && !e.name.startsWith('.')) read(path.basename(path.resolve(root)), root, e.name);
    return files;
  }
  for (const e of entries)
    if (e.isFile() && !e.name.startsWith('.')) throw new ToolError(`${path.join(root, e.name)}: expected only post folders in ${root}`);
  for (const d of dirs) {
    const dir = path.join(root, d.name);
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isFile() && !f.name.startsWith('.')) read(d.name, dir, f.name);
      else if (f.isDirectory()) throw new ToolError(`${path.join(dir, f.name)}: nested folders are not Staticman post folders`);
    }
  }
  return files;
}

await runTool('import:staticman', USAGE, (argv) => {
  const args = parseCommandLine(argv, options, argsSchema);
  const mapFile = args['article-map'];
  let articleMap: Record<string, string> = {};
  if (mapFile) {
    const parsed = articleMapSchema.safeParse(readJson(mapFile));
    if (!parsed.success) throw new ToolError(`${mapFile} is not a valid article map:\n${formatIssues(parsed.error.issues).join('\n')}`);
    // Keys may be written as paths (_data/comments/post/): the folder name is what counts.
    articleMap = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [path.basename(k.replace(/\/+$/, '')), v]));
  }
  const dir = importTarget(args.out);
  const site = importSite(dir, projectSite);
  const articles = new Set(markdownIds(path.join(dir, 'articles'), true));
  const authors = new Set(markdownIds(path.join(dir, 'authors')));
  for (const [, id] of args.staff) {
    if (!SLUG_PATTERN.test(id) || !authors.has(id))
      throw new ToolError(`--staff: "${id}" is not a file in ${showPath(dir)}/authors/; known authors: ${[...authors].join(', ')}`);
  }
  // Site paths and old paths of the articles, for folders the map does not name (matched by _parent).
  const articlePaths = new Map<string, string>();
  for (const a of loadCorpus({ contentDir: dir, timeZone: site.timeZone, permalink: site.permalink }).articles) {
    for (const p of [a.path, ...a.aliases]) {
      const key = parentPath(p);
      if (key) articlePaths.set(key, a.slug);
    }
  }
  const result = importStaticman(readFolder(args.positionals), {
    timeZone: site.timeZone,
    articleMap,
    articles,
    articlePaths,
    replyIndex: args['reply-index'],
    staffNames: new Map(args.staff),
  });
  return finishImport(String(args.positionals), dir, result, {
    force: args.force,
    allowRethread: args['allow-rethread'],
    timeZone: site.timeZone,
    permalink: site.permalink,
  });
});
