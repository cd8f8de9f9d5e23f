import { describe, expect, test } from '@jest/globals';
import { formatCalendarDate } from '../../scenarios/workloads/calendar-date.ts';
import { easterSunday, isNorwegianPublicHoliday, norwegianPublicHolidays } from './norwegian-holidays.ts';
import { isWorkingDay } from './working-days.ts';

// Written by hand from the almanac, not computed: the computus is checked against these.
const HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2024: ['2024-01-01', '2024-03-28', '2024-03-29', '2024-03-31', '2024-04-01', '2024-05-01', '2024-05-09', '2024-05-17', '2024-05-19', '2024-05-20', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-17', '2025-04-18', '2025-04-20', '2025-04-21', '2025-05-01', '2025-05-17', '2025-05-29', '2025-06-08', '2025-06-09', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-17', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26'],
  // 17 May 2027 is also Whit Monday: one day off, two names.
  2027: ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-16', '2027-05-17', '2027-12-25', '2027-12-26'],
};

const day = (text: string): { year: number; month: number; day: number } => {
  const [year, month, date] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day: date };
};

describe('Norwegian public holidays', () => {
  test.each(Object.entries(HOLIDAYS))('%s matches the almanac', (year, expected) => {
    expect(norwegianPublicHolidays(Number(year)).map((holiday) => formatCalendarDate(holiday.date))).toEqual(expected);
  });

  test('Easter Sunday by the computus, including the earliest and latest possible dates', () => {
    expect([2024, 2025, 2026, 2027].map((year) => formatCalendarDate(easterSunday(year)))).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
    expect(formatCalendarDate(easterSunday(1818))).toBe('1818-03-22');
    expect(formatCalendarDate(easterSunday(2038))).toBe('2038-04-25');
  });

  test('a day two feasts share is listed once, with both names', () => {
    const may17 = norwegianPublicHolidays(2027).find((holiday) => formatCalendarDate(holiday.date) === '2027-05-17');
    expect(may17?.names).toEqual(['Grunnlovsdag', 'Andre pinsedag']);
  });

  test('Christmas Eve and New Year\'s Eve are working days; the holidays and weekends are not', () => {
    expect(isWorkingDay(day('2025-12-24'))).toBe(true);
    expect(isWorkingDay(day('2025-12-31'))).toBe(true);
    expect(isNorwegianPublicHoliday(day('2025-12-24'))).toBe(false);
    expect(isWorkingDay(day('2024-03-28'))).toBe(false); // Maundy Thursday
    expect(isWorkingDay(day('2024-05-09'))).toBe(false); // Ascension Day
    expect(isWorkingDay(day('2024-03-30'))).toBe(false); // Saturday
    expect(isWorkingDay(day('2024-04-02'))).toBe(true);
  });
});
