// One run of N reports through portal → Fiks IO → case system → receipt → portal, in stages a test
// can step through (and put a fault between): accept, dispatch, start the consumers, wait until
// every report is final, read back and summarise. runReports (run-reports.ts) does them in order.
import { type Portal, type DispatchSummary, KS_RETENTION_SINCE_2023, createPortal } from '../../providers/portal/index.ts';
import { type GeneratedReport, generateReports } from '../../scenarios/workloads/index.ts';
import type { RunEnvironment } from '../environments/run-environment.ts';
import { readBackAll } from './read-back-all.ts';
import { type PortalReceiptConsumer, consumePortalReceipts } from './portal-receipt-consumer.ts';
import { type RecordingSendApi, recordingSendApi } from './recording-send-api.ts';
import { type Adapter, type StartedAdapter, ADAPTERS, adapterNamed } from './run-adapters.ts';
import { type HistoryEntry, type RunHistory, createRunHistory } from './run-history.ts';
import { type RunSummary, summarise } from './run-summary.ts';
import { DEFAULT_VIRTUAL_BOUND_MS, type FinalOutcome, type WaitBounds, waitUntilFinalReal, waitUntilFinalVirtual } from './wait-until-final.ts';

/** The portal's Fiks IO account and the case system's, fixed so runs of one seed are identical. */
export const PORTAL_KONTO_ID = '5a0b7e11-9c3d-4f2a-8b6e-70a7a1000001';
export const CASE_SYSTEM_KONTO_ID = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000002';

export interface ReportRunOptions {
  readonly environment: RunEnvironment;
  readonly reports: number;
  /** The workload's seed: which reports are sent. */
  readonly seed: string;
  /** A name in ADAPTERS, or an adapter of the caller's own (a faulty variant in a test). */
  readonly adapter: string | Adapter;
  /** Sees every history entry as it is recorded. */
  readonly onEvent?: (entry: HistoryEntry) => void;
  readonly bounds?: Partial<WaitBounds>;
}

export interface ReportRun {
  readonly reports: readonly GeneratedReport[];
  readonly portal: Portal;
  readonly history: RunHistory;
  readonly sendApi: RecordingSendApi;
  /** The adapter started last; undefined before startAdapter(). */
  adapter(): StartedAdapter | undefined;
  /** The portal takes every report (AKSEPTERT). */
  acceptAll(): Promise<void>;
  /** The portal sends every AKSEPTERT report. */
  dispatch(): Promise<DispatchSummary>;
  /** Consumes the portal's account: each receipt to portal.handleReceipt, then ack. */
  startPortalConsumer(): Promise<void>;
  /**
   * Starts the adapter under test — again after a crash: a new receiver on a new connection. A
   * test may start a different adapter the second time (the reference after a faulty one).
   */
  startAdapter(adapter?: Adapter): Promise<StartedAdapter>;
  waitUntilFinal(): Promise<FinalOutcome>;
  /** Reads back every report and sums the run up; timing runs from startReportRun to here. */
  summarise(outcome: FinalOutcome): Promise<RunSummary>;
  /** Stops the adapter(s) and the portal's consumer. Leaves the environment open. */
  stop(): Promise<void>;
}

export class UnknownAdapterError extends Error {
  override readonly name = 'UnknownAdapterError';
}

