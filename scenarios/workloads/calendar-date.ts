// Plain calendar arithmetic for synthetic dates. Dates are wall-clock readings with no zone (as the
// portal sends them), so the arithmetic runs on UTC day numbers and never consults the machine's
// time zone or clock.
export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

export function fromDayNumber(days: number): CalendarDate {
  const at = new Date(days * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** The same date `years` earlier; 29 February falls back to 28 February in common years. */
export function yearsBefore(date: CalendarDate, years: number): CalendarDate {
  const year = date.year - years;
  const lastDay = new Date(Date.UTC(year, date.month, 0)).getUTCDate();
  return { year, month: date.month, day: Math.min(date.day, lastDay) };
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const two = (n: number): string => String(n).padStart(2, '0');

export function formatCalendarDate(date: CalendarDate): string {
  return `${date.year}-${two(date.month)}-${two(date.day)}`;
}
