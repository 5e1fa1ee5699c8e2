import matter from 'gray-matter';
import yaml from 'js-yaml';
import { xmlSafe } from '../xml.ts';
import { count, LIMITS } from './limits.ts';

/**
 * The one parser for every Markdown content file and every imported YAML document. Input comes
 * from the public (comments, pull requests, other tools' exports), so only the safe subset runs:
 * - YAML and nothing else. gray-matter would `eval` front matter that opens with `---js` and
 *   parse `---json`; a file must open with a line that is exactly `---`, and every other engine
 *   is replaced by one that refuses, whatever the file says.
 * - YAML with js-yaml's CORE_SCHEMA: no custom tags, no timestamps (dates stay strings, read in
 *   the site's time zone by the schema), no merge keys.
 * - No anchors or aliases: js-yaml shares an aliased node, but any walk over the result copies
 *   it, so 500 bytes of nested aliases become gigabytes ("billion laughs").
 * - Bounded size and nesting, checked before parsing, with a message that says what to do.
 */

function refuseAnchors(event: yaml.EventType, state: yaml.State) {
  // js-yaml's loader state carries the anchor of the node being closed; its typings omit it.
  const anchor = (state as unknown as { anchor: string | null }).anchor;
  if (event === 'close' && anchor !== null) {
    throw new Error(`uses the YAML anchor "&${anchor}"; anchors and aliases (&name, *name) are not supported: write the value out`);
  }
}

function loadYaml(source: string): unknown {
  // maxDepth is js-yaml 4.3's nesting bound; @types/js-yaml predates it.
  const options: yaml.LoadOptions & { maxDepth: number } = {
    schema: yaml.CORE_SCHEMA,
    maxDepth: LIMITS.yamlDepth,
    listener: refuseAnchors,
  };
  return yaml.load(source, options);
}

const onlyYaml = (language: string) => () => {
  throw new Error(`front matter in ${language} is not supported; write YAML between two lines of exactly ---`);
};

const engines = {
  yaml: (source: string): object => {
    if (source.length > LIMITS.frontMatterBytes) {
      throw new Error(
        `front matter is ${count(source.length)} characters long; the limit is ${count(LIMITS.frontMatterBytes)}: move long text into the body`,
      );
    }
    // Escapes such as "\u0007" in quoted YAML strings are cleaned like the raw text (see below).
    return cleanStrings(loadYaml(source)) as object;
  },
  javascript: onlyYaml('JavaScript'),
  js: onlyYaml('JavaScript'),
  json: onlyYaml('JSON'),
  coffee: onlyYaml('CoffeeScript'),
  toml: onlyYaml('TOML'),
};

function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [xmlSafe(k), cleanStrings(v)]));
  return value;
}

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
}

const OPENING = /^---\r?\n/;

/**
 * Splits a file into front matter and body; throws a readable message for anything else.
 * Invisible control characters (C0 except tab and newlines, often pasted in from word processors
 * or spam) are dropped first: HTML forbids them and XML cannot carry them at all.
 */
export function parseMarkdownFile(source: string): ParsedFile {
  const text = xmlSafe(source.replace(/^\uFEFF/, ''));
  if (!OPENING.test(text)) {
    const first = JSON.stringify(text.split(/\r?\n/, 1)[0]?.slice(0, 40) ?? '');
    throw new Error(
      `must start with front matter: the first line must be exactly --- (found ${first}); only YAML front matter between two --- lines is supported`,
    );
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines, language: 'yaml' });
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
    if (err.reason.startsWith('nesting exceeded')) {
      return `front matter is nested more than ${LIMITS.yamlDepth} levels deep${line}; flatten it`;
    }
    if (err.reason.startsWith('unidentified alias')) {
      return `front matter uses a YAML alias${line} (${err.reason.replace('unidentified alias ', '*').replace(/"/g, '')}); anchors and aliases are not supported: write the value out`;
    }
    return `invalid YAML front matter${line}: ${err.reason}. Quote values that contain ": " or start with a special character (title: "Q&A: the plan")`;
  }
  if (err instanceof RangeError) return `front matter is nested too deeply to read; flatten it`;
  return err instanceof Error ? err.message : `could not read front matter: ${String(err)}`;
}

/**
 * Reads a plain YAML document (not front matter) with the same engine and bounds, e.g. a
 * Staticman comment file: dates stay strings, control characters are dropped, anchors refused.
 * `maxChars` bounds the document (it is checked before parsing).
 */
export function parseYamlData(source: string, maxChars: number = LIMITS.frontMatterBytes * 4): unknown {
  if (source.length > maxChars) {
    throw new Error(`is ${count(source.length)} characters long; the limit is ${count(maxChars)}`);
  }
  try {
    return cleanStrings(loadYaml(xmlSafe(source)));
  } catch (err) {
    throw new Error(
      describeYamlError(err)
        .replace(' front matter', '')
        .replace('front-matter line', 'line')
        .replace(/^front matter/, 'the document'),
    );
  }
}

/**
 * Writes front matter and body back out (author tools and importers); drops undefined fields and
 * keeps the order of `data`. Deterministic: the same input always gives the same bytes, so
 * re-running an import leaves files unchanged. A file without a body ends after the front matter.
 */
export function stringifyMarkdownFile(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const fm = yaml.dump(clean, { schema: yaml.CORE_SCHEMA, lineWidth: -1, quotingType: '"', noRefs: true });
  const text = body.replace(/^\n+/, '').replace(/\s*$/, '');
  return text ? `---\n${fm}---\n\n${text}\n` : `---\n${fm}---\n`;
}
