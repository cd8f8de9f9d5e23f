// Norway's public holidays (helligdager): the days the portal's "2 working days" skips besides
// weekends. Fixed dates plus the moveable feasts, which hang off Easter Sunday (Western, Gregorian
// computus). Christmas Eve and New Year's Eve are ordinary working days by law, so they are not
// here. Computed, not looked up, so any year works and nothing depends on the machine.
import { type CalendarDate, dayNumber, formatCalendarDate, fromDayNumber } from '../../scenarios/workloads/calendar-date.ts';

export interface PublicHoliday {
  readonly date: CalendarDate;
  /** Usually one name; two when feasts coincide (17 May 2027 is also Whit Monday). */
  readonly names: readonly string[];
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  if (!Number.isInteger(year) || year < 1583) {
    throw new RangeError(`easterSunday: year must be a whole number from 1583 (the Gregorian calendar), got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

const FIXED: readonly (readonly [month: number, day: number, name: string])[] = [
  [1, 1, 'Første nyttårsdag'],
  [5, 1, 'Arbeidernes dag'],
  [5, 17, 'Grunnlovsdag'],
  [12, 25, 'Første juledag'],
  [12, 26, 'Andre juledag'],
];

/** Days after Easter Sunday. */
const MOVEABLE: readonly (readonly [offset: number, name: string])[] = [
  [-3, 'Skjærtorsdag'],
  [-2, 'Langfredag'],
  [0, 'Første påskedag'],
  [1, 'Andre påskedag'],
  [39, 'Kristi himmelfartsdag'],
  [49, 'Første pinsedag'],
  [50, 'Andre pinsedag'],
];

const cache = new Map<number, readonly PublicHoliday[]>();

/** The year's public holidays in date order, Sundays (Easter, Whitsun) included. */
export function norwegianPublicHolidays(year: number): readonly PublicHoliday[] {
  const cached = cache.get(year);
  if (cached !== undefined) return cached;
  const easter = dayNumber(easterSunday(year));
  const byDay = new Map<number, string[]>();
  const add = (day: number, name: string): void => {
    byDay.set(day, [...(byDay.get(day) ?? []), name]);
  };
  for (const [month, day, name] of FIXED) add(dayNumber({ year, month, day }), name);
  for (const [offset, name] of MOVEABLE) add(easter + offset, name);
  const holidays = [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, names]) => ({ date: fromDayNumber(day), names }));
  cache.set(year, holidays);
  return holidays;
}

export function isNorwegianPublicHoliday(date: CalendarDate): boolean {
  const key = formatCalendarDate(date);
  return norwegianPublicHolidays(date.year).some((holiday) => formatCalendarDate(holiday.date) === key);
}
