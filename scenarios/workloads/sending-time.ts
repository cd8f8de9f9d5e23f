// sendingstidspunkt: local Norwegian wall-clock time with no zone ("2026-03-16T13:29:33"), as the
// portal sends it. Drawn from the Random within a fixed window, never from the system clock, so a
// seed replays to the same timestamps on any machine on any day.
import { type CalendarDate, dayNumber, fromDayNumber } from './calendar-date.ts';
import type { Random } from './random.ts';
import { type Weighted, weightedPick } from './weighted-pick.ts';

export interface LocalDateTime extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export const SENDING_WINDOW = { first: { year: 2025, month: 1, day: 1 }, last: { year: 2026, month: 12, day: 31 } } as const;

// Public reporters send in working hours, private ones around the clock with an evening peak.
// Hour 02 is never drawn: on the spring DST night 02:00–02:59 does not exist in Norway and on the
// autumn night it happens twice, so a receiver converting to an instant could fail on it; that is
// a fault of its own, not something ordinary traffic should trip over.
const OFFENTLIG_HOURS: readonly Weighted<number>[] = [
  [0.2, 0], [0.2, 1], [0.2, 3], [0.2, 4], [0.3, 5], [0.5, 6], [2, 7], [8, 8], [10, 9], [10, 10], [10, 11],
  [9, 12], [10, 13], [9, 14], [6, 15], [2, 16], [1, 17], [0.6, 18], [0.5, 19], [0.5, 20], [0.4, 21], [0.3, 22], [0.2, 23],
];
const PRIVAT_HOURS: readonly Weighted<number>[] = [
  [1.5, 0], [1, 1], [0.5, 3], [0.5, 4], [0.5, 5], [1, 6], [2, 7], [3, 8], [4, 9], [4, 10], [4, 11],
  [4, 12], [4, 13], [4, 14], [4, 15], [4, 16], [4, 17], [4, 18], [5, 19], [6, 20], [6, 21], [5, 22], [3, 23],
];

export function drawSendingTime(random: Random, reporter: 'privat' | 'offentlig'): LocalDateTime {
  const day = fromDayNumber(random.int(dayNumber(SENDING_WINDOW.first), dayNumber(SENDING_WINDOW.last)));
  const hour = weightedPick(random, reporter === 'offentlig' ? OFFENTLIG_HOURS : PRIVAT_HOURS);
  return { ...day, hour, minute: random.int(0, 59), second: random.int(0, 59) };
}

const two = (n: number): string => String(n).padStart(2, '0');

export function formatLocalDateTime(time: LocalDateTime): string {
  return `${time.year}-${two(time.month)}-${two(time.day)}T${two(time.hour)}:${two(time.minute)}:${two(time.second)}`;
}

/** Reads "YYYY-MM-DDTHH:MM:SS" (no zone); undefined when the text is not in that form. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of the month: when Norway (EU rules) switches summer time on or off. */
function switchInstant(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * The instant a Norwegian wall-clock reading stands for: CET (UTC+1), or CEST (UTC+2) between the
 * last Sundays of March and October. Computed from the EU rule rather than the machine's time-zone
 * data, so the result is the same everywhere. A reading in the hour skipped in spring is taken
 * as winter time, one in the hour repeated in autumn as summer time.
 */
export function osloInstant(time: LocalDateTime): Date {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const asSummer = wall - 2 * HOUR_MS;
  const summer = asSummer >= switchInstant(time.year, 3) && asSummer < switchInstant(time.year, 10);
  return new Date(summer ? asSummer : wall - HOUR_MS);
}
