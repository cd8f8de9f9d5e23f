// Time is injected, never read from the machine: the Fiks IO simulator, TTLs, retention and
// timeouts all ask a Clock, so a run on the VirtualClock replays exactly and 30 days of
// retention pass in no real time.

declare const timerHandleBrand: unique symbol;

/** Opaque: only the clock that made it can clear it. */
export interface TimerHandle {
  readonly [timerHandleBrand]: 'TimerHandle';
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls callback once, delayMs from now. */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  /** Cancels a timer that has not fired; a no-op for one that fired or was cleared already. */
  clearTimer(handle: TimerHandle): void;
  sleep(delayMs: number): Promise<void>;
}

/** Both clocks take the same delays: a typo like NaN must not become "fire at once" silently. */
export function checkDelay(caller: string, delayMs: number): void {
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw new RangeError(`${caller}: delayMs must be a finite number ≥ 0, got ${String(delayMs)}`);
  }
}

export function newTimerHandle(): TimerHandle {
  return Object.freeze({}) as TimerHandle;
}
