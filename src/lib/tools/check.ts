import { z } from 'astro/zod';

/** `npm run check` options for node:util parseArgs. */
export const checkOptions = { quiet: { type: 'boolean' } } as const;

/** `npm run check` arguments after parsing. */
export const checkArgs = z.strictObject({
  /** Print nothing when the content is valid (for scripts and hooks). */
  quiet: z.boolean().default(false),
  /** The folder comes from CONTENT_DIR, never from an argument. */
  positionals: z.array(z.string()).max(0, 'takes no arguments (set CONTENT_DIR to check another folder)'),
});
