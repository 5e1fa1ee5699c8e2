import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { z } from 'astro/zod';

/**
 * Command-line plumbing shared by the author tools in scripts/: node:util parseArgs for the
 * syntax, a zod schema for the meaning, and errors that say which option is wrong and how to
 * fix it.
 */

/** A mistake in how a tool was called; the CLI prints it with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Something the tool refused to do (missing article, honeypot filled, file exists…): printed as is. */
export class ToolError extends Error {
  override name = 'ToolError';
}

/**
 * Parses `argv` with parseArgs, then validates `{ ...options, positionals }` with `schema`.
 * Zod issues become one line each, named after the option (`--author: …`) or `positionals`.
 */
export function parseCommandLine<S extends z.ZodType>(argv: readonly string[], options: ParseArgsOptionsConfig, schema: S): z.output<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const [head] = issue.path;
      const name = head === undefined ? 'arguments' : head === 'positionals' ? 'argument' : `--${String(head)}`;
      return `${name}: ${issue.message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  return result.data;
}

/**
 * Runs a tool: prints `usage` for --help/-h, otherwise calls `main` with the arguments and turns
 * its errors into an exit status: 2 for usage mistakes (with a hint to run --help), 1 for
 * refusals and content problems. Unexpected errors keep their stack, since they are bugs.
 */
export async function runTool(name: string, usage: string, main: (argv: string[]) => Promise<number> | number): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return;
  }
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${name}: ${err.message}\nRun \`npm run ${name} -- --help\` for usage.`);
      process.exitCode = 2;
    } else if (err instanceof ToolError) {
      console.error(`${name}: ${err.message}`);
      process.exitCode = 1;
    } else throw err;
  }
}
