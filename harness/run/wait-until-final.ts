// Waiting until every report is final (LEVERT, by mottatt or by post), or a bound is hit.
//
// embedded: real work (PGlite, the in-process broker) runs by itself in real time, but nothing that
// waits on the VirtualClock moves until the clock does. So: let the work in hand settle; if not
// every report is final, move the clock — in small steps while some work waits on it (a receipt
// retry), else straight to the portal's next deadline — and let the portal act on the new time.
// The clock never moves while work is in hand, which keeps a run replayable from its seed.
//
// services: real time. Poll the portal's states (and let it act on deadlines) until final or the
// bound, in real ms, runs out.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Portal } from '../../providers/portal/index.ts';
import type { Clock } from '../time/clock.ts';
import type { VirtualClock } from '../time/virtual-clock.ts';

export interface WaitBounds {
  /** embedded: virtual time allowed from the start of waiting (the portal's 2-working-day fallback fits in it). */
  readonly virtualMs: number;
  /** Real time allowed, in both environments: a run that takes longer has no answer. */
  readonly wallMs: number;
}

export type FinalOutcome =
  | { readonly finished: true }
  | { readonly finished: false; readonly reason: string };

export interface RunActivity {
  /** Work in hand that can go on without the clock moving; 0 when only time can move the run on. */
  busy(): number;
  /** Some work in hand waits on the clock (a retry, a pause). */
  waitingOnClock(): boolean;
}

/** Long enough for 2 working days across a weekend and Easter, short enough to fail fast. */
export const DEFAULT_VIRTUAL_BOUND_MS = 14 * 24 * 3_600_000;
/** How far the clock moves at a time while work in hand waits on it (a retry, a held call). */
export const CLOCK_STEP_MS = 250;
const POLL_MS = 100;

async function allFinal(portal: Portal, reports: number): Promise<boolean> {
  return (await portal.states()).LEVERT >= reports;
}

/**
 * Lets the work in hand finish without moving the clock: two quiet turns in a row (a delivery
 * dispatched in the last turn's microtasks is counted by then). False when the real-time
 * deadline passed first.
 */
export async function settleWork(activity: Pick<RunActivity, 'busy'>, wallDeadline: number): Promise<boolean> {
  for (let quiet = 0; quiet < 2; ) {
    await nextMacrotask();
    quiet = activity.busy() === 0 ? quiet + 1 : 0;
    if (performance.now() > wallDeadline) return false;
  }
  return true;
}

export async function waitUntilFinalVirtual(portal: Portal, reports: number, clock: VirtualClock, activity: RunActivity, bounds: WaitBounds): Promise<FinalOutcome> {
  const wallDeadline = performance.now() + bounds.wallMs;
  const virtualEnd = clock.now() + bounds.virtualMs;
  const settle = (): Promise<boolean> => settleWork(activity, wallDeadline);
  for (;;) {
    if (!(await settle())) return { finished: false, reason: `work was still in hand after ${bounds.wallMs} ms of real time` };
    await portal.tick();
    if (!(await settle())) return { finished: false, reason: `work was still in hand after ${bounds.wallMs} ms of real time` };
    if (await allFinal(portal, reports)) return { finished: true };
    const now = clock.now();
    if (now >= virtualEnd) {
      return { finished: false, reason: `not every report was final after ${Math.round(bounds.virtualMs / 3_600_000)} hours of virtual time` };
    }
    const due = await portal.nextDueAt();
    const step = activity.waitingOnClock() ? CLOCK_STEP_MS : Math.max(1, (due ?? virtualEnd) - now);
    await clock.advance(Math.min(step, virtualEnd - now));
  }
}

export async function waitUntilFinalReal(
  portal: Portal,
  reports: number,
  clock: Clock,
  activity: Pick<RunActivity, 'busy'>,
  bounds: Pick<WaitBounds, 'wallMs'>,
): Promise<FinalOutcome> {
  const wallDeadline = performance.now() + bounds.wallMs;
  for (;;) {
    await portal.tick();
    if (await allFinal(portal, reports)) return { finished: true };
    if (performance.now() > wallDeadline) {
      return { finished: false, reason: `not every report was final after ${bounds.wallMs} ms (${activity.busy()} deliveries still in hand)` };
    }
    await clock.sleep(POLL_MS);
  }
}
