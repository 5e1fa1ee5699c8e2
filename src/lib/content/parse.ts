import matter from 'gray-matter';
import yaml from 'js-yaml';
import { xmlSafe } from '../xml.ts';

/** The one parser for every Markdown content file: gray-matter with a YAML engine that keeps dates as strings. */

const engines = {
  // CORE_SCHEMA has no timestamp type: `date: 2010-07-14` stays a string, so the schema can read it
  // in the site's time zone instead of js-yaml's UTC midnight.
  // Escapes such as "\u0007" in quoted YAML strings are cleaned like the raw text (see below).
  yaml: (source: string) => cleanStrings(yaml.load(source, { schema: yaml.CORE_SCHEMA })) as object,
};

function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)]));
  return value;
}

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
}

/**
 * Splits a file into front matter and body; throws a readable message for broken YAML.
 * Invisible control characters (C0 except tab and newlines, often pasted in from word processors
 * or spam) are dropped first: HTML forbids them and XML cannot carry them at all.
 */
export function parseMarkdownFile(source: string): ParsedFile {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(xmlSafe(source), { engines });
  } catch (err) {
    throw new Error(describeYamlError(err));
  }
  const data = parsed.data as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter must be a list of `field: value` lines between --- lines');
  }
  return { data: data as Record<string, unknown>, body: parsed.content };
}

function describeYamlError(err: unknown): string {
  if (err instanceof yaml.YAMLException) {
    const line = err.mark ? ` at front-matter line ${err.mark.line + 1}` : '';
    return `invalid YAML front matter${line}: ${err.reason}. Quote values that contain ": " or start with a special character (title: "Q&A: the plan")`;
  }
  return `could not read front matter: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Reads a plain YAML document (not front matter) with the same engine, e.g. a Staticman comment
 * file: dates stay strings and control characters are dropped, as in content files.
 */
export function parseYamlData(source: string): unknown {
  try {
    return engines.yaml(xmlSafe(source));
  } catch (err) {
    throw new Error(describeYamlError(err).replace(' front matter', '').replace('front-matter line', 'line'));
  }
}

/**
 * Writes front matter and body back out (author tools and importers); drops undefined fields and
 * keeps the order of `data`. Deterministic: the same input always gives the same bytes, so
 * re-running an import leaves files unchanged. A file without a body ends after the front matter.
 */
export function stringifyMarkdownFile(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const fm = yaml.dump(clean, { schema: yaml.CORE_SCHEMA, lineWidth: -1, quotingType: '"' });
  const text = body.replace(/^\n+/, '').replace(/\s*$/, '');
  return text ? `---\n${fm}---\n\n${text}\n` : `---\n${fm}---\n`;
}
