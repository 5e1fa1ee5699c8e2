import { expect, test } from 'vitest';
import { withRenderedComment, withRenderedHtml } from '../../src/lib/rendered-entry.ts';

test('an entry keeps its data and gains its rendered HTML, an empty body included', () => {
  expect(withRenderedHtml<{ title: string }>('page', { id: 'about', data: { title: 'About' }, rendered: { html: '<p>Hi</p>' } })).toEqual({
    title: 'About',
    html: '<p>Hi</p>',
  });
  expect(withRenderedHtml<{ name: string }>('author', { id: 'jp', data: { name: 'Joe' }, rendered: { html: '' } }).html).toBe('');
});

test('an entry without rendered HTML fails, naming it, instead of becoming an empty page', () => {
  expect(() => withRenderedHtml('article', { id: 'hello', data: { title: 'Hello' } })).toThrowErrorMatchingInlineSnapshot(
    `[Error: article "hello" reached the site without rendered HTML (src/loaders/corpus.ts renders every entry; if the loader is unchanged, delete node_modules/.astro and build again)]`,
  );
});

test('a comment gains its text too; one stored without it (an older cache) fails, naming it', () => {
  const rendered = { html: '<p>Fish &#x26; chips</p>', metadata: { text: 'Fish & chips' } };
  expect(withRenderedComment<{ id: string }>({ id: 'a/c1', data: { id: 'c1' }, rendered })).toEqual({
    id: 'c1',
    html: '<p>Fish &#x26; chips</p>',
    text: 'Fish & chips',
  });
  expect(() => withRenderedComment({ id: 'a/c2', data: { id: 'c2' }, rendered: { html: '<p>x</p>' } })).toThrow(
    /comment "a\/c2" reached the site without its rendered text/,
  );
  expect(() => withRenderedComment({ id: 'a/c3', data: { id: 'c3' } })).toThrow(/comment "a\/c3" reached the site without rendered HTML/);
});
