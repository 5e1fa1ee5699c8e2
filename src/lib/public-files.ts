import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Where a site path ("/images/x.jpg") points in public/, or why it may not be read. */
export type PublicFile = { file: string } | { problem: string };

/**
 * Resolves a site path from front matter (`image`, `avatar`) to a file in public/, confined to
 * it: the path is decoded once (so "%2e%2e" is "..") and may have no "." or ".." segment,
 * backslash or NUL; the resolved file must lie under public/ and be a regular file, not a link
 * (a link could point anywhere on the build machine, and a social card would draw it). The one
 * public/ lookup: the loader's checks and the social cards both call it.
 */
export function resolvePublicFile(publicDir: string, ref: string): PublicFile {
  if (!ref.startsWith('/') || ref.startsWith('//')) return { problem: `${ref} is not a site path starting with a single /` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref.split(/[?#]/)[0] ?? '');
  } catch {
    return { problem: `${ref} has a % that is not followed by two hex digits; fix the path` };
  }
  if (/[\\\0]/.test(decoded) || decoded.split('/').some((seg) => seg === '.' || seg === '..')) {
    return { problem: `${ref} leaves public/ (it has a . or .. segment or a backslash); name the file by its path under public/` };
  }
  const root = path.resolve(publicDir);
  const file = path.resolve(root, `.${decoded}`);
  if (!file.startsWith(root + path.sep)) return { problem: `${ref} is not inside public/; name the file by its path under public/` };
  let stat: ReturnType<typeof lstatSync> | undefined;
  try {
    stat = lstatSync(file);
  } catch {
    return { problem: `${ref} is not a file in public/; add the file or fix the path` };
  }
  if (stat.isSymbolicLink()) return { problem: `${ref} is a symbolic link in public/; put the file itself there` };
  if (!stat.isFile()) return { problem: `${ref} is not a file in public/; add the file or fix the path` };
  // A folder on the way may still be a link out of public/.
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { problem: `${ref}: public/ cannot be read` };
  }
  if (!realpathSync(file).startsWith(realRoot + path.sep)) {
    return { problem: `${ref} reaches outside public/ through a linked folder; put the file itself in public/` };
  }
  return { file };
}
