import { describe, expect, test } from '@jest/globals';
import { systemClock } from './system-clock.ts';

describe('systemClock', () => {
  test('fires timers and resolves sleeps; a cleared timer never fires', async () => {
    const clock = systemClock();
    const log: string[] = [];
    const cleared = clock.setTimer(1, () => log.push('cleared'));
    clock.clearTimer(cleared);
    await new Promise<void>((resolve) => clock.setTimer(1, () => resolve()));
    await clock.sleep(5);
    expect(log).toEqual([]);
  });

  test('reads the machine clock', () => {
    const before = Date.now();
    const now = systemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  test('rejects nonsense delays', () => {
    expect(() => systemClock().setTimer(Number.POSITIVE_INFINITY, () => undefined)).toThrow(/systemClock.setTimer/);
  });
});
