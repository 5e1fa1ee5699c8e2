import path from 'node:path';

/** Folder the site is built from: CONTENT_DIR, or ./content. */
export function contentDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CONTENT_DIR || 'content');
}

/** Folder served at the site root. */
export function publicDir(cwd = process.cwd()): string {
  return path.resolve(cwd, 'public');
}
