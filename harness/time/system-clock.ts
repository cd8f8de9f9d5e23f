// The machine's clock, for the services and containers environments where real brokers keep real
// time.
import { checkDelay, newTimerHandle } from './clock.ts';
import type { Clock, TimerHandle } from './clock.ts';

export function systemClock(): Clock {
  const timers = new Map<TimerHandle, NodeJS.Timeout>();
  return {
    now: () => Date.now(),
    setTimer(delayMs, callback) {
      checkDelay('systemClock.setTimer', delayMs);
      const handle = newTimerHandle();
      timers.set(
        handle,
        setTimeout(() => {
          timers.delete(handle);
          callback();
        }, delayMs),
      );
      return handle;
    },
    clearTimer(handle) {
      clearTimeout(timers.get(handle));
      timers.delete(handle);
    },
    sleep(delayMs) {
      checkDelay('systemClock.sleep', delayMs);
      return new Promise((resolve) => setTimeout(resolve, delayMs));
    },
  };
}
