import { describe, expect, test } from 'vitest';
import { htmlToPlainText } from '../../src/lib/html-text.ts';

describe('htmlToPlainText', () => {
  test('block edges become spaces; inline tags join their text to the words around them', () => {
    expect(
      htmlToPlainText('<p>One <strong>bold</strong>ly <a href="/x">linked</a>.</p><ul><li>a</li><li>b</li></ul><p>Two<br>lines</p>'),
    ).toBe('One boldly linked. a b Two lines');
  });

  test('character references are decoded exactly once', () => {
    expect(htmlToPlainText('<p>Fish &#x26; &lt;chips&gt; &amp;lt; &quot;q&quot; it&#39;s &copy;</p>')).toBe(
      'Fish & <chips> &lt; "q" it\'s ©',
    );
  });

  test('markup shown as code stays text, and script or style content is not text', () => {
    expect(htmlToPlainText('<p><code>&lt;a href="/x"&gt;</code></p><script>alert(1)</script><style>p{}</style><!-- note -->')).toBe(
      '<a href="/x">',
    );
  });

  test('whitespace runs collapse to one space, none at the ends', () => {
    expect(htmlToPlainText('\n  <p>  a \n\t b  </p>\n<table><tr><td>c</td><td>d</td></tr></table> ')).toBe('a b c d');
  });
});
