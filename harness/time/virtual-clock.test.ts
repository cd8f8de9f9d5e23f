import { describe, expect, test } from '@jest/globals';
import { VirtualClock } from './virtual-clock.ts';

const day = 24 * 60 * 60 * 1000;

describe('VirtualClock', () => {
  test('starts where it is told and moves only when advanced', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    expect(clock.now()).toBe(1_700_000_000_000);
    await clock.advance(250);
    expect(clock.now()).toBe(1_700_000_000_250);
  });

  test('fires timers in due order, ties in the order they were set, each at its own time', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(30, () => fired.push(`d@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(31, () => fired.push(`late@${clock.now()}`));
    await clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30', 'd@30']);
    expect(clock.pendingTimers()).toBe(1);
  });

  test('30 days of virtual time pass in one call', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(30 * day, () => (fired = true));
    await clock.advance(30 * day - 1);
    expect(fired).toBe(false);
    await clock.advance(1);
    expect(fired).toBe(true);
  });

  test('lets the microtasks a timer starts settle before the next timer fires', async () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.setTimer(5, () => {
      void (async () => {
        await Promise.resolve();
        await Promise.resolve();
        await Promise.resolve();
        log.push('first timer chain done');
      })();
    });
    clock.setTimer(5, () => log.push('second timer'));
    await clock.advance(5);
    expect(log).toEqual(['first timer chain done', 'second timer']);
  });

  test('fires timers that timers set when they fall due within the same advance', async () => {
    const clock = new VirtualClock(0);
    const log: number[] = [];
    clock.setTimer(10, () => {
      log.push(clock.now());
      clock.setTimer(0, () => log.push(clock.now()));
      clock.setTimer(15, () => log.push(clock.now()));
    });
    await clock.advance(20);
    expect(log).toEqual([10, 10]);
    await clock.advance(5);
    expect(log).toEqual([10, 10, 25]);
  });

  test('sleep resolves when time reaches it', async () => {
    const clock = new VirtualClock(0);
    let woke = false;
    const sleeping = clock.sleep(day).then(() => (woke = true));
    await clock.advance(day - 1);
    expect(woke).toBe(false);
    await clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  test('a cleared timer never fires and is not pending', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const handle = clock.setTimer(10, () => (fired = true));
    clock.clearTimer(handle);
    clock.clearTimer(handle);
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(100);
    expect(fired).toBe(false);
  });

  test('many set-and-cleared timers leave only the live ones pending, still in order', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const handle = clock.setTimer(1000 - i, () => fired.push(i));
      if (i % 100 !== 0) clock.clearTimer(handle);
    }
    expect(clock.pendingTimers()).toBe(10);
    await clock.runUntilIdle();
    expect(fired).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
  });

  test('runUntilIdle runs every timer, moving time to the last', async () => {
    const clock = new VirtualClock(0);
    const log: number[] = [];
    clock.setTimer(3 * day, () => log.push(clock.now()));
    clock.setTimer(day, () => clock.setTimer(day, () => log.push(clock.now())));
    await clock.runUntilIdle();
    expect(log).toEqual([2 * day, 3 * day]);
    expect(clock.now()).toBe(3 * day);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('runUntilIdle refuses to chase a timer that re-arms forever', async () => {
    const clock = new VirtualClock(0);
    const rearm = (): void => void clock.setTimer(1000, rearm);
    rearm();
    await expect(clock.runUntilIdle(60_000)).rejects.toThrow(/still pending after 60000 ms/);
    expect(clock.now()).toBe(60_000);
  });

  test('a timer that re-arms with delay 0 forever is stopped with a clear error', async () => {
    const clock = new VirtualClock(0);
    const rearm = (): void => void clock.setTimer(0, rearm);
    rearm();
    await expect(clock.advance(1)).rejects.toThrow(/re-arms itself with delay 0/);
  });

  test('rejects nonsense delays and overlapping advances', async () => {
    const clock = new VirtualClock(0);
    expect(() => clock.setTimer(Number.NaN, () => undefined)).toThrow(/VirtualClock.setTimer: delayMs must be/);
    expect(() => clock.setTimer(-1, () => undefined)).toThrow(RangeError);
    const first = clock.advance(10);
    await expect(clock.advance(10)).rejects.toThrow(/already advancing/);
    await first;
    expect(clock.now()).toBe(10);
  });

  test('the same schedule replays identically', async () => {
    const run = async (): Promise<string[]> => {
      const clock = new VirtualClock(0);
      const log: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        clock.setTimer((i * 7) % 5, () => {
          log.push(`${i}@${clock.now()}`);
          void Promise.resolve().then(() => log.push(`then ${i}`));
        });
      }
      await clock.runUntilIdle();
      return log;
    };
    expect(await run()).toEqual(await run());
  });
});
