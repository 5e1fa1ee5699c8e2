import { expect, test } from 'vitest';
import { articleGlob } from '../../src/lib/permalink.ts';

test('the default permalink pattern limits indexing to dated article folders', () => {
  expect(articleGlob('/:year/:month/:day/:slug/')).toBe('[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html');
});

test('other patterns keep their literal segments', () => {
  expect(articleGlob('/blog/:year/:slug/')).toBe('blog/[0-9][0-9][0-9][0-9]/*/index.html');
  expect(articleGlob('/:slug/')).toBe('*/index.html');
});
