import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { renderCommentMarkdown } from '../../src/lib/comment-markdown.ts';
import { parseSiteConfig } from '../../src/lib/config.ts';
import { absolutizeHtml, articleItem, commentHtmlForFeed, FEED_ITEM_MAX_BYTES, feedContent, hasRelativeUrls } from '../../src/lib/feeds.ts';
import { buildSite } from '../../src/lib/site.ts';
import { generatedCommentBodies } from '../fixtures/generate-corpus.ts';
import { renderedArticle } from '../fixtures/model.ts';

const BASE = 'https://backchannel.example.com/2010/07/14/a/';

/** Every URL-bearing attribute in `html`, as [attribute, value]: elements in document order, then href, src, poster, srcset. */
function urls(html: string): [string, string][] {
  return parse(html)
    .querySelectorAll('[href], [src], [poster], [srcset]')
    .flatMap((el) =>
      ['href', 'src', 'poster', 'srcset'].flatMap((a) => (el.hasAttribute(a) ? [[a, el.getAttribute(a) ?? ''] as [string, string]] : [])),
    );
}

describe('absolutizeHtml', () => {
  test('resolves relative links, images, posters and srcset candidates against the page', () => {
    const html =
      '<p><a href="/about/">about</a> <a href="../b/">sibling</a> <a href="#comments">comments</a></p>' +
      '<img src="/i/a.png" srcset="/i/a.png 1x, i/a@2x.png 2x" alt="a"><video poster="/p.jpg" src="v.mp4"></video>';
    expect(urls(absolutizeHtml(html, BASE))).toEqual([
      ['href', 'https://backchannel.example.com/about/'],
      ['href', 'https://backchannel.example.com/2010/07/14/b/'],
      ['href', `${BASE}#comments`],
      ['src', 'https://backchannel.example.com/i/a.png'],
      ['srcset', 'https://backchannel.example.com/i/a.png 1x, https://backchannel.example.com/2010/07/14/a/i/a@2x.png 2x'],
      ['src', 'https://backchannel.example.com/2010/07/14/a/v.mp4'],
      ['poster', 'https://backchannel.example.com/p.jpg'],
    ]);
  });

  test('leaves other schemes and absolute URLs as written, query strings with & intact', () => {
    const html = '<a href="https://example.org/x?a=1&amp;b=2">x</a><a href="mailto:a@b.example">m</a><a href="javascript:alert(1)">j</a>';
    expect(urls(absolutizeHtml(html, BASE))).toEqual([
      ['href', 'https://example.org/x?a=1&b=2'],
      ['href', 'mailto:a@b.example'],
      ['href', 'javascript:alert(1)'],
    ]);
  });

  test('markup shown as code is text, and stays exactly as written', () => {
    const html = '<p>Write <code>&lt;a href="/x"&gt;</code> or:</p><pre><code>&lt;img src="/y.png"&gt; src="/z"</code></pre>';
    // node-html-parser keeps <pre> as raw text unless told otherwise.
    const out = parse(absolutizeHtml(html, BASE), { blockTextElements: { script: true, style: true } });
    expect(out.querySelectorAll('code').map((c) => c.text)).toEqual(['<a href="/x">', '<img src="/y.png"> src="/z"']);
    expect(urls(out.toString())).toEqual([]);
  });

  test('attribute values with quotes and ampersands survive the round trip escaped', () => {
    const out = absolutizeHtml('<a href="/q?x=&quot;&amp;y" title="&quot;hi&quot; &amp; <b>">t</a>', BASE);
    const a = parse(out).querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://backchannel.example.com/q?x=%22&y');
    expect(a?.getAttribute('title')).toBe('"hi" & <b>');
    expect(parse(out).querySelectorAll('b')).toHaveLength(0);
  });
});

