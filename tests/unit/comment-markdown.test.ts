import { type HTMLElement, parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { commentPlainText, renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';

/** Renders through both pipelines (plain CommonMark and GFM); safety must hold in each. */
function renderBoth(md: string): HTMLElement[] {
  return [renderCommentMarkdown(md), renderCommentMarkdown(md, { forceGfm: true })].map((html) => parse(html));
}
const render = (md: string) => parse(renderCommentMarkdown(md));
const all = (root: HTMLElement) => root.querySelectorAll('*');

const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'img',
  'style',
  'object',
  'embed',
  'form',
  'input',
  'svg',
  'math',
  'link',
  'meta',
  'base',
]);

/** The safety properties every rendered comment must have. */
function expectSafe(root: HTMLElement) {
  for (const el of all(root)) {
    expect(FORBIDDEN_TAGS.has(el.tagName.toLowerCase()), `<${el.tagName}>`).toBe(false);
    for (const name of Object.keys(el.attributes)) {
      expect(name.toLowerCase().startsWith('on'), `attribute ${name}`).toBe(false);
      expect(name.toLowerCase(), 'style attribute').not.toBe('style');
    }
    for (const attr of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
      const value = el.getAttribute(attr);
      if (value === undefined || value.startsWith('#')) continue;
      // Browsers ignore tabs and newlines in schemes, so strip them before looking.
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\t\n\r\s]/g, ''))?.[1]?.toLowerCase();
      expect(['http', 'https', 'mailto'], `${attr}=${value}`).toContain(scheme);
    }
  }
}

const INJECTIONS = [
  '<script>alert(1)</script>',
  'before <script>alert(1)</script> after',
  '<img src=x onerror="alert(1)">',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](<javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2Zz4=)',
  '<p style="position:fixed;top:0">overlay</p>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<svg onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '| a |\n|---|\n| <script>alert(1)</script> |',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
];

describe('renderCommentMarkdown: injection attempts', () => {
  test('the safety check itself catches unsafe HTML', () => {
    expect(() => expectSafe(parse('<a href="java\tscript:x">x</a>'))).toThrow();
    expect(() => expectSafe(parse('<p onclick="x">x</p>'))).toThrow();
    expect(() => expectSafe(parse('<p style="x">x</p>'))).toThrow();
    expect(() => expectSafe(parse('<img src="https://x">'))).toThrow();
    expect(() => expectSafe(parse('<a href="https://x">x</a>'))).not.toThrow();
  });

  test.each(INJECTIONS)('%j renders safely', (md) => {
    for (const root of renderBoth(md)) expectSafe(root);
  });

  test('<script> is shown as text, never executed and never dropped', () => {
    for (const root of renderBoth('<script>alert(1)</script>')) {
      expect(root.querySelector('script')).toBeNull();
      expect(root.querySelector('p')?.text).toBe('<script>alert(1)</script>');
    }
  });

  test('inline raw HTML stays inline as text', () => {
    const root = render('I typed <b>bold</b> here');
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelectorAll('p').map((p) => p.text)).toEqual(['I typed <b>bold</b> here']);
  });

  test('an <img onerror> is text, not an image', () => {
    const root = render('<img src=x onerror="alert(1)">');
    expect(root.querySelector('img')).toBeNull();
    expect(root.text).toBe('<img src=x onerror="alert(1)">');
  });

  test('a raw <a onclick> is text, not a link', () => {
    const root = render('<a href="https://example.com" onclick="alert(1)">click</a>');
    expect(root.querySelector('a')).toBeNull();
    expect(root.text).toContain('onclick="alert(1)"');
  });

  test.each([
    ['[x](javascript:alert(1))', 'x'],
    ['[x](JaVaScRiPt:alert(1))', 'x'],
    ['[x](jav&#x09;ascript:alert(1))', 'x'],
    ['[x](data:text/html,hi)', 'x'],
    ['[x](vbscript:msgbox(1))', 'x'],
    ['<javascript:alert(1)>', 'javascript:alert(1)'],
    ['<JaVaScRiPt:alert(1)>', 'JaVaScRiPt:alert(1)'],
  ])('an unsafe link %j keeps its text but is no link', (md, text) => {
    for (const root of renderBoth(md)) {
      expect(root.querySelectorAll('a')).toHaveLength(0);
      expect(root.text).toBe(text);
    }
  });

  test('a link title cannot break out of its attribute', () => {
    const root = render('[x](https://example.com "a\\" onmouseover=\\"alert(1)")');
    const a = root.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com');
    expect(Object.keys(a?.attributes ?? {}).sort()).toEqual(['href', 'rel', 'title']);
    expect(a?.getAttribute('title')).toBe('a" onmouseover="alert(1)');
  });

  test('quotes and ampersands in text survive as text', () => {
    expect(render('Fish & "chips" <3').text).toBe('Fish & "chips" <3');
  });
});

