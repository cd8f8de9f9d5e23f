import { describe, expect, test } from '@jest/globals';
import { isLocalDateTime } from './local-date-time-format.ts';

describe('the local-date-time format (sendingstidspunkt)', () => {
  test.each([
    ['2020-03-16T13:29:33', 'local time with no zone, as the portal sends it'],
    ['2020-03-17T00:31:56', "KS's privat example"],
    ['2020-03-16T13:29:33.120', 'a fraction of a second'],
    ['2020-03-16T12:29:33Z', 'UTC'],
    ['2020-03-16T13:29:33+01:00', 'an offset'],
    ['2020-03-16t12:29:33z', 'lower-case t and z, as RFC 3339 allows'],
    ['2024-02-29T23:59:59', 'the 29th of February in a leap year'],
    ['2000-02-29T00:00:00', 'a leap year divisible by 400'],
  ])('accepts %s (%s)', (text) => {
    expect(isLocalDateTime(text)).toBe(true);
  });

  test.each([
    ['2020-02-30T10:00:00', 'a day February does not have'],
    ['2023-02-29T10:00:00', 'the 29th of February in a common year'],
    ['1900-02-29T10:00:00', 'a century that is not a leap year'],
    ['2020-04-31T10:00:00', 'the 31st of a 30-day month'],
    ['2020-13-01T10:00:00', 'month 13'],
    ['2020-00-10T10:00:00', 'month 0'],
    ['2020-03-00T10:00:00', 'day 0'],
    ['2020-03-16 13:29:33', 'a space instead of T'],
    ['2020-03-16T13:29', 'no seconds'],
    ['2020-03-16T24:00:00', 'hour 24'],
    ['2020-03-16T13:60:00', 'minute 60'],
    ['2020-03-16T23:59:60', 'a leap second'],
    ['2020-03-16T13:29:33+1:00', 'a one-digit offset hour'],
    ['2020-03-16T13:29:33+24:00', 'an offset of 24 hours'],
    ['2020-03-16T13:29:33.', 'a dot without fraction digits'],
    ['2020-03-16', 'a date alone'],
    [' 2020-03-16T13:29:33', 'leading space'],
    ['2020-03-16T13:29:33\n', 'a trailing line break'],
  ])('rejects %j (%s)', (text) => {
    expect(isLocalDateTime(text)).toBe(false);
  });
});
