// The portal's business deadline: a case system has 2 working days to answer before the report
// goes by letter post. A working day is a Norwegian calendar day that is neither Saturday, Sunday
// nor a public holiday; only time inside working days counts. So a report sent on a working day
// at 10:00 is due at 10:00 on the second working day after, and one sent on a Saturday or a
// holiday is due at the end of the second working day (the case system gets two whole days).
// Working days are always 24 h long: Norway changes to and from summer time on Sundays.
import type { CalendarDate } from '../../scenarios/workloads/calendar-date.ts';
import { isNorwegianPublicHoliday } from './norwegian-holidays.ts';
import { nextDay, osloDate, osloStartOfDay, weekday } from './oslo-calendar.ts';

const DAY_MS = 86_400_000;

export function isWorkingDay(date: CalendarDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isNorwegianPublicHoliday(date);
}

/** The instant `days` working days of time after `startMs` (Norwegian time). */
export function addWorkingDays(startMs: number, days: number): number {
  if (!Number.isFinite(startMs)) throw new RangeError(`addWorkingDays: startMs must be a finite number, got ${startMs}`);
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`addWorkingDays: days must be a finite number ≥ 0, got ${days}`);
  let remaining = days * DAY_MS;
  let at = startMs;
  // Norway never has more than a handful of days off in a row (Easter: 5); a year is plenty.
  for (let guard = 0; guard < 366 + days * 2; guard++) {
    const today = osloDate(at);
    const endOfDay = osloStartOfDay(nextDay(today));
    if (isWorkingDay(today)) {
      if (remaining <= endOfDay - at) return at + remaining;
      remaining -= endOfDay - at;
    }
    at = endOfDay;
  }
  throw new Error(`addWorkingDays: found no end to ${days} working days after ${new Date(startMs).toISOString()}; the holiday calendar is broken.`);
}
