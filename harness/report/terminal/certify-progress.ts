// Progress while certify runs, on stderr. On a TTY outside CI: each scenario's result as it ends,
// and below it one status line rewritten in place — scenario n of N, reports through, an estimate
// of the time left (real time so far per report, times the reports still to come; refreshed every
// second). Elsewhere: one plain line per scenario, nothing rewritten.
import type { CertifiedScenario } from '../../certify/certify.ts';
import { progressLine } from '../../certify/certification-text.ts';
import { colourMark, paint } from './terminal-style.ts';

export interface ProgressOptions {
  readonly write: (text: string) => void;
  /** The scenarios in the order they run, with the reports each will send. */
  readonly planned: readonly { readonly id: string; readonly reports: number }[];
  readonly live: boolean;
  readonly colour: boolean;
  /** Real time in ms (performance.now in the command; a fake in tests). */
  readonly now: () => number;
  /** Refreshes the live line every second; the command passes setInterval, tests nothing. */
  readonly every?: (ms: number, tick: () => void) => () => void;
}

export interface CertifyProgress {
  onScenario(done: CertifiedScenario): void;
  /** Clears the live line; call once, when certify ends (also after an error). */
  finish(): void;
}

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

export function certifyProgress(options: ProgressOptions): CertifyProgress {
  const started = options.now();
  const total = options.planned.length;
  const totalReports = options.planned.reduce((sum, { reports }) => sum + reports, 0);
  let done = 0;
  let reportsThrough = 0;
  let shown = false;

  const status = (): string => {
    const next = options.planned[done];
    const elapsed = options.now() - started;
    const left = reportsThrough === 0 ? 'estimating time left' : `about ${duration((elapsed / reportsThrough) * (totalReports - reportsThrough))} left`;
    const text = `[${Math.min(done + 1, total)}/${total}] ${next?.id ?? 'finishing'} · ${reportsThrough} of ${totalReports} reports through · ${left}`;
    return options.colour ? paint(text, 'dim') : text;
  };
  const draw = (): void => {
    options.write(`\r\x1b[K${status()}`);
    shown = true;
  };
  const clear = (): void => {
    if (shown) options.write('\r\x1b[K');
    shown = false;
  };
  const stop = options.live && options.every !== undefined ? options.every(1000, draw) : undefined;
  if (options.live) draw();

  return {
    onScenario(scenario) {
      done += 1;
      reportsThrough += scenario.result.schedule.reports;
      const line = options.colour ? colourMark(progressLine(scenario)) : progressLine(scenario);
      if (!options.live) {
        options.write(`${line}\n`);
        return;
      }
      clear();
      options.write(`${line}\n`);
      if (done < total) draw();
    },
    finish() {
      stop?.();
      if (options.live) clear();
    },
  };
}
