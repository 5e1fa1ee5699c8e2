import { describe, expect, test } from 'vitest';
import { isoInZone, parseContentDate, zonedParts } from '../../src/lib/dates.ts';

const zones = [
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Europe/London',
];

describe('zonedParts (cached offsets)', () => {
  test('agrees with Intl on 5,000 instants in each of several awkward zones', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const tz of zones) {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      for (let i = 0; i < 5000; i++) {
        const d = new Date(Date.UTC(1995, 0, 1) + Math.floor(rand() * 40 * 365 * 86_400_000));
        const want = Object.fromEntries(
          f
            .formatToParts(d)
            .filter((p) => p.type !== 'literal')
            .map((p) => [p.type, Number(p.value)]),
        );
        expect(zonedParts(d, tz), `${tz} ${d.toISOString()}`).toEqual({
          year: want.year,
          month: want.month,
          day: want.day,
          hour: want.hour,
          minute: want.minute,
          second: want.second,
        });
      }
    }
  });

  test('St. John’s transitions at 00:01 (not on the hour) are honoured', () => {
    // 2000-10-29 00:01 NDT → 2000-10-28 23:01 NST.
    expect(zonedParts(new Date('2000-10-29T02:37:22Z'), 'America/St_Johns')).toMatchObject({ day: 28, hour: 23, minute: 7 });
  });
});

describe('wall times around DST changes', () => {
  test('a wall time in the spring-forward gap moves forward by the gap', () => {
    expect(isoInZone(parseContentDate('2010-03-14T02:30:00', 'America/New_York') as Date, 'America/New_York')).toBe(
      '2010-03-14T03:30:00-04:00',
    );
  });
  test('a wall time that occurs twice in the autumn means the earlier instant', () => {
    expect(parseContentDate('2010-11-07T01:30:00', 'America/New_York')?.toISOString()).toBe('2010-11-07T05:30:00.000Z');
  });
});