describe('a comment in a feed', () => {
  test('any URL attribute without a scheme, in any quoting or case, or any srcset, counts as relative', () => {
    for (const html of [
      '<a href="/x">x</a>',
      "<a HREF='../x'>x</a>",
      '<img src=x.png alt="">',
      '<video poster = "p.jpg"></video>',
      '<a href="#fn-1">1</a>',
      '<a href=" https://example.org/">x</a><a href="">y</a>',
      '<img srcset="https://example.org/a.png 1x" alt="">',
    ]) {
      expect(hasRelativeUrls(`<p>${html}</p>`), html).toBe(true);
    }
    for (const html of [
      '<p>No links.</p>',
      '<a href="https://example.org/a?b=1&#x26;c">x</a> <a href="mailto:a@b.example">m</a>',
      '<a title="/x">t</a>',
    ]) {
      expect(hasRelativeUrls(html), html).toBe(false);
    }
  });

  test('reads as the parsed and rewritten HTML would, for generated comments and for hard cases', () => {
    const bodies = generatedCommentBodies({ articles: 12, seed: 11 });
    bodies.push(
      'See [the post](/2010/07/14/other/) and [this](../up/).',
      'A note.[^1]\n\n[^1]: The footnote, with <https://example.org/>.',
      'Code: `<a href="/x">` and\n\n```\n<img src="/y.png">\n```',
      '| a | b |\n|---|---|\n| [x](https://example.org/?a=1&b=2) | www.example.com |',
      '<b>raw</b> & <a href="/z">shown as text</a>',
      '![a picture](/images/p.png) and ![remote](https://example.org/p.png)',
    );
    expect(bodies.length).toBeGreaterThan(60);
    let asIs = 0;
    for (const body of bodies) {
      const html = renderCommentMarkdown(body, { id: 'c1' });
      const fast = commentHtmlForFeed(html, BASE);
      const slow = absolutizeHtml(html, BASE);
      if (fast === html) asIs++;
      const a = parse(fast);
      const b = parse(slow);
      expect(urls(fast), body).toEqual(urls(slow));
      expect(a.text, body).toBe(b.text);
      expect(
        a.querySelectorAll('*').map((e) => e.tagName),
        body,
      ).toEqual(b.querySelectorAll('*').map((e) => e.tagName));
    }
    // Most comments need no rewriting; the relative link, footnote and picture ones do.
    expect(asIs).toBeGreaterThan(bodies.length / 2);
    expect(asIs).toBeLessThan(bodies.length);
  });
});

describe('feedContent', () => {
  const para = (i: number) => `<p>Paragraph ${i} ${'word '.repeat(200)}</p>`;

  test('an article under the bound is carried whole, URLs absolute', () => {
    const html = `${para(1)}<p><a href="/x/">x</a></p>`;
    const out = parse(feedContent(html, BASE, 'A title'));
    expect(out.querySelectorAll('p')).toHaveLength(2);
    expect(out.querySelector('a')?.getAttribute('href')).toBe('https://backchannel.example.com/x/');
  });

  test('an article that fits and links only with full URLs is carried as the renderer wrote it', () => {
    const html = `${para(1)}<p><a href="https://example.org/a">a</a> <a href="mailto:e@example.org">e</a></p>`;
    expect(feedContent(html, BASE, 'A title')).toBe(html);
    // One relative URL, and the whole article is parsed and rewritten.
    const relative = `${html}<p><img src="/pic.png" alt=""></p>`;
    expect(
      parse(feedContent(relative, BASE, 'A title'))
        .querySelector('img')
        ?.getAttribute('src'),
    ).toBe('https://backchannel.example.com/pic.png');
  });

  test('an article over the bound is cut after its last whole block that fits, with a visible link to the page', () => {
    const blocks = Array.from({ length: 200 }, (_, i) => para(i));
    const out = feedContent(blocks.join(''), BASE, 'Long & “quoted”');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(FEED_ITEM_MAX_BYTES);
    const paragraphs = parse(out).querySelectorAll('p');
    const kept = paragraphs.length - 1;
    // Whole blocks from the start, as many as fit: one more would break the bound.
    expect(paragraphs.slice(0, -1).map((p) => p.text.split(' ')[1])).toEqual(Array.from({ length: kept }, (_, i) => String(i)));
    expect(Buffer.byteLength(out) + Buffer.byteLength(blocks[kept] ?? '')).toBeGreaterThan(FEED_ITEM_MAX_BYTES);
    const note = paragraphs.at(-1);
    expect(note?.text).toBe('This article is too long for the feed. Read all of “Long & “quoted”” on the site.');
    expect(note?.querySelector('a')?.getAttribute('href')).toBe(BASE);
  });

  test('a single block larger than the bound leaves only the link', () => {
    const out = parse(feedContent(`<p>${'x'.repeat(5_000)}</p>`, BASE, 'T', 1_000));
    expect(out.querySelectorAll('p').map((p) => p.text)).toEqual(['This article is too long for the feed. Read all of “T” on the site.']);
  });
});

describe('articleItem', () => {
  const config = (url: string) => parseSiteConfig({ title: 'Test', url });
  const article = renderedArticle('a', '2010-07-14T18:00:00Z', { tags: ['MSP'], html: '<p><a href="/about/">about</a></p>' });
  const input = { authors: [], pages: [], comments: [], articles: [article] };
  const live = { now: new Date('2011-01-01T00:00:00Z'), preview: false };

  test('an article in several feeds carries one content, made for its own site', () => {
    const one = buildSite(input, config('https://one.example.com'), live);
    const two = buildSite(input, config('https://two.example.com'), live);
    const first = articleItem(one, article);
    expect(articleItem(one, article).content).toBe(first.content);
    expect(urls(first.content ?? '')).toEqual([['href', 'https://one.example.com/about/']]);
    // The same article object on another site: its links resolve against that site.
    expect(urls(articleItem(two, article).content ?? '')).toEqual([['href', 'https://two.example.com/about/']]);
  });
});
