// What the faulty receivers' tests share: one real embedded run (simulated portal, Fiks IO
// simulator on the in-process broker, the receiver on PGlite) whose history the run records from
// the outside — the portal's and Fiks IO's events, the broker's deliveries, the final read-back —
// and checkHistory judges. The receiver's own events are not looked at, as for a receiver in
// another language. The databases come from a pool, so a run costs well under a second instead of
// two PGlite starts. Not a test file itself; imported by *.test.ts.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { EmbeddedDatabasePool } from '../../../harness/environments/database/index.ts';
import { type EmbeddedRunEnvironment, openRunEnvironment } from '../../../harness/environments/run-environment.ts';
import type { Adapter, StartedAdapter } from '../../../harness/run/run-adapters.ts';
import { startReportRun } from '../../../harness/run/report-run.ts';
import type { CheckResult } from '../../../scenarios/checker/check-result.ts';
import { type GeneratedReport, generateReport, generateReports, seededRandom } from '../../../scenarios/workloads/index.ts';
import type { SentReport } from '../../portal/read-back-judgement.ts';

export interface CheckedRunOptions {
  readonly pool: EmbeddedDatabasePool;
  readonly seed: string;
  readonly reports: number;
  /** Also send, first, one report that breaks KS's schema: a poison message. */
  readonly poison?: boolean;
  readonly dokumentlagerThresholdBytes?: number;
  /** Runs once every report is final, before the read-back (e.g. to move the clock on). */
  readonly beforeReadBack?: (environment: EmbeddedRunEnvironment, adapter: StartedAdapter) => Promise<void>;
}

export interface CheckedRun {
  readonly result: CheckResult;
  /** Every report of the run as the portal sent it, by id; the poison message's too. */
  readonly sent: ReadonlyMap<string, SentReport>;
  readonly poisonId: string | undefined;
  /** The reports whose payload went by dokumentlager reference. */
  readonly viaDokumentlager: ReadonlySet<string>;
}

/** A valid report but for its sendingstidspunkt, which is no time: KS's schema refuses it. */
export function poisonReport(seed: string): GeneratedReport {
  const report = generateReport(seededRandom(`${seed}/poison`), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2' });
  return { ...report, content: { ...report.content, sendingstidspunkt: 'i går kveld' } };
}

export async function checkedRun(adapter: Adapter, options: CheckedRunOptions): Promise<CheckedRun> {
  const environment = await openRunEnvironment({
    kind: 'embedded',
    seed: options.seed,
    databasePool: options.pool,
    ...(options.dokumentlagerThresholdBytes === undefined ? {} : { dokumentlagerThresholdBytes: options.dokumentlagerThresholdBytes }),
  });
  try {
    if (environment.kind !== 'embedded') throw new Error('checkedRun: expected an embedded environment');
    const byReference = new Set<string>();
    const owners = new Map<string, string>();
    const poison = options.poison === true ? poisonReport(options.seed) : undefined;
    // The poison message first: it arrives in the receiver's first batch, among good reports.
    const reports = [...(poison === undefined ? [] : [poison]), ...generateReports(options.seed, options.reports)];
    const run = await startReportRun({
      environment,
      reports,
      seed: options.seed,
      adapter,
      // Which payloads went by reference is Fiks IO's business, not the history's: tapped here.
      onEvent: (entry) => {
        if (entry.source === 'portal' && entry.event.type === 'sent') owners.set(entry.event.meldingId, entry.event.bekymringsmeldingId);
        if (entry.source === 'fiks-io' && entry.event.kind === 'sent' && entry.event.viaDokumentlager) byReference.add(entry.event.meldingId);
      },
    });
    try {
      await run.acceptAll();
      await run.dispatch();
      await run.startPortalConsumer();
      const started = await run.startAdapter();
      await run.waitUntilFinal();
      await options.beforeReadBack?.(environment, started);
      await run.readBack();
    } finally {
      await run.stop();
    }
    const sent = new Map(reports.flatMap((report) => run.sendApi.sentReport(report.bekymringsmeldingId) ?? []).map((report) => [report.bekymringsmeldingId, report]));
    return {
      result: run.check(),
      sent,
      poisonId: poison?.bekymringsmeldingId,
      viaDokumentlager: new Set([...byReference].flatMap((meldingId) => owners.get(meldingId) ?? [])),
    };
  } finally {
    await environment.close();
  }
}

/** Waits until the receiver has no work in hand that can go on without the clock. */
export async function settled(adapter: StartedAdapter): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await nextMacrotask();
    const { inHand, waitingOnClock } = adapter.activity();
    quiet = inHand - waitingOnClock === 0 ? quiet + 1 : 0;
  }
}
