import { count, LIMITS } from './limits.ts';

/** The structural bounds a Markdown body must keep (LIMITS.comment, LIMITS.authored). */
export interface MarkdownBounds {
  chars: number;
  containerDepth: number;
  containers: number;
  bracketDepth: number;
  brackets: number;
  emphasisMarkers: number;
  tableCells: number;
}

/** A reader comment's Markdown: see markdownProblem. */
export function commentBodyProblem(body: string): string | undefined {
  return markdownProblem(body, LIMITS.comment);
}

/**
 * An article's, page's or author's Markdown. Authors are trusted with HTML, but a pull request is
 * input from outside all the same: Astro's Markdown processor needs 80 s for 200 KB of nested
 * list markers on one line, and a 100-column table padded over 100,000 rows is 100 MB of HTML.
 */
export function authoredBodyProblem(body: string): string | undefined {
  return markdownProblem(body, LIMITS.authored);
}

/**
 * Bounds Markdown before anything parses it. Markdown parsers recurse into
 * nested block quotes and lists, backtrack over open brackets and pair emphasis markers with
 * quadratic or worse cost, and GFM tables pad every row to the header's width; a few kilobytes
 * shaped for that stop a build (stack overflow) or take minutes. A body within these bounds
 * renders in bounded time, stack and output (tests/unit/comment-render-bounds.test.ts fuzzes it).
 *
 * One linear pass; returns what is wrong and what to do, or undefined when the body is fine.
 * The loader (and so `npm run check` and the build), the comment tool and the importers call it.
 */
export function markdownProblem(body: string, L: MarkdownBounds): string | undefined {
  if (body.length > L.chars) {
    return `is ${count(body.length)} characters long; the limit is ${count(L.chars)}: shorten it or split it in two`;
  }
  const lines = body.split(/\r\n?|\n/);
  let brackets = 0;
  let bracketDepth = 0;
  let deepestBrackets = 0;
  let emphasis = 0;
  // The pattern jumps from one marker to the next: far faster than visiting every character of
  // every file in a loop. A backslash escapes the character after it, which is skipped.
  MARKERS.lastIndex = 0;
  for (let m = MARKERS.exec(body); m; m = MARKERS.exec(body)) {
    const ch = body.charCodeAt(m.index);
    if (ch === BACKSLASH) MARKERS.lastIndex = m.index + 2;
    else if (ch === OPEN_BRACKET) {
      brackets++;
      bracketDepth++;
      if (bracketDepth > deepestBrackets) deepestBrackets = bracketDepth;
    } else if (ch === CLOSE_BRACKET) bracketDepth = Math.max(0, bracketDepth - 1);
    else emphasis++;
  }
  if (deepestBrackets > L.bracketDepth) {
    return `has brackets nested ${count(deepestBrackets)} deep ("[[[…"); the limit is ${L.bracketDepth}: remove the extra brackets`;
  }
  if (brackets > L.brackets) {
    return `has ${count(brackets)} "[" brackets; the limit is ${count(L.brackets)}: use fewer links or brackets, or put code in a code block`;
  }
  if (emphasis > L.emphasisMarkers) {
    return `has ${count(emphasis)} emphasis markers (*, _ or ~); the limit is ${count(L.emphasisMarkers)}: use fewer, or put code in a code block`;
  }
  let cells = 0;
  let containers = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const depth = containerDepth(line, L.containerDepth);
    if (depth > L.containerDepth) {
      return `line ${i + 1} of the text opens more than ${L.containerDepth} block quotes or lists at once ("> - > - …"); flatten the quoting`;
    }
    containers += depth;
    if (containers > L.containers) {
      return `has more than ${count(L.containers)} list items and quoted lines; shorten the lists or quote less`;
    }
    const columns = line.includes('|') ? tableColumns(stripQuotes(line)) : 0;
    if (columns && i > 0) {
      let rows = 1; // the header row
      while (i + rows < lines.length && (lines[i + rows] as string).trim() !== '') rows++;
      cells += columns * rows;
      // The rows are this table's: skipping them keeps the pass linear however many "|-|" lines follow.
      i += rows - 1;
    }
  }
  if (cells > L.tableCells) {
    return `has tables of ${count(cells)} cells; the limit is ${count(L.tableCells)}: shorten the tables or link to the data`;
  }
  return undefined;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const CONTAINER = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/** Characters the bounds count: brackets, emphasis markers (*, _, ~), and the escaping backslash. */
const MARKERS = /[\\[\]*_~]/g;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** What a line must start with (after spaces and tabs) to open a block quote or list item. */
const CONTAINER_START = /^[ \t]*[>\-+*\d]/;

/** How many block quotes and list items open at the start of one line. */
function containerDepth(line: string, limit: number): number {
  // Most lines are prose: one cheap test instead of the two patterns below.
  if (!CONTAINER_START.test(line)) return 0;
  if (THEMATIC_BREAK.test(line)) return 0;
  let depth = 0;
  let rest = line;
  for (let m = CONTAINER.exec(rest); m && m[0].length > 0; m = CONTAINER.exec(rest)) {
    depth++;
    rest = rest.slice(m[0].length);
    // Past the limit the exact figure no longer matters; stop so the pass stays linear.
    if (depth > limit) break;
  }
  return depth;
}

function stripQuotes(line: string): string {
  return line.replace(/^(?:[ \t]*>)+/, '');
}

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Columns of a GFM table whose delimiter row ("|---|:--:|") this line is; 0 for any other line. */
function tableColumns(line: string): number {
  if (!line.includes('|') || !DELIMITER_ROW.test(line)) return 0;
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length;
}
