// A clock that moves only when told to. Timers fire in due-time order, ties in the order they were
// set, and every microtask a timer starts settles before the next timer fires, so a run replays
// exactly and days of virtual time pass in no real time.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { checkDelay, newTimerHandle } from './clock.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { TimerHeap } from './timer-heap.ts';

/** A timer that keeps re-arming itself with delay 0 would otherwise hang advance() forever. */
const maxTimersAtOneInstant = 100_000;
const defaultIdleLimitMs = 366 * 24 * 60 * 60 * 1000;

export class VirtualClock implements Clock {
  #now: number;
  #sequence = 0;
  #busy = false;
  /** The live timers; the heap may still hold cleared ones, skipped when they surface. */
  readonly #timers = new Map<TimerHandle, { readonly dueAt: number; readonly sequence: number; readonly callback: () => void }>();
  readonly #heap = new TimerHeap<TimerHandle>();

  constructor(startMs: number) {
    if (!Number.isFinite(startMs)) throw new RangeError(`VirtualClock: startMs must be a finite number, got ${String(startMs)}`);
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    checkDelay('VirtualClock.setTimer', delayMs);
    const handle = newTimerHandle();
    const timer = { dueAt: this.#now + delayMs, sequence: this.#sequence++, callback };
    this.#timers.set(handle, timer);
    this.#heap.push({ dueAt: timer.dueAt, sequence: timer.sequence, value: handle });
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    if (!this.#timers.delete(handle)) return;
    // Code that re-arms a far-off timer on every event (a TTL at the head of a queue) would
    // otherwise grow the heap without bound.
    if (this.#heap.size > 2 * this.#timers.size + 64) {
      this.#heap.clear();
      for (const [live, { dueAt, sequence }] of this.#timers) this.#heap.push({ dueAt, sequence, value: live });
    }
  }

  sleep(delayMs: number): Promise<void> {
    checkDelay('VirtualClock.sleep', delayMs);
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  pendingTimers(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way (including timers those
   * timers set). Rejects with a timer's error if one throws; later timers then stay pending.
   */
  async advance(ms: number): Promise<void> {
    checkDelay('VirtualClock.advance', ms);
    await this.#exclusively('advance', async () => {
      const target = this.#now + ms;
      await this.#runTimersUntil(target);
      this.#now = target;
      await settleMicrotasks();
    });
  }

  /**
   * Fires timers, moving time to each, until none is pending. Rejects if timers are still pending
   * limitMs from now (a timer that re-arms forever); use advance() for such schedules.
   */
  async runUntilIdle(limitMs: number = defaultIdleLimitMs): Promise<void> {
    checkDelay('VirtualClock.runUntilIdle', limitMs);
    await this.#exclusively('runUntilIdle', async () => {
      const limit = this.#now + limitMs;
      await this.#runTimersUntil(limit);
      if (this.#timers.size > 0) {
        this.#now = limit;
        throw new Error(
          `VirtualClock.runUntilIdle: ${this.#timers.size} timer(s) still pending after ${limitMs} ms of virtual time; ` +
            'something re-arms a timer forever. Use advance(ms) for periodic work, or pass a larger limitMs.',
        );
      }
    });
  }

  async #exclusively(caller: string, work: () => Promise<void>): Promise<void> {
    if (this.#busy) {
      throw new Error(`VirtualClock.${caller}: called while the clock is already advancing; await the first call before starting another`);
    }
    this.#busy = true;
    try {
      await work();
    } finally {
      this.#busy = false;
    }
  }

  async #runTimersUntil(limit: number): Promise<void> {
    await settleMicrotasks();
    let firedAtThisInstant = 0;
    for (;;) {
      const next = this.#nextDue(limit);
      if (next === undefined) return;
      const { dueAt, callback } = next;
      firedAtThisInstant = dueAt === this.#now ? firedAtThisInstant + 1 : 1;
      if (firedAtThisInstant > maxTimersAtOneInstant) {
        throw new Error(
          `VirtualClock: more than ${maxTimersAtOneInstant} timers fired at virtual time ${this.#now}; a timer re-arms itself with delay 0`,
        );
      }
      this.#now = Math.max(this.#now, dueAt);
      callback();
      await settleMicrotasks();
    }
  }

  /** Removes and returns the earliest live timer due at or before limit. */
  #nextDue(limit: number): { dueAt: number; callback: () => void } | undefined {
    for (;;) {
      const top = this.#heap.peek();
      if (top === undefined || top.dueAt > limit) return undefined;
      this.#heap.pop();
      const timer = this.#timers.get(top.value);
      if (timer === undefined) continue;
      this.#timers.delete(top.value);
      return timer;
    }
  }
}

/**
 * A macrotask turn runs every queued microtask first, including the ones those queue, however
 * long the promise chain; a fixed number of `await Promise.resolve()` would not.
 */
async function settleMicrotasks(): Promise<void> {
  await nextMacrotask();
}
