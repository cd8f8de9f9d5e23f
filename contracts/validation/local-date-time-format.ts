// The custom JSON Schema format `local-date-time`, used for sendingstidspunkt.
//
// KS's schemas say `format: date-time` (RFC 3339, which requires a zone), but KS's own examples and
// the real portal send local Norwegian time with no zone: "2020-03-16T13:29:33". Checked as RFC 3339,
// every real report would fail; not checked at all, "2020-02-30T10:00:00" would pass. This format
// keeps the calendar strict and makes the zone optional. ajv-formats' `iso-date-time` is not used:
// it also accepts a space instead of the "T", which the portal never sends.

export const LOCAL_DATE_TIME_FORMAT = 'local-date-time';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/**
 * True for a real calendar date and time with seconds, an optional fraction and an optional zone
 * (Z or ±hh:mm): "2020-03-16T13:29:33", "2020-03-16T13:29:33.120", "2020-03-16T12:29:33Z".
 * False for "2020-02-30T10:00:00", "2020-03-16 13:29:33", "2020-03-16T13:29", leap second 60.
 */
export function isLocalDateTime(text: string): boolean {
  const match = SHAPE.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const dateOk = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
  const timeOk = hour <= 23 && minute <= 59 && second <= 59;
  const zoneOk = match[7] === undefined || (Number(match[7]) <= 23 && Number(match[8]) <= 59);
  return dateOk && timeOk && zoneOk;
}
