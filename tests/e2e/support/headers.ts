/**
 * The build's `_headers` file (Cloudflare Pages syntax), read the way the host reads it, so the
 * e2e server answers with the same headers production does and a page the Content-Security-Policy
 * breaks fails the browser tests.
 *
 * Syntax: a rule is an unindented path pattern followed by indented `Name: value` lines; `! Name`
 * removes a header an earlier matching rule set; `#` starts a comment line. In a pattern `*`
 * matches anything (slashes too) and `:name` one path segment; a value may use `:splat` and the
 * placeholders. Every matching rule applies, in file order; a header set twice is joined with ", ".
 */

/** One rule of a `_headers` file. */
export interface HeaderRule {
  /** The path pattern as written ("/_astro/*"). */
  pattern: string;
  /** Headers this rule removes from what earlier rules set (lower case). */
  detach: string[];
  /** Headers this rule sets, in order: [lower-case name, value]. */
  set: [string, string][];
  /** The pattern compiled: splat and placeholders become named groups. */
  regex: RegExp;
}

/** Cloudflare's limit; a longer line is refused by the host, so the test server refuses it too. */
const MAX_LINE = 2_000;

function compile(pattern: string, line: number): RegExp {
  if (!pattern.startsWith('/')) {
    throw new Error(`_headers:${line}: "${pattern}" is not a path pattern (absolute URLs are not used by this site)`);
  }
  let source = '';
  let splats = 0;
  for (const token of pattern.match(/\*|:[A-Za-z]\w*|[^*:]+|:/g) ?? []) {
    if (token === '*') {
      if (++splats > 1) throw new Error(`_headers:${line}: "${pattern}" has more than one *`);
      source += '(?<splat>.*)';
    } else if (token.startsWith(':') && token.length > 1) source += `(?<${token.slice(1)}>[^/]+)`;
    else source += token.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Parses a `_headers` file; a line it cannot read is an error naming the line. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.length > MAX_LINE) throw new Error(`_headers:${line}: longer than ${MAX_LINE} characters`);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: trimmed, detach: [], set: [], regex: compile(trimmed, line) });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`_headers:${line}: a header line comes before any path pattern`);
    if (trimmed.startsWith('!')) {
      const name = trimmed.slice(1).trim().toLowerCase();
      if (!name) throw new Error(`_headers:${line}: "!" names no header to remove`);
      rule.detach.push(name);
      continue;
    }
    const colon = trimmed.indexOf(':');
    const name = trimmed.slice(0, colon).trim().toLowerCase();
    if (colon <= 0 || !/^[!#$%&'*+.^`|~\w-]+$/.test(name)) throw new Error(`_headers:${line}: "${trimmed}" is not "Name: value"`);
    rule.set.push([name, trimmed.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers the host adds to a response for `pathname` (names in lower case). */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) {
    const match = rule.regex.exec(pathname);
    if (!match) continue;
    const groups = match.groups ?? {};
    for (const name of rule.detach) delete headers[name];
    for (const [name, template] of rule.set) {
      const value = template.replace(/:([A-Za-z]\w*)/g, (whole, key: string) => groups[key] ?? whole);
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
  }
  return headers;
}
