/**
 * `npm run import:wordpress -- export.xml [--out content] [--force]`: imports a WordPress export
 * (WXR) into the content folder, then validates it like the build and prints a summary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { siteSettingsSchema } from '../src/lib/config.ts';
import { finishImport, importArgs, importOptions, importSite, importTarget } from '../src/lib/import/finish.ts';
import { importWordPress } from '../src/lib/import/wordpress.ts';
import { parseCommandLine, runTool, ToolError } from '../src/lib/tools/cli.ts';
import { markdownIds } from '../src/lib/tools/content-files.ts';
import { showPath } from '../src/lib/tools/write.ts';
import { site as projectSite } from '../src/site.config.ts';

const USAGE = `Usage: npm run import:wordpress -- export.xml [--out content] [--force] [--allow-rethread]
         [--title "Site name"] [--tagline "…"] [--url https://new.example.com] [--language en-US] [--default-author id]

Imports a WordPress export (Tools → Export, WXR 1.1/1.2) into the content folder (--out, else
CONTENT_DIR, else content/): published posts (drafts, pending and password-protected posts as
draft: true), pages (old nested URLs become aliases), authors, categories and tags (both become
tags), and approved comments with their threads. HTML becomes Markdown; the old URL becomes an
alias; closed comments become commentsClosed: true. The Author badge goes only to comments
WordPress recorded under an exported author's user id, never by name or e-mail. Private and trashed
posts, pingbacks, trackbacks, unapproved and spam comments, and comments on pages are left out
and listed. The site's title, tagline, address, language and default author go to site.yml in
the content folder (an existing one is kept unless --force); --title, --tagline, --url,
--language and --default-author set them instead of the export's (the new address, say).
Re-running on the same export changes nothing. A file that exists with different content stops
the import before anything is written, unless --force (author files that exist are always kept).
The last line counts comments imported, replies kept, re-threaded, lost and left out; the exit
code is 1 when any was lost or re-threaded, unless --allow-rethread.`;

const options = {
  ...importOptions,
  title: { type: 'string' },
  tagline: { type: 'string' },
  url: { type: 'string' },
  language: { type: 'string' },
  'default-author': { type: 'string' },
} as const;

const { title, tagline, url, language, defaultAuthor } = siteSettingsSchema.shape;
const argsSchema = z.strictObject({
  ...importArgs('give exactly one export file: npm run import:wordpress -- export.xml'),
  title,
  tagline,
  url,
  language,
  'default-author': defaultAuthor,
});

await runTool('import:wordpress', USAGE, (argv) => {
  const args = parseCommandLine(argv, options, argsSchema);
  let xml: string;
  try {
    xml = readFileSync(args.positionals, 'utf8');
  } catch (err) {
    throw new ToolError(`cannot read ${args.positionals}: ${(err as Error).message}`);
  }
  const dir = importTarget(args.out);
  const site = importSite(dir, projectSite);
  const result = importWordPress(xml, { timeZone: site.timeZone, permalink: site.permalink });
  const given = { title: args.title, tagline: args.tagline, url: args.url, language: args.language, defaultAuthor: args['default-author'] };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) result.settings = { ...result.settings, [key]: value };
  const author = given.defaultAuthor;
  if (author && !result.files.some((f) => f.path === `authors/${author}.md`) && !markdownIds(path.join(dir, 'authors')).includes(author)) {
    throw new ToolError(`--default-author: "${author}" is neither in the export nor a file in ${showPath(dir)}/authors/`);
  }
  return finishImport(String(args.positionals), dir, result, {
    force: args.force,
    allowRethread: args['allow-rethread'],
    timeZone: site.timeZone,
    permalink: site.permalink,
  });
});