export async function startReportRun(options: ReportRunOptions): Promise<ReportRun> {
  const { environment } = options;
  const adapterFactory = typeof options.adapter === 'string' ? adapterNamed(options.adapter) : options.adapter;
  if (adapterFactory === undefined) {
    throw new UnknownAdapterError(`startReportRun: no adapter named ${JSON.stringify(options.adapter)}; the adapters are: ${Object.keys(ADAPTERS).join(', ')}`);
  }
  if (!Number.isSafeInteger(options.reports) || options.reports < 1) throw new RangeError(`startReportRun: reports must be a whole number ≥ 1, got ${String(options.reports)}`);
  const bounds: WaitBounds = {
    virtualMs: options.bounds?.virtualMs ?? DEFAULT_VIRTUAL_BOUND_MS,
    // Generous: a slow machine must not turn a pass into "no answer".
    wallMs: options.bounds?.wallMs ?? 120_000 + 200 * options.reports,
  };
  const startedAt = performance.now();
  const virtualStartMs = environment.clock.now();
  const marks = { prepareMs: 0, dispatchedAt: undefined as number | undefined, deliverMs: 0 };
  const history = createRunHistory(options.onEvent);
  environment.observeFiksIo((event) => history.record({ source: 'fiks-io', event }));
  await environment.simulator.createAccount(PORTAL_KONTO_ID);
  await environment.simulator.createAccount(CASE_SYSTEM_KONTO_ID);
  const sendApi = recordingSendApi(environment.simulator);
  const portal = await createPortal({
    db: environment.portalDb,
    sendApi,
    clock: environment.clock,
    random: environment.random.fork('portal'),
    portalKontoId: PORTAL_KONTO_ID,
    routeTo: () => CASE_SYSTEM_KONTO_ID,
    retention: KS_RETENTION_SINCE_2023,
    onEvent: (event) => history.record({ source: 'portal', event }),
  });
  const reports = generateReports(options.seed, options.reports);
  const adapters: StartedAdapter[] = [];
  let consumer: PortalReceiptConsumer | undefined;

  const busy = (): number => {
    const latest = adapters.at(-1)?.activity();
    return (latest === undefined ? 0 : latest.inHand - latest.waitingOnClock) + (consumer?.inHand() ?? 0);
  };
  const waitingOnClock = (): boolean => (adapters.at(-1)?.activity().waitingOnClock ?? 0) > 0;

  return {
    reports,
    portal,
    history,
    sendApi,
    adapter: () => adapters.at(-1),
    async acceptAll() {
      for (const report of reports) await portal.accept(report);
      marks.prepareMs = performance.now() - startedAt;
    },
    dispatch() {
      marks.dispatchedAt ??= performance.now();
      return portal.dispatch();
    },
    async startPortalConsumer() {
      if (consumer !== undefined) throw new Error('reportRun.startPortalConsumer: the portal consumer runs already');
      consumer = await consumePortalReceipts(environment.transport, environment.simulator.queueFor(PORTAL_KONTO_ID), portal);
    },
    async startAdapter(adapter = adapterFactory) {
      const started = await adapter.start(environment, {
        kontoId: CASE_SYSTEM_KONTO_ID,
        onEvent: (event) => history.record({ source: 'receiver', event }),
      });
      adapters.push(started);
      return started;
    },
    async waitUntilFinal() {
      const outcome =
        environment.kind === 'embedded'
          ? await waitUntilFinalVirtual(portal, reports.length, environment.clock, { busy, waitingOnClock }, bounds)
          : await waitUntilFinalReal(portal, reports.length, environment.clock, { busy }, bounds);
      marks.deliverMs = performance.now() - (marks.dispatchedAt ?? startedAt);
      return outcome;
    },
    async summarise(outcome) {
      const readBackStart = performance.now();
      const adapter = adapters.at(-1);
      if (adapter === undefined) throw new Error('reportRun.summarise: no adapter was started, so there is nothing to read back from; call startAdapter() first');
      const ids = reports.map((report) => report.bekymringsmeldingId);
      const readBacks = await readBackAll(ids, adapter.readBack, (id) => sendApi.sentReport(id));
      const readBackMs = performance.now() - readBackStart;
      const wallMs = performance.now() - startedAt;
      return summarise({
        adapter: adapterFactory.name,
        environment: environment.kind,
        seed: options.seed,
        reportIds: ids,
        sentIds: new Set(ids.filter((id) => sendApi.sentReport(id) !== undefined)),
        sends: sendApi.sendCount(),
        history,
        portalStates: await portal.states(),
        leveredByMottatt: await portal.deliveredByMottatt(),
        readBacks,
        outcome,
        virtualMs: environment.kind === 'embedded' ? environment.clock.now() - virtualStartMs : null,
        timing: {
          wallMs: Math.round(wallMs),
          prepareMs: Math.round(marks.prepareMs),
          deliverMs: Math.round(marks.deliverMs),
          readBackMs: Math.round(readBackMs),
          reportsPerSecond: rate(ids.length, wallMs),
          deliveredPerSecond: rate(ids.length, marks.deliverMs),
        },
      });
    },
    async stop() {
      for (const adapter of adapters) await adapter.stop();
      await consumer?.stop();
    },
  };
}

function rate(count: number, ms: number): number {
  return ms > 0 ? Math.round((count / ms) * 1000 * 10) / 10 : 0;
}
