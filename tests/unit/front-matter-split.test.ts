import matter from 'gray-matter';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { parseMarkdownFile, splitFrontMatter } from '../../src/lib/content/parse.ts';

/**
 * The loader splits front matter itself (for speed) with the rules gray-matter applied before.
 * gray-matter, with YAML as its only engine, is the reference here: any difference in a split
 * would change what `npm run check` and the build report or render.
 */

const YAML_ONLY = { language: 'yaml', engines: { yaml: (s: string) => yaml.load(s, { schema: yaml.CORE_SCHEMA }) as object } };

/** Texts that open with a `---` line (the only ones the loader splits), shaped like the odd cases. */
const CASES: Record<string, string> = {
  plain: '---\ntitle: Hi\ndate: 2010-07-14\n---\nBody text.\n',
  'blank line after the closing line': '---\ntitle: Hi\n---\n\nBody.\n',
  'CRLF line breaks': '---\r\ntitle: Hi\r\n---\r\n\r\nBody.\r\n',
  'CR then CRLF after the closing line': '---\r\ntitle: Hi\r\n---\r\r\nBody.\n',
  'no closing line': '---\ntitle: Hi\nmore: text\n',
  'closing line is the last line': '---\ntitle: Hi\n---',
  'closing line of four dashes': '---\ntitle: Hi\n----\nBody.\n',
  'closing line with text after the dashes': '---\ntitle: Hi\n---x tail\nBody.\n',
  'nothing between the lines': '---\n---\nBody.\n',
  'only comments and blank lines': '---\n# a comment\n\n  # another\n---\nBody.\n',
  'a comment before the fields': '---\n# note\ntitle: Hi\n---\nBody.\n',
  'YAML null': '---\n~\n---\nBody.\n',
  'the word null': '---\nnull\n---\nBody.\n',
  'a scalar': '---\nhello\n---\nBody.\n',
  'a list': '---\n- a\n- b\n---\nBody.\n',
  'dashes inside the body': '---\ntitle: Hi\n---\nBody.\n---\nMore.\n',
  'an empty body': '---\ntitle: Hi\n---\n',
  'excerpt_separator set': '---\ntitle: Hi\nexcerpt_separator: x\n---\nBody x more.\n',
};

describe('splitFrontMatter', () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(`splits like gray-matter: ${name}`, () => {
      const reference = matter(text, YAML_ONLY);
      const ours = splitFrontMatter(text);
      expect(ours.body).toBe(reference.content);
      expect(ours.data).toEqual(reference.data);
    });
  }

  test('front matter of only comments is not parsed, so its size is not bounded', () => {
    const text = `---\n${'# a long comment line\n'.repeat(1_000)}---\nBody.\n`;
    expect(splitFrontMatter(text)).toEqual({ data: {}, body: 'Body.\n' });
  });

  test('front matter past the bound is refused before it is parsed', () => {
    expect(() => splitFrontMatter(`---\ntitle: "${'a'.repeat(17_000)}"\n---\n`)).toThrowErrorMatchingInlineSnapshot(
      `[Error: front matter is 17,010 characters long; the limit is 16,384: move long text into the body]`,
    );
  });

  test('a YAML error counts lines from the opening line', () => {
    expect(() => parseMarkdownFile('---\ntitle: Hi\ntitle: Q&A: the plan\n---\n')).toThrow(/at front-matter line 3:/);
  });

  test('control characters are dropped from the text and from quoted escapes alike', () => {
    expect(parseMarkdownFile('---\ntitle: "a\\u0007b\x01"\n---\nc\x02d \uFFFF\n')).toEqual({ data: { title: 'ab' }, body: 'cd \n' });
  });
});
