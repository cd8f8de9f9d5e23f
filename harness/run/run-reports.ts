// Running N reports end to end and summing up: what `ackproof run` does. The order follows the
// portal's life: it accepts every report, sends them all, and only then does the case system come
// up and drain its queue — a backlog, as after a night's outage, not a trickle.
import type { RunEnvironment } from '../environments/run-environment.ts';
import type { Adapter } from './run-adapters.ts';
import { startReportRun } from './report-run.ts';
import type { PartyEvent } from './party-event-tap.ts';
import type { RunSummary } from './run-summary.ts';
import type { WaitBounds } from './wait-until-final.ts';

export interface RunReportsOptions {
  readonly environment: RunEnvironment;
  readonly reports: number;
  readonly seed: string;
  /** A name in ADAPTERS, or an adapter of the caller's own. */
  readonly adapter: string | Adapter;
  /** Sees every party's own events as they happen (a tap for watching; never judged). */
  readonly onEvent?: (entry: PartyEvent) => void;
  readonly bounds?: Partial<WaitBounds>;
}

export async function runReports(options: RunReportsOptions): Promise<RunSummary> {
  const run = await startReportRun(options);
  try {
    await run.acceptAll();
    await run.dispatch();
    await run.startPortalConsumer();
    await run.startAdapter();
    const outcome = await run.waitUntilFinal();
    return await run.summarise(outcome);
  } finally {
    await run.stop();
  }
}
