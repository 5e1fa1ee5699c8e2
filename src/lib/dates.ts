/** Dates in front matter and their display, in the site's time zone. */

import { LIMITS } from './content/limits.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const ZONED_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** Reads the zone's UTC offset at an instant from Intl (slow; see offsetAt). */
function intlOffset(date: Date, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of partsFormatter(timeZone).formatToParts(date)) {
    if (type !== 'literal') p[type] = Number(value);
  }
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - (date.getTime() - date.getUTCMilliseconds());
}

// A build formats tens of thousands of dates and Intl is slow, so offsets are cached per zone and
// span: a day whose first and last millisecond share an offset is served from the cache; a day
// with a transition inside (twice a year at most) is cached per hour the same way; an hour with
// a transition inside (rare, and not always on the hour) asks Intl every time.
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const offsetCache = new Map<string, number>();

/** The zone's offset throughout [start, start + span), or NaN when it changes inside: cached. */
function offsetOver(start: number, span: number, timeZone: string): number {
  const key = `${timeZone}|${span}|${start}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    const first = intlOffset(new Date(start), timeZone);
    const last = intlOffset(new Date(start + span - 1), timeZone);
    off = first === last ? first : Number.NaN;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
function offsetAt(date: Date, timeZone: string): number {
  const t = date.getTime();
  const day = offsetOver(Math.floor(t / DAY) * DAY, DAY, timeZone);
  if (!Number.isNaN(day)) return day;
  const hour = offsetOver(Math.floor(t / HOUR) * HOUR, HOUR, timeZone);
  return Number.isNaN(hour) ? intlOffset(date, timeZone) : hour;
}

/** The wall-clock fields of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string) {
  const local = new Date(date.getTime() + offsetAt(date, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields. A wall time that
 * occurs twice (clocks going back) means the earlier instant; one that never occurs (clocks going
 * forward) is moved forward by the gap, as calendars and Temporal do.
 */
export function wallTimeToInstant(fields: [number, number, number, number, number, number, number], timeZone: string): Date {
  const [y, mo, d, h, mi, s, ms] = fields;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const DAY = 86_400_000;
  const before = offsetAt(new Date(guess - DAY), timeZone);
  const after = offsetAt(new Date(guess + DAY), timeZone);
  const shows = (t: number) => {
    const z = zonedParts(new Date(t), timeZone);
    return z.year === y && z.month === mo && z.day === d && z.hour === h && z.minute === mi && z.second === s;
  };
  const candidates = [guess - before, guess - after].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? guess - before);
}

/**
 * Reads a front-matter date. Date-only values mean midnight in the site's time zone, a date and
 * time without an offset is wall time there, and a value with Z or an offset is taken as given.
 * Returns undefined for anything that is not ISO 8601 or names an impossible day.
 */
export function parseContentDate(value: string, timeZone: string): Date | undefined {
  const v = value.trim();
  if (!/^\d{4}-/.test(v) || !inYearRange(Number(v.slice(0, 4)))) return undefined;
  const date = parseIsoDate(v, timeZone);
  // An offset can carry 2199-12-31T23:00-12:00 into the next year; the instant must be in range too.
  return date && inYearRange(date.getUTCFullYear()) ? date : undefined;
}

/** Whether a year lies in the range content dates may use (LIMITS.years). */
export function inYearRange(year: number): boolean {
  return Number.isInteger(year) && year >= LIMITS.years.min && year <= LIMITS.years.max;
}

function parseIsoDate(v: string, timeZone: string): Date | undefined {
  let m = DATE_ONLY.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return undefined;
    return wallTimeToInstant([y, mo, d, 0, 0, 0, 0], timeZone);
  }
  m = LOCAL_DATETIME.exec(v);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const ms = Number((m[7] ?? '0').padEnd(3, '0'));
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
    return wallTimeToInstant([y, mo, d, h, mi, s, ms], timeZone);
  }
  m = ZONED_DATETIME.exec(v);
  if (m) {
    // Date() rolls 2010-02-30 over to March 2 and accepts hour 24; check the fields first.
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
    const dt = new Date(v.replace(' ', 'T'));
    return Number.isNaN(dt.getTime()) ? undefined : dt;
  }
  return undefined;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const displayCache = new Map<string, Intl.DateTimeFormat>();
/** "July 14, 2010" in the site's language and time zone. */
export function formatDisplayDate(date: Date, timeZone: string, locale: string, withTime = false): string {
  const key = `${timeZone}|${locale}|${withTime}`;
  let f = displayCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    displayCache.set(key, f);
  }
  return f.format(date);
}

/** ISO 8601 with the zone's own offset, e.g. 2010-07-14T00:00:00-04:00, for `<time datetime>`. */
export function isoInZone(date: Date, timeZone: string): string {
  const z = zonedParts(date, timeZone);
  const off = Math.round(offsetAt(date, timeZone) / 60000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}:${pad(z.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
