import { describe, expect, test } from 'vitest';
import { formatDisplayDate, isoInZone, parseContentDate } from '../../src/lib/dates.ts';

const NY = 'America/New_York';
const iso = (v: string, tz = NY) => parseContentDate(v, tz)?.toISOString();

describe('parseContentDate', () => {
  test('a date-only value is midnight in New York, on daylight time in summer', () => {
    expect(iso('2010-07-14')).toBe('2010-07-14T04:00:00.000Z');
  });

  test('a date-only value is midnight in New York, on standard time in winter', () => {
    expect(iso('2010-01-14')).toBe('2010-01-14T05:00:00.000Z');
  });

  test('a date-only value follows the zone it is read in', () => {
    expect(iso('2010-07-14', 'UTC')).toBe('2010-07-14T00:00:00.000Z');
    expect(iso('2010-07-14', 'Asia/Kolkata')).toBe('2010-07-13T18:30:00.000Z');
  });

  test('a date and time without an offset is wall time in the zone', () => {
    expect(iso('2010-07-14T14:30:00')).toBe('2010-07-14T18:30:00.000Z');
    expect(iso('2010-07-14 14:30')).toBe('2010-07-14T18:30:00.000Z');
    expect(iso('2010-01-14T14:30:00.250')).toBe('2010-01-14T19:30:00.250Z');
  });

  test('a date and time with Z or an offset is taken as given, whatever the zone', () => {
    expect(iso('2010-07-14T14:30:00Z')).toBe('2010-07-14T14:30:00.000Z');
    expect(iso('2010-07-14T14:30:00-04:00')).toBe('2010-07-14T18:30:00.000Z');
    expect(iso('2010-07-14T14:30:00+02:00', 'Asia/Tokyo')).toBe('2010-07-14T12:30:00.000Z');
  });

  test('the last minute before spring-forward is still standard time', () => {
    expect(iso('2010-03-14T01:59:00')).toBe('2010-03-14T06:59:00.000Z');
  });

  test('the first hour after spring-forward is daylight time', () => {
    expect(iso('2010-03-14T03:30:00')).toBe('2010-03-14T07:30:00.000Z');
  });

  test('a wall time skipped by spring-forward moves forward past the gap', () => {
    // 02:30 never happens on 2010-03-14 in New York; 03:30 EDT is what calendars pick.
    expect(iso('2010-03-14T02:30:00')).toBe('2010-03-14T07:30:00.000Z');
  });

  test('a wall time repeated by fall-back means its first occurrence', () => {
    expect(iso('2010-11-07T01:30:00')).toBe('2010-11-07T05:30:00.000Z');
    expect(iso('2010-11-07T02:30:00')).toBe('2010-11-07T07:30:00.000Z');
  });

  test('the days of the DST changes start at local midnight', () => {
    expect(iso('2010-03-14')).toBe('2010-03-14T05:00:00.000Z');
    expect(iso('2010-11-07')).toBe('2010-11-07T04:00:00.000Z');
  });

  test.each([
    '2010-02-30',
    '2010-02-29',
    '2010-13-01',
    '2010-00-10',
    '2010-07-00',
    'July 14',
    'July 14, 2010',
    '14/07/2010',
    '2010-7-14',
    '',
    '2010-07-14T25:00:00',
    '2010-07-14T12:60:00',
    '2010-02-30T10:00:00Z',
    '2010-02-30T10:00:00-04:00',
    '2010-07-14T24:00:00Z',
    '2010-07-14T10:00:00+25',
    'tomorrow',
  ])('%j is not a date', (value) => {
    expect(parseContentDate(value, NY)).toBeUndefined();
  });

  test('29 February exists in a leap year', () => {
    expect(iso('2012-02-29')).toBe('2012-02-29T05:00:00.000Z');
  });

  test('surrounding whitespace is ignored', () => {
    expect(iso(' 2010-07-14 ')).toBe('2010-07-14T04:00:00.000Z');
  });
});

describe('isoInZone', () => {
  test('shows the instant as wall time with the daylight-time offset in summer', () => {
    expect(isoInZone(new Date('2010-07-14T04:00:00Z'), NY)).toBe('2010-07-14T00:00:00-04:00');
  });

  test('shows the standard-time offset in winter', () => {
    expect(isoInZone(new Date('2010-01-15T02:00:00Z'), NY)).toBe('2010-01-14T21:00:00-05:00');
  });

  test('uses +00:00 for UTC and half-hour offsets where a zone has them', () => {
    expect(isoInZone(new Date('2010-07-14T12:00:00Z'), 'UTC')).toBe('2010-07-14T12:00:00+00:00');
    expect(isoInZone(new Date('2010-07-14T12:00:00Z'), 'Asia/Kolkata')).toBe('2010-07-14T17:30:00+05:30');
  });

  test('round-trips through parseContentDate', () => {
    for (const v of ['2010-07-14', '2010-01-14T23:59:59', '2010-11-07T01:30:00', '2010-03-14T03:00:00']) {
      const d = parseContentDate(v, NY);
      if (!d) throw new Error(`${v} did not parse`);
      expect(parseContentDate(isoInZone(d, NY), NY)?.getTime()).toBe(d.getTime());
    }
  });
});

describe('formatDisplayDate', () => {
  test('shows the date in the site zone, not in UTC', () => {
    expect(formatDisplayDate(new Date('2010-07-15T02:00:00Z'), NY, 'en-US')).toBe('July 14, 2010');
  });

  test('follows the locale', () => {
    expect(formatDisplayDate(new Date('2010-07-14T16:00:00Z'), NY, 'de-DE')).toBe('14. Juli 2010');
  });

  test('adds the time when asked', () => {
    const text = formatDisplayDate(new Date('2010-07-14T18:30:00Z'), NY, 'en-US', true);
    expect(text).toMatch(/^July 14, 2010\b.*2:30\sPM$/);
  });
});
