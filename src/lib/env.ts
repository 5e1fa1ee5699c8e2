import path from 'node:path';
import { z } from 'astro/zod';
import { buildNow } from './publish.ts';
import { plural } from './words.ts';

/**
 * The environment variables a build reads, validated in one place. Every other module asks
 * `buildEnv()` (or one of the helpers below) instead of reading process.env, so a typo such as
 * `CARDS=0` stops the build with a message instead of being ignored. An empty value counts as
 * unset, as shells make it easy to export one by accident.
 */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const folder = () => z.preprocess(unsetIfEmpty, z.string().optional());

export const envSchema = z.object({
  /** Folder the site is built from, relative to the project; default `content`. */
  CONTENT_DIR: folder(),
  /** The build's clock as an ISO 8601 instant (2011-01-01T00:00:00Z); default: the time the build starts. */
  BUILD_NOW: z.preprocess(unsetIfEmpty, z.string().optional()).transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      // publish.ts owns the rule for reading the clock; this only words its error for the environment.
      return buildNow({ BUILD_NOW: value });
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'write an ISO 8601 instant with its offset, like 2011-01-01T00:00:00Z, or leave BUILD_NOW unset for the current time',
      });
      return z.NEVER;
    }
  }),
  /** `off` skips the social cards (og:image then points at missing files); unset or `on` draws them. */
  CARDS: z.preprocess(
    unsetIfEmpty,
    z.enum(['on', 'off'], { error: 'use CARDS=off to skip the social cards, or leave CARDS unset (or on) to draw them' }).optional(),
  ),
  /** `off` skips the newsletter digests for one build (to measure their share); unset or `on` follows the site config. */
  DIGESTS: z.preprocess(
    unsetIfEmpty,
    z.enum(['on', 'off'], { error: 'use DIGESTS=off to skip the newsletter digests, or leave DIGESTS unset (or on)' }).optional(),
  ),
  /** Cache of drawn social cards; default node_modules/.cache/backchannel-cards. */
  CARD_CACHE_DIR: folder(),
  /** Cache of the last search index; default node_modules/.cache/backchannel-search. */
  SEARCH_CACHE_DIR: folder(),
});

/** The variables envSchema knows, in the order errors list them. */
export const ENV_KEYS = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

/** What a build takes from its environment, resolved to absolute paths and values. */
export interface BuildEnv {
  contentDir: string;
  publicDir: string;
  /** The build's one clock: scheduling, cards, sitemap and feeds all use this instant. */
  now: Date;
  /** False when CARDS=off. */
  cards: boolean;
  /** False when DIGESTS=off (the site config may turn them off too). */
  digests: boolean;
  cardCacheDir: string;
  searchCacheDir: string;
}

/** Every problem with the environment at once, one line each: `NAME=value: what to do`. */
export class EnvError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const n = problems.length;
    super(`The environment has ${plural(n, 'problem')}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
    this.problems = problems;
    // The message is the whole story; a stack trace would only bury it.
    this.stack = this.message;
  }
}

type Env = Record<string, string | undefined>;

function parse<K extends keyof typeof envSchema.shape>(env: Env, keys: readonly K[]) {
  const picked = Object.fromEntries(keys.map((k) => [k, env[k]]));
  // The mask is typed over every key: TypeScript cannot check a mask over the generic K against the shape.
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as { [P in keyof typeof envSchema.shape]?: true };
  const result = envSchema.pick(mask).safeParse(picked);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        return `${key}=${env[key] ?? ''}: ${issue.message}`;
      }),
    );
  }
  return result.data as Partial<z.infer<typeof envSchema>>;
}

const resolveIn = (cwd: string, value: string | undefined, fallback: string) => path.resolve(cwd, value ?? fallback);

/** Reads and checks every build variable; throws EnvError listing all that are wrong. */
export function parseEnv(env: Env, cwd = process.cwd()): BuildEnv {
  const data = parse(env, ENV_KEYS);
  return {
    contentDir: resolveIn(cwd, data.CONTENT_DIR, 'content'),
    publicDir: publicDir(cwd),
    now: data.BUILD_NOW ?? new Date(),
    cards: data.CARDS !== 'off',
    digests: data.DIGESTS !== 'off',
    cardCacheDir: resolveIn(cwd, data.CARD_CACHE_DIR, 'node_modules/.cache/backchannel-cards'),
    searchCacheDir: resolveIn(cwd, data.SEARCH_CACHE_DIR, 'node_modules/.cache/backchannel-search'),
  };
}

// One slot per process, not per module: Astro loads the config, the content loaders and the
// prerendered pages as separate module graphs, and all of them must see the same `now`.
const SLOT = Symbol.for('backchannel.build-env');
type Slot = { [SLOT]?: BuildEnv };

/** The environment of this process's build, read once: every caller gets the same values and clock. */
export function buildEnv(): BuildEnv {
  const g = globalThis as Slot;
  g[SLOT] ??= parseEnv(process.env);
  return g[SLOT];
}

/** Folder the site is built from: CONTENT_DIR, or ./content (for the author tools, which need nothing else). */
export function contentDir(env: Env = process.env, cwd = process.cwd()): string {
  return resolveIn(cwd, parse(env, ['CONTENT_DIR']).CONTENT_DIR, 'content');
}

/** Folder served at the site root. */
export function publicDir(cwd = process.cwd()): string {
  return path.resolve(cwd, 'public');
}
