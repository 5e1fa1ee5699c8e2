import { expect, test } from 'vitest';
import { feedTitles, plural } from '../../src/lib/words.ts';

test('plural: one, many, zero, an irregular plural and thousands separators', () => {
  expect(plural(1, 'comment')).toBe('1 comment');
  expect(plural(0, 'comment')).toBe('0 comments');
  expect(plural(2, 'reader discussion')).toBe('2 reader discussions');
  expect(plural(3, 'reply', 'replies')).toBe('3 replies');
  expect(plural(12_345, 'article')).toBe('12,345 articles');
});

test('topic feeds have one title, and links to them one form', () => {
  expect(feedTitles.tag('Backchannel', 'MSP')).toBe('Backchannel: MSP');
  expect(feedTitles.author('Backchannel', 'Joe Panettieri')).toBe('Backchannel: Joe Panettieri');
  expect(feedTitles.link(feedTitles.tag('Backchannel', 'MSP'))).toBe('Backchannel: MSP (RSS)');
});
