import matter from 'gray-matter';
import yaml from 'js-yaml';

/** The one parser for every Markdown content file: gray-matter with a YAML engine that keeps dates as strings. */

const engines = {
  // CORE_SCHEMA has no timestamp type: `date: 2010-07-14` stays a string, so the schema can read it
  // in the site's time zone instead of js-yaml's UTC midnight.
  yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
};

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
}

/** Splits a file into front matter and body; throws a readable message for broken YAML. */
export function parseMarkdownFile(source: string): ParsedFile {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, { engines });
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

/** Writes front matter and body back out (author tools); drops undefined fields. */
export function stringifyMarkdownFile(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const fm = yaml.dump(clean, { schema: yaml.CORE_SCHEMA, lineWidth: -1, quotingType: '"' });
  return `---\n${fm}---\n\n${body.replace(/^\n+/, '').replace(/\s*$/, '\n')}`;
}
