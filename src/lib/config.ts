import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { parseYamlData } from './content/parse.ts';
import { httpUrl } from './content/schema.ts';
import { newsletterSchema } from './newsletter/config.ts';
import { formatIssues } from './problems.ts';
import { SLUG_PATTERN } from './slug.ts';

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag like en-US');
const ianaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like America/New_York');
const permalinkPattern = z
  .string()
  .regex(
    /^\/(?:(?::year|:month|:day|[a-z0-9-]+)\/)*:slug\/$/,
    'must look like /:year/:month/:day/:slug/ (tokens :year :month :day, ending in :slug/)',
  );

/** A social or follow link shown in the site footer and the follow block. */
const linkSchema = z.strictObject({
  /** Visible label, e.g. "LinkedIn". */
  label: z.string().min(1),
  /** Absolute http(s) URL or a site path starting with "/". */
  href: z.union([httpUrl, z.string().regex(/^\/(?!\/)/, 'must be a site path like /rss.xml')]),
});

/** Site-wide settings, validated once at start-up. Every field has a default except title and url. */
export const siteConfigSchema = z.strictObject({
  /** Site name, shown in the header, titles, feeds and cards. */
  title: z.string().min(1),
  /** One line under the site name. */
  tagline: z.string().default(''),
  /** Canonical origin of the deployed site, e.g. https://example.com (no path). */
  url: httpUrl,
  /** BCP 47 language tag for `<html lang>` and feeds. */
  language: languageTag.default('en-US'),
  /** IANA time zone in which dates are shown and date-only front matter is read. */
  timeZone: ianaTimeZone.default('America/New_York'),
  /** Article URL pattern; tokens :year :month :day :slug. Must end with :slug/ so URLs are unique. */
  permalink: permalinkPattern.default('/:year/:month/:day/:slug/'),
  /** Articles per listing page (home, tag, author pages). */
  pageSize: z.number().int().min(1).max(100).default(10),
  /** How deep comment replies nest on the page before they stay at the deepest level. */
  commentDepth: z.number().int().min(1).max(10).default(5),
  /** How many articles the site feed carries. */
  feedSize: z.number().int().min(1).max(500).default(50),
  /**
   * How many articles each tag and author feed carries. Smaller than the site feed: a site with
   * hundreds of topics would otherwise write hundreds of full-text copies of the same articles.
   */
  topicFeedSize: z.number().int().min(1).max(500).default(20),
  /** Links shown in the footer and the follow block (social profiles, RSS). */
  social: z.array(linkSchema).default([]),
  /**
   * The follow block printed after every article, outside the article text, and the weekly
   * newsletter: sign-up form and digests (fields in src/lib/newsletter/config.ts). No block when absent.
   */
  newsletter: newsletterSchema.optional(),
  /** Default author id for `npm run new` when --author is not given. */
  defaultAuthor: z.string().optional(),
  /**
   * The reader comment form under open comment threads; no form when absent (the default).
   * It posts to a service that turns submissions into pull requests or files for review
   * (a Staticman instance, a form-to-PR service); `npm run comment` turns one into a comment file.
   */
  commentForm: z
    .strictObject({
      /** Where the form posts: an absolute http(s) URL, e.g. a Staticman entry endpoint. */
      action: httpUrl,
      /** Field names: "plain" posts name, message, replying_to…; "staticman" posts fields[name], options[slug]…. */
      fieldNames: z.enum(['plain', 'staticman']).default('plain'),
      /** Page readers land on after posting (a site path or an http(s) URL); sent as redirect / options[redirect]. */
      redirect: z.union([httpUrl, z.string().regex(/^\/(?!\/)/, 'must be a site path like /thanks/')]).optional(),
    })
    .optional(),
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** Validates the site configuration, throwing one readable error that lists every bad field. */
export function parseSiteConfig(input: unknown, file = 'src/site.config.ts'): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`${file}: invalid site configuration.\n${formatIssues(result.error.issues).join('\n')}`);
  }
  return { ...result.data, url: result.data.url.replace(/\/+$/, '') };
}

/** The settings file in the content folder (CONTENT_DIR, else content/). */
export const SITE_SETTINGS_FILE = 'site.yml';

/**
 * `<content>/site.yml`: the settings a site owner changes most, kept beside the content so an
 * imported site works without editing TypeScript. Each field given here wins over
 * src/site.config.ts; every field is optional, and an unknown one is an error.
 */
export const siteSettingsSchema = z.strictObject({
  /** Site name. */
  title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  /** One line under the site name. */
  tagline: z.string().trim().max(300).optional(),
  /** Canonical origin of the deployed site, e.g. https://example.com. */
  url: httpUrl.optional(),
  /** BCP 47 language tag, e.g. en-US. */
  language: languageTag.optional(),
  /** IANA time zone, e.g. America/New_York. */
  timeZone: ianaTimeZone.optional(),
  /** Article URL pattern, e.g. /:year/:month/:day/:slug/. */
  permalink: permalinkPattern.optional(),
  /** Author id (a file in <content>/authors/) that `npm run new` uses when --author is not given. */
  defaultAuthor: z.string().regex(SLUG_PATTERN, 'must be an author id: a file name in authors/ without .md').optional(),
});

export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** A site.yml a person can fix: the message names the file and every bad field, and is the whole story. */
export class SiteSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteSettingsError';
    // A stack trace into the config loader would only bury the file and field.
    this.stack = message;
  }
}

/**
 * Reads `<contentDir>/site.yml`: {} when there is none. Throws one readable error naming the
 * file and each bad field; a symbolic link is refused like any content file.
 */
export function readSiteSettings(contentDir: string): SiteSettings {
  const file = path.join(contentDir, SITE_SETTINGS_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  if (!existsSync(file)) return {};
  if (lstatSync(file).isSymbolicLink()) throw new SiteSettingsError(`${shown}: is a symbolic link; the settings file must be a real file`);
  let raw: unknown;
  try {
    raw = parseYamlData(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SiteSettingsError(`${shown}: ${(err as Error).message}`);
  }
  const result = siteSettingsSchema.safeParse(raw ?? {});
  if (!result.success) throw new SiteSettingsError(`${shown}: invalid site settings.\n${formatIssues(result.error.issues).join('\n')}`);
  return Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined)) as SiteSettings;
}
