// Instants to Norwegian calendar days and back. The rule for summer time is the one in
// scenarios/workloads/sending-time.ts (osloInstant, the EU rule, no machine time-zone data), so
// the whole harness agrees on what "Norwegian time" is.
import { type CalendarDate, dayNumber, fromDayNumber } from '../../scenarios/workloads/calendar-date.ts';
import { osloInstant } from '../../scenarios/workloads/sending-time.ts';

const HOUR_MS = 3_600_000;

/** The instant Norwegian midnight starts this day (never in the skipped spring hour, 02:00–03:00). */
export function osloStartOfDay(date: CalendarDate): number {
  return osloInstant({ ...date, hour: 0, minute: 0, second: 0 }).getTime();
}

/** The Norwegian calendar day an instant falls on. */
export function osloDate(instantMs: number): CalendarDate {
  // Norway is UTC+1 or UTC+2, so the local day is the UTC day of instant + 1 h, or the next one
  // when summer time has already carried the clock past midnight.
  const candidate = fromDayNumber(Math.floor((instantMs + HOUR_MS) / 86_400_000));
  const next = nextDay(candidate);
  return osloStartOfDay(next) <= instantMs ? next : candidate;
}

export function nextDay(date: CalendarDate): CalendarDate {
  return fromDayNumber(dayNumber(date) + 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}
