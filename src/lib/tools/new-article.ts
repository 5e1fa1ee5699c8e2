import { z } from 'astro/zod';
import { LIMITS } from '../content/limits.ts';
import { stringifyMarkdownFile } from '../content/parse.ts';
import { articleSchema } from '../content/schema.ts';
import { isoInZone, parseContentDate } from '../dates.ts';
import { absoluteUrl, articlePath } from '../permalink.ts';
import { formatIssues } from '../problems.ts';
import { SLUG_PATTERN, slugify } from '../slug.ts';
import { ToolError, UsageError } from './cli.ts';
import { uniqueName } from './comment-file.ts';
import type { PlannedFile } from './write.ts';

/** `npm run new` options for node:util parseArgs. */
export const newArticleOptions = {
  author: { type: 'string' },
  tags: { type: 'string' },
  date: { type: 'string' },
  slug: { type: 'string' },
  draft: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run new` arguments after parsing. */
export const newArticleArgs = z.strictObject({
  /** The title, the one positional argument. */
  positionals: z
    .array(z.string())
    .length(1, 'give exactly one title, in quotes: npm run new -- "Partner programs in 2027"')
    .transform((p) => p[0] as string)
    .pipe(z.string().trim().min(1, 'the title must not be empty')),
  /** Author id (a file in content/authors/); defaults to the site's defaultAuthor. */
  author: z.string().trim().min(1).optional(),
  /** Comma-separated tags: "Microsoft, MSP". */
  tags: z
    .string()
    .transform((t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
  /** Publication date; defaults to now. */
  date: z.string().optional(),
  /** File name to use instead of the one derived from the title; must not exist unless --force. */
  slug: z
    .string()
    .max(LIMITS.text.id, `must be at most ${LIMITS.text.id} characters (it becomes a file name and a URL)`)
    .regex(SLUG_PATTERN, 'must be lowercase letters, digits and hyphens, like partner-programs-2027')
    .optional(),
  /** Start as a draft (built only by `npm run dev`). */
  draft: z.boolean().default(false),
  /** Overwrite the file named by --slug when it exists. */
  force: z.boolean().default(false),
  help: z.boolean().default(false),
});
export type NewArticleArgs = z.output<typeof newArticleArgs>;

/** What the tool needs to know about the site and the content folder. */
export interface NewArticleContext {
  timeZone: string;
  permalink: string;
  siteUrl: string;
  defaultAuthor?: string | undefined;
  /** Ids of the files in content/authors/. */
  authorIds: readonly string[];
  /** Slugs (file names) of the existing articles. */
  articleSlugs: readonly string[];
  now: Date;
  /** The content folder as messages show it (CONTENT_DIR may point elsewhere); default "content". */
  contentLabel?: string;
}

/** The planned article: its file, its slug and the URL it will have once published. */
export interface NewArticle {
  slug: string;
  file: PlannedFile;
  /** Absolute URL: site url + permalink. */
  url: string;
}

const BODY =
  'Write the article here, in Markdown. The first paragraph becomes the description in listings, feeds and search unless you add `description:` above.\n';

/**
 * Builds a new article file. The slug comes from the title (made unique with -2, -3…), the
 * date is now (to the minute) written in the site's time zone with its offset, and the front
 * matter is checked with the build's article schema before anything is written.
 */
export function planNewArticle(args: NewArticleArgs, ctx: NewArticleContext): NewArticle {
  const author = args.author ?? ctx.defaultAuthor;
  const folder = ctx.contentLabel ?? 'content';
  const known = ctx.authorIds.length ? ctx.authorIds.join(', ') : `(none: add a file to ${folder}/authors/ first)`;
  if (!author) throw new UsageError(`--author is required because src/site.config.ts sets no defaultAuthor; known authors: ${known}`);
  if (!ctx.authorIds.includes(author)) {
    throw new ToolError(`author "${author}" is not a file in ${folder}/authors/; known authors: ${known}`);
  }

  let date = new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000);
  if (args.date !== undefined) {
    const parsed = parseContentDate(args.date, ctx.timeZone);
    if (!parsed)
      throw new UsageError(`--date: must be an ISO 8601 date like 2026-11-27 or 2026-11-27T15:04, not ${JSON.stringify(args.date)}`);
    date = parsed;
  }

  let slug = args.slug;
  if (slug) {
    if (ctx.articleSlugs.includes(slug) && !args.force) {
      throw new ToolError(`${folder}/articles/${slug}.md already exists; pick another --slug or add --force to overwrite it`);
    }
  } else {
    const base = slugify(args.positionals);
    if (!base) throw new UsageError(`the title has no letters a-z or digits to make a file name from; give one with --slug`);
    slug = uniqueName(base, new Set(ctx.articleSlugs));
  }

  const data = {
    title: args.positionals,
    date: isoInZone(date, ctx.timeZone),
    author,
    tags: args.tags?.length ? args.tags : undefined,
    draft: args.draft || undefined,
  };
  const check = articleSchema(ctx.timeZone).safeParse(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
  if (!check.success) throw new ToolError(`the new article would be invalid:\n${formatIssues(check.error.issues).join('\n')}`);

  return {
    slug,
    file: { path: `articles/${slug}.md`, text: stringifyMarkdownFile(data, BODY) },
    url: absoluteUrl(ctx.siteUrl, articlePath(ctx.permalink, slug, date, ctx.timeZone)),
  };
}
