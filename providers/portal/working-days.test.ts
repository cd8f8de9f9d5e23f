import { describe, expect, test } from '@jest/globals';
import { formatCalendarDate } from '../../scenarios/workloads/calendar-date.ts';
import { osloDate } from './oslo-calendar.ts';
import { addWorkingDays } from './working-days.ts';

// Norwegian wall-clock times written out with their offset, so each case reads as the calendar does.
const at = (iso: string): number => Date.parse(iso);
const deadline = (sent: string): string => new Date(addWorkingDays(at(sent), 2)).toISOString();

describe('the 2-working-day deadline (Norwegian time)', () => {
  test('sent on an ordinary Tuesday: Thursday, same time', () => {
    expect(deadline('2024-04-09T10:00:00+02:00')).toBe(new Date('2024-04-11T10:00:00+02:00').toISOString());
  });

  test('sent on a Friday: the weekend does not count, so Tuesday', () => {
    expect(deadline('2024-04-12T10:00:00+02:00')).toBe(new Date('2024-04-16T10:00:00+02:00').toISOString());
  });

  test('sent the Wednesday before Easter: Maundy Thursday, Good Friday, the weekend and Easter Monday are skipped', () => {
    expect(deadline('2024-03-27T10:00:00+01:00')).toBe(new Date('2024-04-03T10:00:00+02:00').toISOString());
  });

  test('sent on Maundy Thursday itself (a holiday): two whole working days, Tuesday and Wednesday after Easter', () => {
    expect(deadline('2024-03-28T10:00:00+01:00')).toBe(new Date('2024-04-04T00:00:00+02:00').toISOString());
  });

  test('sent on a Saturday: the end of Tuesday', () => {
    expect(deadline('2024-04-13T23:30:00+02:00')).toBe(new Date('2024-04-17T00:00:00+02:00').toISOString());
  });

  test('across the autumn clock change the wall-clock time is kept', () => {
    // Summer time ends Sunday 27 October 2024: Friday 10:00 CEST → Tuesday 10:00 CET, 4 days and 1 hour later.
    expect(deadline('2024-10-25T10:00:00+02:00')).toBe(new Date('2024-10-29T10:00:00+01:00').toISOString());
  });

  test('Christmas: 24 December counts, 25 and 26 do not', () => {
    expect(deadline('2025-12-23T10:00:00+01:00')).toBe(new Date('2025-12-29T10:00:00+01:00').toISOString());
  });

  test('17 May and Whit Monday falling on one day in 2027', () => {
    // Friday 14 May → (weekend, Monday 17 May off) → Tuesday 18 (1), Wednesday 19 (2).
    expect(deadline('2027-05-14T09:00:00+02:00')).toBe(new Date('2027-05-19T09:00:00+02:00').toISOString());
  });

  test('the Norwegian date of an instant near midnight, winter and summer', () => {
    expect(formatCalendarDate(osloDate(at('2024-06-30T22:30:00Z')))).toBe('2024-07-01');
    expect(formatCalendarDate(osloDate(at('2024-06-30T21:59:59Z')))).toBe('2024-06-30');
    expect(formatCalendarDate(osloDate(at('2024-01-31T23:00:00Z')))).toBe('2024-02-01');
    expect(formatCalendarDate(osloDate(at('2024-01-31T22:59:59Z')))).toBe('2024-01-31');
  });
});
