/**
 * `npm run new:author -- "Name" [--id id] [--title "Job title"] [--url https://…] [--avatar /x.jpg]`:
 * creates <content>/authors/<id>.md with valid front matter and prints how articles name it.
 */
import path from 'node:path';
import { contentDir, publicDir } from '../src/lib/env.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { parseCommandLine, runTool } from '../src/lib/tools/cli.ts';
import { markdownIds, validateAfterWrite } from '../src/lib/tools/content-files.ts';
import { newAuthorArgs, newAuthorOptions, planNewAuthor } from '../src/lib/tools/new-author.ts';
import { showPath, writeFiles } from '../src/lib/tools/write.ts';
import { site } from '../src/site.config.ts';

const USAGE = `Usage: npm run new:author -- "Display Name" [--id id] [--title "Job title"] [--url https://…] [--avatar /images/me.jpg] [--force]

Creates authors/<id>.md in the content folder (CONTENT_DIR when set, else content/). The id comes
from the name (maria-delgado) unless --id sets it; articles name it in "author:". An existing
author file is replaced only with --force.
  --title   job title, shown with the name
  --url     personal or profile page (http or https)
  --avatar  portrait: a file in public/ (/images/me.jpg) or an http(s) URL`;

await runTool('new:author', USAGE, (argv) => {
  const args = parseCommandLine(argv, newAuthorOptions, newAuthorArgs);
  const dir = contentDir();
  const planned = planNewAuthor(args, { authorIds: markdownIds(path.join(dir, 'authors')), contentLabel: showPath(dir) });
  const report = writeFiles(dir, [planned.file], args.force);
  const file = [...report.created, ...report.overwritten][0] ?? path.join(dir, planned.file.path);
  console.log(`${report.overwritten.length ? 'Replaced' : 'Created'} ${file}`);
  console.log(`Articles name this author with: author: ${planned.id}`);
  const { ours } = validateAfterWrite({ contentDir: dir, publicDir: publicDir(), timeZone: site.timeZone, permalink: site.permalink }, [
    file,
  ]);
  for (const p of ours) console.error(formatProblem(p));
  return ours.length ? 1 : 0;
});
