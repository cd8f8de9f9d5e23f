import { describe, expect, test } from '@jest/globals';
import { seededRandom } from './random.ts';
import { drawSendingTime, formatLocalDateTime, osloInstant, parseLocalDateTime } from './sending-time.ts';

const at = (text: string): string => osloInstant(parseLocalDateTime(text)!).toISOString();

describe('sending time', () => {
  test('drawn in the window, never in the 02 hour, and formatted with no zone', () => {
    const random = seededRandom('time');
    for (let i = 0; i < 500; i++) {
      const time = drawSendingTime(random, i % 2 === 0 ? 'privat' : 'offentlig');
      const text = formatLocalDateTime(time);
      expect(text).toMatch(/^202[56]-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(time.hour).not.toBe(2);
      expect(parseLocalDateTime(text)).toEqual(time);
    }
  });

  test('osloInstant applies CET and CEST by the EU rule', () => {
    expect(at('2026-03-16T13:29:33')).toBe('2026-03-16T12:29:33.000Z');
    expect(at('2026-07-01T12:00:00')).toBe('2026-07-01T10:00:00.000Z');
    expect(at('2026-03-29T01:59:59')).toBe('2026-03-29T00:59:59.000Z'); // last minute of winter time
    expect(at('2026-03-29T03:00:00')).toBe('2026-03-29T01:00:00.000Z'); // first of summer time
    expect(at('2026-10-25T01:59:59')).toBe('2026-10-24T23:59:59.000Z');
    expect(at('2026-10-25T03:00:00')).toBe('2026-10-25T02:00:00.000Z');
  });

  test('parseLocalDateTime refuses other forms', () => {
    expect(parseLocalDateTime('16.03.2026 13:29')).toBeUndefined();
  });
});
