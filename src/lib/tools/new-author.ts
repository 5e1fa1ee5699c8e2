import { z } from 'astro/zod';
import { LIMITS } from '../content/limits.ts';
import { stringifyMarkdownFile } from '../content/parse.ts';
import { authorSchema } from '../content/schema.ts';
import { formatIssues } from '../problems.ts';
import { SLUG_PATTERN, slugify } from '../slug.ts';
import { ToolError, UsageError } from './cli.ts';
import type { PlannedFile } from './write.ts';

/** `npm run new:author` options for node:util parseArgs. */
export const newAuthorOptions = {
  id: { type: 'string' },
  title: { type: 'string' },
  url: { type: 'string' },
  avatar: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run new:author` arguments after parsing. */
export const newAuthorArgs = z.strictObject({
  /** The display name, the one positional argument. */
  positionals: z
    .array(z.string())
    .length(1, 'give exactly one name, in quotes: npm run new:author -- "Maria Delgado"')
    .transform((p) => p[0] as string)
    .pipe(z.string().trim().min(1, 'the name must not be empty')),
  /** File name (the id articles name in `author:`); derived from the name when absent. */
  id: z
    .string()
    .max(LIMITS.text.id, `must be at most ${LIMITS.text.id} characters (it becomes a file name and a URL)`)
    .regex(SLUG_PATTERN, 'must be lowercase letters, digits and hyphens, like maria-delgado')
    .optional(),
  /** Job title, e.g. "Editorial Director". */
  title: z.string().optional(),
  /** Personal or profile URL. */
  url: z.string().optional(),
  /** Portrait: a file in public/ or an http(s) URL. */
  avatar: z.string().optional(),
  /** Replace an existing author file with the same id. */
  force: z.boolean().default(false),
  help: z.boolean().default(false),
});
export type NewAuthorArgs = z.output<typeof newAuthorArgs>;

/** What the tool needs to know about the content folder. */
export interface NewAuthorContext {
  /** Ids of the files in <content>/authors/. */
  authorIds: readonly string[];
  /** The content folder as messages show it (CONTENT_DIR may point elsewhere). */
  contentLabel: string;
}

/** The planned author file and its id. */
export interface NewAuthor {
  id: string;
  file: PlannedFile;
}

const BIO = 'A short bio, in Markdown: shown on the author page.\n';

/**
 * Builds `<content>/authors/<id>.md`, checked with the build's author schema before anything is
 * written. The id comes from the name unless --id is given; an existing author is replaced only
 * with --force (a new author never silently takes an existing one's articles).
 */
export function planNewAuthor(args: NewAuthorArgs, ctx: NewAuthorContext): NewAuthor {
  const id = args.id ?? slugify(args.positionals).slice(0, LIMITS.text.id).replace(/-+$/, '');
  if (!id) throw new UsageError('the name has no letters a-z or digits to make a file name from; give one with --id');
  const file = `${ctx.contentLabel}/authors/${id}.md`;
  if (ctx.authorIds.includes(id) && !args.force) {
    throw new ToolError(`${file} already exists; pick another --id, or add --force to replace it`);
  }
  const data = { name: args.positionals, title: args.title, url: args.url, avatar: args.avatar };
  const check = authorSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
  if (!check.success) throw new ToolError(`${file} would be invalid:\n${formatIssues(check.error.issues).join('\n')}`);
  return { id, file: { path: `authors/${id}.md`, text: stringifyMarkdownFile(check.data, BIO) } };
}