describe('renderCommentMarkdown: links', () => {
  test('links get rel="nofollow ugc noopener"', () => {
    const root = render('[site](https://example.com) and [mail](mailto:jp@example.com) and [plain](http://example.org)');
    const links = root.querySelectorAll('a');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com', 'mailto:jp@example.com', 'http://example.org']);
    for (const a of links) expect(a.getAttribute('rel')).toBe('nofollow ugc noopener');
  });

  test('GFM autolink literals become links with rel', () => {
    const root = render('see www.example.com and https://example.org/x');
    const links = root.querySelectorAll('a');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['http://www.example.com', 'https://example.org/x']);
    for (const a of links) expect(a.getAttribute('rel')).toBe('nofollow ugc noopener');
  });

  test('a reader cannot set rel or target themselves', () => {
    const a = render('[x](https://example.com)').querySelector('a');
    expect(a?.getAttribute('target')).toBeUndefined();
  });
});

describe('renderCommentMarkdown: shape of the output', () => {
  test('GFM tables are wrapped in div.table-scroll', () => {
    const root = render('| Vendor | Margin |\n|---|---|\n| Acme | 12% |');
    const wrapper = root.querySelector('div.table-scroll');
    expect(wrapper).not.toBeNull();
    expect(wrapper?.childNodes.filter((n) => n instanceof Object && 'tagName' in n).map((n) => (n as HTMLElement).tagName)).toEqual([
      'TABLE',
    ]);
    expect(root.querySelectorAll('td').map((td) => td.text)).toEqual(['Acme', '12%']);
  });

  test('readers cannot add their own classes to a div', () => {
    expect(render('<div class="table-scroll">x</div>').querySelector('div')).toBeNull();
  });

  test('strikethrough works', () => {
    expect(render('~~old~~ new').querySelector('del')?.text).toBe('old');
  });

  test('headings become bold paragraphs so the page keeps one outline', () => {
    const root = render('# Big\n\n### Small');
    expect(root.querySelectorAll('h1, h2, h3, h4, h5, h6')).toHaveLength(0);
    expect(root.querySelectorAll('p > strong').map((s) => s.text)).toEqual(['Big', 'Small']);
  });

  test('images become links to the image, labelled with the alt text', () => {
    const root = render('![Roskill on stage](https://example.com/r.jpg)');
    expect(root.querySelector('img')).toBeNull();
    const a = root.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com/r.jpg');
    expect(a?.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(a?.text).toBe('[image: Roskill on stage]');
  });

  test('an image with an unsafe URL keeps only its label', () => {
    const root = render('![pixel](data:image/png;base64,AAAA)');
    expect(root.querySelectorAll('a, img')).toHaveLength(0);
    expect(root.text).toBe('[image: pixel]');
  });

  test('ordinary Markdown works: emphasis, lists, quotes, code', () => {
    const root = render('*em* **strong**\n\n- one\n- two\n\n> quoted\n\n`code`');
    expect(root.querySelector('em')?.text).toBe('em');
    expect(root.querySelector('strong')?.text).toBe('strong');
    expect(root.querySelectorAll('ul > li').map((li) => li.text)).toEqual(['one', 'two']);
    expect(root.querySelector('blockquote')?.text.trim()).toBe('quoted');
    expect(root.querySelector('code')?.text).toBe('code');
  });

  test('a 200-character word is kept whole', () => {
    const word = 'x'.repeat(200);
    expect(render(word).text).toBe(word);
  });
});

describe('commentPlainText', () => {
  test('strips tags and decodes entities', () => {
    expect(commentPlainText(renderCommentMarkdown('Fish & <chips> [link](https://x.example) *now*'))).toBe('Fish & <chips> link now');
  });

  test('decodes each reference once, so a literal "&lt;" stays "&lt;"', () => {
    expect(commentPlainText(renderCommentMarkdown('write `&lt;` for <, and "quotes" it\'s'))).toBe('write &lt; for <, and "quotes" it\'s');
  });
});
