import { wallTimeToInstant, zonedParts } from '../dates.ts';

/** Days a newsletter week may start on, in the order of JavaScript's getUTCDay(). */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One newsletter week: seven calendar days in the site's time zone. */
export interface Week {
  /** The first day as yyyy-mm-dd: the name in URLs and in content/newsletter/. */
  key: string;
  /** Midnight starting the first day, in the site's time zone. */
  start: Date;
  /** Midnight after the last day (exclusive); the issue goes out then. */
  end: Date;
  /** Midnight starting the last day, for "July 12–18" labels. */
  lastDay: Date;
}

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar day as yyyy-mm-dd (UTC fields of a date used as a plain calendar date). */
function dayKey(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight in `timeZone` of a plain calendar date (a Date whose UTC fields are the day). */
function midnight(day: Date, timeZone: string): Date {
  return wallTimeToInstant([day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, 0, 0], timeZone);
}

/** How many days `day` (a plain calendar date) lies after the week's first day: 0 to 6. */
function daysIntoWeek(day: Date, firstDay: Weekday): number {
  return (day.getUTCDay() - WEEKDAYS.indexOf(firstDay) + 7) % 7;
}

function weekFrom(firstDay: Date, timeZone: string): Week {
  return {
    key: dayKey(firstDay),
    start: midnight(firstDay, timeZone),
    end: midnight(new Date(firstDay.getTime() + 7 * DAY_MS), timeZone),
    lastDay: midnight(new Date(firstDay.getTime() + 6 * DAY_MS), timeZone),
  };
}

/**
 * The week an instant falls in. The calendar day is read in the site's time zone (an article
 * posted Sunday 23:30 in New York belongs to that Sunday even though it is Monday in UTC), then
 * counted back to the configured first day. Day arithmetic runs on calendar dates, so weeks with
 * a daylight-saving change still hold exactly seven days.
 */
export function weekOf(instant: Date, timeZone: string, firstDay: Weekday): Week {
  const z = zonedParts(instant, timeZone);
  const day = new Date(Date.UTC(z.year, z.month - 1, z.day));
  return weekFrom(new Date(day.getTime() - daysIntoWeek(day, firstDay) * DAY_MS), timeZone);
}

/**
 * The week named by a yyyy-mm-dd key, or a reason it names none (not a date, or not the
 * configured first day of a week).
 */
export function weekByKey(key: string, timeZone: string, firstDay: Weekday): Week | { error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!day || Number.isNaN(day.getTime()) || dayKey(day) !== key) {
    return { error: `"${key}" is not a date written yyyy-mm-dd` };
  }
  const weekday = WEEKDAYS[day.getUTCDay()] ?? firstDay;
  if (weekday !== firstDay) {
    const start = dayKey(new Date(day.getTime() - daysIntoWeek(day, firstDay) * DAY_MS));
    return {
      error: `${key} is a ${weekday}, but newsletter weeks start on ${firstDay}; name the file after the week's first day, ${start}`,
    };
  }
  return weekFrom(day, timeZone);
}
