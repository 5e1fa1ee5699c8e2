import { expect, test } from 'vitest';
import { withRenderedHtml } from '../../src/lib/rendered-entry.ts';

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
