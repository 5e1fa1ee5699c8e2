import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { issuesToProblems, type Problem } from '../problems.ts';
import { resolvePublicFile } from '../public-files.ts';
import { slugify } from '../slug.ts';
import { authoredBodyProblem } from './comment-body.ts';
import { count, LIMITS } from './limits.ts';
import type { LoadOptions } from './load.ts';
import { parseMarkdownFile } from './parse.ts';

/** A kind of content file, with its own size bound (LIMITS.fileBytes). */
export type Kind = keyof typeof LIMITS.fileBytes;

/**
 * One pass over the content folder: where problems go, how paths are shown. Each kind of file has
 * its own reader below; the cross-file rules (authors exist, replies resolve, URLs are unique)
 * run once everything is read, so one run reports every problem.
 */
export class Reader {
  readonly problems: Problem[] = [];
  readonly opts: LoadOptions;
  private readonly cwd: string;
  constructor(opts: LoadOptions) {
    this.opts = opts;
    this.cwd = opts.cwd ?? process.cwd();
  }

  show(abs: string): string {
    const rel = path.relative(this.cwd, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  }

  problem(file: string, message: string, field?: string) {
    this.problems.push({ file: this.show(file), field, message });
  }

  dir(name: string): string {
    return path.join(this.opts.contentDir, name);
  }

  /**
   * Entries of a content folder, sorted. Symbolic links are refused, not followed: a link could
   * publish any file on the build machine (`pages/leak.md -> /etc/passwd`) or let a tool write
   * outside content/. Hidden files (.gitkeep, editor swap files) are skipped.
   */
  entries(dir: string): { files: string[]; dirs: string[] } {
    const files: string[] = [];
    const dirs: string[] = [];
    if (!existsSync(dir)) return { files, dirs };
    if (lstatSync(dir).isSymbolicLink()) {
      this.problem(
        dir,
        'is a symbolic link; content folders must be real folders inside the content folder (replace the link with the folder)',
      );
      return { files, dirs };
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink())
        this.problem(full, 'is a symbolic link; content must be real files (replace the link with the file itself)');
      else if (entry.isDirectory()) dirs.push(full);
      else if (entry.isFile()) files.push(full);
      else this.problem(full, 'is not a regular file; remove it');
    }
    return { files: files.sort(), dirs: dirs.sort() };
  }

  /** Every file under `dir`, through subfolders (articles may be grouped in folders). */
  filesDeep(dir: string): string[] {
    const { files, dirs } = this.entries(dir);
    return [...files, ...dirs.flatMap((d) => this.filesDeep(d))].sort();
  }

  /** The file name without .md when it is a valid id of its kind; otherwise reports why. */
  checkName(file: string, pattern: RegExp, what: string): string | undefined {
    const base = path.basename(file);
    if (!base.endsWith('.md')) {
      this.problem(
        file,
        `is not a .md file; ${what} files must end in .md (rename it, or move it out of ${this.show(path.dirname(file))})`,
      );
      return undefined;
    }
    const id = base.slice(0, -3);
    if (id.length > LIMITS.text.id) {
      this.problem(file, `file name is ${id.length} characters long; ${what} ids may have at most ${LIMITS.text.id}: rename it`);
      return undefined;
    }
    if (!pattern.test(id)) {
      const better = slugify(id) || 'a-name';
      this.problem(file, `file name "${id}" is not a valid ${what} id (lowercase letters, digits, hyphens); rename it to ${better}.md`);
      return undefined;
    }
    return id;
  }

  /** Reads a file within its size bound, never through a link; undefined (reported) otherwise. */
  readText(file: string, kind: Kind): string | undefined {
    const max = LIMITS.fileBytes[kind];
    let fd: number | undefined;
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      const size = fstatSync(fd).size;
      if (size > max) {
        this.problem(file, `is ${count(size)} bytes; ${kind} files may be at most ${count(max)} bytes: shorten it`);
        return undefined;
      }
      return readFileSync(fd, 'utf8');
    } catch (err) {
      this.problem(
        file,
        `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); make it a readable regular file`,
      );
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Parses one file and validates its front matter; undefined when it has problems. */
  read<S extends z.ZodType>(file: string, kind: Kind, schema: S, onInvalid?: (raw: Record<string, unknown>, shown: string) => void) {
    const shown = this.show(file);
    const source = this.readText(file, kind);
    if (source === undefined) return undefined;
    let parsed: ReturnType<typeof parseMarkdownFile>;
    try {
      parsed = parseMarkdownFile(source);
    } catch (err) {
      this.problems.push({ file: shown, message: (err as Error).message });
      return undefined;
    }
    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      this.problems.push(...issuesToProblems(shown, result.error.issues, parsed.data));
      // Cross-file checks still run on what can be read, so one pass reports everything.
      onInvalid?.(parsed.data, shown);
      return undefined;
    }
    // Comments have their own, tighter bounds (readComments); everything else is authored.
    const tooComplex = kind === 'comment' ? undefined : authoredBodyProblem(parsed.body);
    if (tooComplex) {
      this.problems.push({ file: shown, field: 'body', message: tooComplex });
      return undefined;
    }
    return { data: result.data as z.output<S>, body: parsed.body, shown };
  }

  /** A site path in front matter must name a file inside public/ (not a link, not outside it). */
  checkAsset(shown: string, field: string, ref: string | undefined) {
    if (!ref?.startsWith('/') || !this.opts.publicDir) return;
    const found = resolvePublicFile(this.opts.publicDir, ref);
    if ('problem' in found) this.problems.push({ file: shown, field, message: found.problem });
  }

  /** An alias may not shadow a file in public/ (the host would serve one of the two). */
  checkAliasFiles(shown: string, aliases: readonly string[]) {
    const publicDir = this.opts.publicDir;
    if (!publicDir) return;
    for (const alias of aliases) {
      if (existsSync(path.join(publicDir, decodeURIComponent(alias)))) {
        this.problems.push({ file: shown, field: 'aliases', message: `${alias} is a file or folder in public/; remove the alias` });
      }
    }
  }
}
