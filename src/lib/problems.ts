import type { z } from 'astro/zod';
import { plural } from './words.ts';

/** One thing wrong with one content file: where, which field, what, and how to fix it. */
export interface Problem {
  /** Path of the file, relative to the project (or absolute when outside it). */
  file: string;
  /** Front-matter field, or undefined when the problem is the whole file. */
  field?: string | undefined;
  /** What is wrong and what to do, in one sentence. */
  message: string;
}

/** Renders a problem the way every tool prints it: `file: field: message`. */
export function formatProblem(p: Problem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown when content has problems; its message lists all of them, one per line. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const n = problems.length;
    super(
      `Content has ${plural(n, 'problem')}; fix ${n === 1 ? 'it' : 'them'} and build again:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
    // The message is the whole story; a stack trace into the loader would only bury it.
    this.stack = this.message;
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return JSON.stringify(v) ?? String(v);
}

/** Turns zod issues into `field: message` lines a person can act on. */
export function issuesToProblems(file: string, issues: readonly z.core.$ZodIssue[], data?: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || undefined;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ file, field: field ? `${field}.${key}` : key, message: 'unknown field; check its spelling or remove it' });
      }
      continue;
    }
    let message = issue.message;
    // Without the data the value cannot be shown; the schema's own message stands.
    if (issue.code === 'invalid_type' && data !== undefined) {
      // Follow the whole path: for `tags: [2010]` the bad value is data.tags[0], not data["tags.0"].
      let got: unknown = data;
      for (const key of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[key] : undefined;
      const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
      message = got === undefined ? `is required (${issue.expected})` : `must be ${article} ${issue.expected}, not ${describeValue(got)}`;
      // `draft: "false"` is the classic: quoted YAML is a string, and a non-empty string is truthy.
      if (issue.expected === 'boolean' && typeof got === 'string') message += ' (write true or false without quotes)';
    }
    out.push({ file, field, message });
  }
  return out;
}

/** Formats zod issues as indented lines (used for configuration errors). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issuesToProblems('', issues).map((p) => `  - ${p.field ?? '(root)'}: ${p.message}`);
}
