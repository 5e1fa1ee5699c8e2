import { describe, expect, test } from 'vitest';
import { parseContentDate } from '../../src/lib/dates.ts';
import { buildNow, isPublished } from '../../src/lib/publish.ts';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);
const live = { now: at('2011-01-01T12:00:00Z'), preview: false };

function nyDate(value: string): Date {
  const d = parseContentDate(value, NY);
  if (!d) throw new Error(`bad date ${value}`);
  return d;
}

describe('isPublished', () => {
  test('a past article that is not a draft is published', () => {
    expect(isPublished({ draft: false, date: at('2010-07-14T18:30:00Z') }, live)).toBe(true);
  });

  test('a draft is not published, however old', () => {
    expect(isPublished({ draft: true, date: at('2009-01-01T00:00:00Z') }, live)).toBe(false);
  });

  test('a future-dated article is not published', () => {
    expect(isPublished({ draft: false, date: at('2011-01-01T12:00:01Z') }, live)).toBe(false);
  });

  test('an article dated exactly now is published', () => {
    expect(isPublished({ draft: false, date: at('2011-01-01T12:00:00Z') }, live)).toBe(true);
  });

  test('preview shows drafts and future articles', () => {
    const preview = { ...live, preview: true };
    expect(isPublished({ draft: true, date: at('2009-01-01T00:00:00Z') }, preview)).toBe(true);
    expect(isPublished({ draft: true, date: at('2030-01-01T00:00:00Z') }, preview)).toBe(true);
  });

  describe('time-zone edge (AstroPaper #495)', () => {
    const tomorrow = { draft: false, date: nyDate('2010-07-15') };

    test('a date-only article for tomorrow is not published at 23:00 New York time today', () => {
      // 23:00 EDT on the 14th is already the 15th in UTC.
      expect(isPublished(tomorrow, { now: nyDate('2010-07-14T23:00:00'), preview: false })).toBe(false);
      expect(nyDate('2010-07-14T23:00:00').toISOString()).toBe('2010-07-15T03:00:00.000Z');
    });

    test('a date-only article for tomorrow is published at 00:00 tomorrow New York time', () => {
      expect(isPublished(tomorrow, { now: nyDate('2010-07-15T00:00:00'), preview: false })).toBe(true);
    });

    test('a date-only article is not published one second before New York midnight', () => {
      expect(isPublished(tomorrow, { now: nyDate('2010-07-14T23:59:59'), preview: false })).toBe(false);
    });
  });
});

describe('buildNow', () => {
  test('without BUILD_NOW it is the current time', () => {
    const before = Date.now();
    const now = buildNow({}).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  test('an empty BUILD_NOW means the current time', () => {
    expect(Math.abs(buildNow({ BUILD_NOW: '' }).getTime() - Date.now())).toBeLessThan(5000);
  });

  test('reads BUILD_NOW with Z or an offset', () => {
    expect(buildNow({ BUILD_NOW: '2011-01-01T00:00:00Z' }).toISOString()).toBe('2011-01-01T00:00:00.000Z');
    expect(buildNow({ BUILD_NOW: '2011-01-01T00:00:00-05:00' }).toISOString()).toBe('2011-01-01T05:00:00.000Z');
    expect(buildNow({ BUILD_NOW: '2011-01-01T00:00Z' }).toISOString()).toBe('2011-01-01T00:00:00.000Z');
  });

  test('rejects garbage with a message that shows the value and an example', () => {
    expect(() => buildNow({ BUILD_NOW: 'yesterday' })).toThrowErrorMatchingInlineSnapshot(
      `[Error: BUILD_NOW=yesterday is not an ISO 8601 date-time like 2011-01-01T00:00:00Z]`,
    );
  });

  test.each(['12', '2011', '2011-13-01T00:00:00Z', 'Sat Jan 01 2011', '2011-01-01T00:00:00'])(
    'rejects %j, which Date() would read loosely or in the machine zone',
    (value) => {
      expect(() => buildNow({ BUILD_NOW: value })).toThrow(/^BUILD_NOW=/);
    },
  );
});
