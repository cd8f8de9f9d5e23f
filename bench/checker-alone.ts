// 4. The checker alone: checkHistory on synthetic correct histories of about 10k, 100k and 1M
// events; the median of three timed runs after one untimed run (the JIT). Linear growth shows as a
// flat µs/event column.
import { checkHistory } from '../scenarios/checker/index.ts';
import { cpuMs, median } from './bench-kit.ts';
import { EVENTS_PER_REPORT, syntheticHistory } from './synthetic-history.ts';

export interface CheckerSize {
  readonly events: number;
  readonly reports: number;
  readonly ms: number;
  /** CPU time of the same runs (median): what the checker costs, whatever the machine's load. */
  readonly cpuMs: number;
  readonly microsecondsPerEvent: number;
  readonly valid: string;
}

export interface CheckerResult {
  readonly sizes: readonly CheckerSize[];
  /** µs/event at the largest size over µs/event at the smallest: about 1 when the growth is linear. */
  readonly growth: number;
  readonly goal: { readonly largestMs: 2000; readonly largestEvents: number };
}

export function measureChecker(targets: readonly number[]): CheckerResult {
  const sizes = targets.map((target): CheckerSize => {
    const reports = Math.round(target / EVENTS_PER_REPORT);
    const events = syntheticHistory(reports, `bench-checker-${target}`);
    checkHistory(events, { expectedReports: reports });
    const times: number[] = [];
    const cpu: number[] = [];
    let valid = 'unknown';
    for (let repeat = 0; repeat < 3; repeat++) {
      const started = performance.now();
      const cpuStarted = cpuMs();
      valid = String(checkHistory(events, { expectedReports: reports }).valid);
      times.push(performance.now() - started);
      cpu.push(cpuMs() - cpuStarted);
    }
    const ms = median(times);
    return { events: events.length, reports, ms: Math.round(ms), cpuMs: Math.round(median(cpu)), microsecondsPerEvent: Math.round((ms * 1000 * 100) / events.length) / 100, valid };
  });
  const first = sizes[0];
  const last = sizes.at(-1);
  const growth = first !== undefined && last !== undefined ? Math.round((last.microsecondsPerEvent / first.microsecondsPerEvent) * 100) / 100 : Number.NaN;
  return { sizes, growth, goal: { largestMs: 2000, largestEvents: last?.events ?? 0 } };
}
