import { describe, expect, test } from 'vitest';
import { type MarkdownBounds, markdownProblem } from '../../src/lib/content/comment-body.ts';

/**
 * What markdownProblem counts, at its edges: the scan jumps between markers and skips lines that
 * cannot open a container or a table, so each shortcut is pinned here with small bounds.
 */

const BOUNDS: MarkdownBounds = {
  chars: 10_000,
  containerDepth: 2,
  containers: 5,
  bracketDepth: 2,
  brackets: 4,
  emphasisMarkers: 3,
  tableCells: 6,
};

describe('markdownProblem counts', () => {
  test('an escaped bracket or marker is not counted, and a backslash escapes only the next character', () => {
    expect(markdownProblem('\\[\\[\\[\\[\\[ \\*\\*\\*\\*', BOUNDS)).toBeUndefined();
    // "\\" escapes the second backslash, so the bracket after it counts.
    expect(markdownProblem('\\\\[\\\\[\\\\[', BOUNDS)).toMatchInlineSnapshot(
      `"has brackets nested 3 deep ("[[[…"); the limit is 2: remove the extra brackets"`,
    );
  });

  test('brackets and emphasis markers at the limit pass; one more fails', () => {
    expect(markdownProblem('[a] [b] [c] [d] *x* _', BOUNDS)).toBeUndefined();
    expect(markdownProblem('[a] [b] [c] [d] [e]', BOUNDS)).toMatchInlineSnapshot(
      `"has 5 "[" brackets; the limit is 4: use fewer links or brackets, or put code in a code block"`,
    );
    expect(markdownProblem('*x* _y_', BOUNDS)).toMatchInlineSnapshot(
      `"has 4 emphasis markers (*, _ or ~); the limit is 3: use fewer, or put code in a code block"`,
    );
  });

  test('a closing bracket without an opening one does not lower the depth below zero', () => {
    expect(markdownProblem(']]]] [[x]]', BOUNDS)).toBeUndefined();
  });

  test('containers are counted after tabs and spaces, and thematic breaks are not containers', () => {
    expect(markdownProblem('\t> \t- \t1. x', BOUNDS)).toMatchInlineSnapshot(
      `"line 1 of the text opens more than 2 block quotes or lists at once ("> - > - …"); flatten the quoting"`,
    );
    expect(markdownProblem('- - -\n* * *\n---\n1) x', BOUNDS)).toBeUndefined();
    expect(markdownProblem('- a\n- b\n- c\n+ d\n2. e\n3) f', BOUNDS)).toMatchInlineSnapshot(
      `"has more than 5 list items and quoted lines; shorten the lists or quote less"`,
    );
  });

  test('a table inside a block quote counts its cells', () => {
    expect(markdownProblem('x\n> |a|b|\n> |-|-|\n> |1|2|', BOUNDS)).toBeUndefined();
    expect(markdownProblem('x\n> |a|b|\n> |-|-|\n> |1|2|\n> |3|4|\n> |5|6|', BOUNDS)).toMatchInlineSnapshot(
      `"has tables of 8 cells; the limit is 6: shorten the tables or link to the data"`,
    );
    expect(markdownProblem('x\n|a|b|\n|-|-|\n|1|2|\n|3|4|\n|5|6|', BOUNDS)).toMatchInlineSnapshot(
      `"has tables of 8 cells; the limit is 6: shorten the tables or link to the data"`,
    );
  });
});
