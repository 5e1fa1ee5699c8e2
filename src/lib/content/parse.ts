import yaml from 'js-yaml';
import { xmlSafe } from '../xml.ts';
import { count, LIMITS } from './limits.ts';

/**
 * The one parser for every Markdown content file and every imported YAML document. Input comes
 * from the public (comments, pull requests, other tools' exports), so only the safe subset runs:
 * - YAML and nothing else. A file must open with a line that is exactly `---` (so `---js` and
 *   `---json`, which gray-matter would `eval` or parse, are refused), and the front matter goes to
 *   js-yaml and nowhere else: splitFrontMatter below does the split, no front-matter library.
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

/** Parses the front-matter block (between the --- lines) within its bound. */
function parseFrontMatter(source: string): unknown {
  if (source.length > LIMITS.frontMatterBytes) {
    throw new Error(
      `front matter is ${count(source.length)} characters long; the limit is ${count(LIMITS.frontMatterBytes)}: move long text into the body`,
    );
  }
  // Escapes such as "\u0007" in quoted YAML strings are cleaned like the raw text (see below).
  return cleanStrings(loadYaml(source));
}

// Every character xmlSafe may remove, as one class: far cheaper to scan for than xmlSafe's own
// pattern (with its lookarounds), and nearly every file and string has none of them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const MAYBE_XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** xmlSafe, skipping the replace when no character could be removed (the result is the same). */
function cleanText(text: string): string {
  return MAYBE_XML_FORBIDDEN.test(text) ? xmlSafe(text) : text;
}

function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanStrings(v)]));
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
  const text = cleanText(source.replace(/^\uFEFF/, ''));
  if (!OPENING.test(text)) {
    const first = JSON.stringify(text.split(/\r?\n/, 1)[0]?.slice(0, 40) ?? '');
    throw new Error(
      `must start with front matter: the first line must be exactly --- (found ${first}); only YAML front matter between two --- lines is supported`,
    );
  }
  let split: { data: unknown; body: string };
  try {
    split = splitFrontMatter(text);
  } catch (err) {
    throw new Error(describeYamlError(err));
  }
  const data = split.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter must be a list of `field: value` lines between --- lines');
  }
  return { data: data as Record<string, unknown>, body: split.body };
}

/**
 * Front matter and body of a text that opens with a `---` line. The rules are gray-matter's (this
 * loader used it until a profile of `npm run check` over 90,000 files showed most of the split's
 * time going to gray-matter's bookkeeping, such as a Buffer copy of every file): the front matter ends at the first line that starts with `---`, or at the end of
 * the file when there is none; a block of nothing but `#` comments and blank lines is empty and
 * not parsed; YAML that reads as null is no fields; one line break after the closing line is not
 * part of the body.
 */
export function splitFrontMatter(text: string): { data: unknown; body: string } {
  // The opening line is `---` and one line break (checked by the caller); the block keeps that
  // line break, so YAML error line numbers count the opening line.
  const rest = text.slice(3);
  let close = rest.indexOf('\n---');
  if (close === -1) close = rest.length;
  const block = rest.slice(0, close);
  const data = block.replace(/^\s*#[^\n]+/gm, '').trim() === '' ? {} : (parseFrontMatter(block) ?? {});
  let body = close === rest.length ? '' : rest.slice(close + 4);
  if (body[0] === '\r') body = body.slice(1);
  if (body[0] === '\n') body = body.slice(1);
  return { data, body };
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
    return cleanStrings(loadYaml(cleanText(source)));
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
