// One run of N reports through portal → Fiks IO → case system → receipt → portal, in stages a test
// or a scenario can step through (and put a fault between): accept, dispatch, start the consumers,
// wait until every report is final, read back, check and summarise. runReports (run-reports.ts)
// does them in order.
//
// The run keeps ONE history (scenarios/history), recorded from outside the case system: the
// portal's events, Fiks IO's, what the broker delivered to the receiver and saw acked, what was
// submitted, the faults, and the final read-back. scenarios/checker judges it. The receiver's own
// events go only to the onEvent tap, for people watching; nothing is judged on them.
//
// The receiver runs as "processes" (receiver-process.ts): each start is a new generation with its
// own view of the database, send API and broker, which the run can kill at any instant (a crash)
// or cut off from the broker (a lost connection), whatever the receiver is built from.
import type { Portal, DispatchSummary } from '../../providers/portal/index.ts';
import { KS_RETENTION_SINCE_2023, createPortal } from '../../providers/portal/index.ts';
import { type CheckResult, checkHistory } from '../../scenarios/checker/index.ts';
import {
  type History,
  type HistoryEvent,
  type HistoryEventBody,
  createHistory,
  fromFiksIoEvent,
  fromPortalEvent,
  recordDeliveries,
  reportSubmitted,
} from '../../scenarios/history/index.ts';
import { type GeneratedReport, keptReport, reportsMadeOnRead } from '../../scenarios/workloads/index.ts';
import type { RunEnvironment } from '../environments/run-environment.ts';
import type { PartyEvent } from './party-event-tap.ts';
import { type ReportReadBack, readBackAll } from './read-back-all.ts';
import { type PortalReceiptConsumer, consumePortalReceipts } from './portal-receipt-consumer.ts';
import { type ReceiverProcess, startReceiverProcess } from './receiver-process.ts';
import { type RecordingSendApi, recordingSendApi } from './recording-send-api.ts';
import { type Adapter, type RunScope, type StartedAdapter, ADAPTERS, adapterNamed } from './run-adapters.ts';
import { type RunPartWrappers, composePartWrappers } from './run-parts.ts';
import { type RunSummary, summarise } from './run-summary.ts';
import { DEFAULT_VIRTUAL_BOUND_MS, type FinalOutcome, type RunActivity, type WaitBounds, waitUntilFinalReal, waitUntilFinalVirtual } from './wait-until-final.ts';

/** The portal's Fiks IO account and the case system's, fixed so runs of one seed are identical. */
export const PORTAL_KONTO_ID = '5a0b7e11-9c3d-4f2a-8b6e-70a7a1000001';
export const CASE_SYSTEM_KONTO_ID = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000002';

/**
 * Sends the portal keeps in flight against the real broker: enough to overlap the send API's
 * answer, the broker's confirm and the commit of many reports at once. Embedded runs send one at
 * a time, in accept order, so that a seed replays exactly.
 */
export const SERVICES_CONCURRENT_SENDS = 32;

export interface ReportRunOptions {
  readonly environment: RunEnvironment;
  /** How many reports (generated from `seed`), or the reports themselves. */
  readonly reports: number | readonly GeneratedReport[];
  /** The workload's seed: which reports are sent. */
  readonly seed: string;
  /** A name in ADAPTERS, or an adapter of the caller's own (a faulty variant in a test). */
  readonly adapter: string | Adapter;
  /** Sees every party's own events as they happen (the receiver's too). A tap: never judged. */
  readonly onEvent?: (entry: PartyEvent) => void;
  readonly bounds?: Partial<WaitBounds>;
  /** Faults between the parties. */
  readonly parts?: RunPartWrappers | readonly RunPartWrappers[];
  /** The portal's Fiks IO TTL in ms; by default the time left until the report's deadline. */
  readonly portalTtlMs?: number;
  /** Work the run must wait for besides the receiver's and the portal's (a fault holding a call). */
  readonly activity?: ExtraActivity;
}

export interface ExtraActivity {
  /** Work in hand besides the receiver's and the portal's that can go on without the clock moving. */
  busy(): number;
  /**
   * Calls of receiver process `generation` held until the clock moves (a hung commit, a slow
   * send): each is one of its deliveries in hand.
   */
  heldReceiverCalls(generation: number): number;
  /** Anything at all waiting on the clock (held calls, a fault's own pause). */
  waitingOnClock(): number;
}

/** What a crash or a lost connection hit. */
export interface ReceiverHit {
  readonly generation: number;
  /** melding-ids the receiver held unacked at that instant. */
  readonly unacked: readonly string[];
}

export interface ReportRun {
  readonly reports: readonly GeneratedReport[];
  readonly portal: Portal;
  /** The run's history, as recorded so far. */
  readonly history: History;
  readonly sendApi: RecordingSendApi;
  /** Appends to the history (a fault's injected/healed events, a probe's read-back). */
  record(event: HistoryEventBody): HistoryEvent;
  /** Every event appended from now on goes to listener too, after it was appended. */
  observeHistory(listener: (event: HistoryEvent) => void): void;
  /** The adapter started last; undefined before startAdapter(). */
  adapter(): StartedAdapter | undefined;
  /** The receiver process started last (alive or not). */
  receiverProcess(): ReceiverProcess | undefined;
  /** The portal takes every report (AKSEPTERT). */
  acceptAll(): Promise<void>;
  /** The portal takes these reports (a batch of the workload). */
  accept(reports: readonly GeneratedReport[]): Promise<void>;
  /** The portal sends every AKSEPTERT report. */
  dispatch(): Promise<DispatchSummary>;
  /** Consumes the portal's account: each receipt to portal.handleReceipt, then ack. */
  startPortalConsumer(): Promise<void>;
  /**
   * Starts the adapter under test as a new receiver process — again after a crash or a stop: a
   * new generation on a new connection, the same database. A test may start a different adapter
   * the second time (the reference after a faulty one).
   */
  startAdapter(adapter?: Adapter): Promise<StartedAdapter>;
  /** The receiver process dies at once (receiver-process.ts); resolves once it is gone. Not restarted. */
  crashAdapter(reason: string): Promise<ReceiverHit>;
  /** The receiver loses its broker connection (it lives on); resolves once the channels are closed. */
  cutAdapterConnection(): Promise<ReceiverHit>;
  /** Stops the current receiver the orderly way (unacked messages go back). */
  stopAdapter(): Promise<void>;
  /** Is a receiver process alive? */
  receiverUp(): boolean;
  /** melding-ids the live receiver holds unacked now (in its guarded transport, or seen at a black box's broker proxy). */
  receiverUnacked(): string[];
  /** The run's work in hand, for a driver of the virtual clock. */
  activity(): RunActivity;
  waitUntilFinal(): Promise<FinalOutcome>;
  /** Reads every report back from the case system (the last adapter started) and records the answers. */
  readBack(): Promise<readonly ReportReadBack[]>;
  /** scenarios/checker on the history so far. */
  check(): CheckResult;
  /** Reads back (unless done) and sums the run up; timing runs from startReportRun to here. */
  summarise(outcome: FinalOutcome): Promise<RunSummary>;
  /** Stops the adapter(s) and the portal's consumer. Leaves the environment open. */
  stop(): Promise<void>;
}

export class UnknownAdapterError extends Error {
  override readonly name = 'UnknownAdapterError';
}

interface Generation {
  readonly process: ReceiverProcess;
  /** The adapter this generation runs. */
  readonly factory: Adapter;
  /** Resolves once the adapter started; deliveries may reach the process before that. */
  readonly starting: Promise<StartedAdapter>;
  adapter: StartedAdapter | undefined;
  /** What it holds unsettled as seen from outside (a black box's broker proxy), from before it is ready. */
  readonly unackedSeenOutside: () => string[];
  /** Set by the first stop; resolves once the adapter stopped (its work in hand settled). */
  stopping: Promise<void> | undefined;
  stopped: boolean;
}

export async function startReportRun(options: ReportRunOptions): Promise<ReportRun> {
  const { environment } = options;
  const adapterFactory = typeof options.adapter === 'string' ? adapterNamed(options.adapter) : options.adapter;
  if (adapterFactory === undefined) {
    throw new UnknownAdapterError(`startReportRun: no adapter named ${JSON.stringify(options.adapter)}; the adapters are: ${Object.keys(ADAPTERS).join(', ')}`);
  }
  const reportCount = typeof options.reports === 'number' ? options.reports : options.reports.length;
  if (!Number.isSafeInteger(reportCount) || reportCount < 1) throw new RangeError(`startReportRun: reports must be a whole number ≥ 1, got ${String(reportCount)}`);
  const bounds: WaitBounds = {
    virtualMs: options.bounds?.virtualMs ?? DEFAULT_VIRTUAL_BOUND_MS,
    // Generous: a slow machine must not turn a pass into "no answer".
    wallMs: options.bounds?.wallMs ?? 120_000 + 200 * reportCount,
  };
  const parts = composePartWrappers(options.parts === undefined ? [] : Array.isArray(options.parts) ? (options.parts as readonly RunPartWrappers[]) : [options.parts as RunPartWrappers]);
  const tap = options.onEvent ?? (() => undefined);
  const startedAt = performance.now();
  const virtualStartMs = environment.clock.now();
  const marks = { prepareMs: 0, dispatchedAt: undefined as number | undefined, deliverMs: 0 };

  const history = createHistory(environment.clock);
  const historyListeners: ((event: HistoryEvent) => void)[] = [];
  const owners = new Map<string, string>();
  const record = (body: HistoryEventBody): HistoryEvent => {
    if (body.event === 'sent') owners.set(body.meldingId, body.reportId);
    const event = history.append(body);
    for (const listener of historyListeners) listener(event);
    return event;
  };
  const recordIfKept = (body: HistoryEventBody | undefined): void => {
    if (body !== undefined) record(body);
  };
  environment.observeFiksIo((event) => {
    tap({ source: 'fiks-io', event });
    recordIfKept(fromFiksIoEvent(event));
  });
  await environment.simulator.createAccount(PORTAL_KONTO_ID);
  await environment.simulator.createAccount(CASE_SYSTEM_KONTO_ID);
  const caseQueue = environment.simulator.queueFor(CASE_SYSTEM_KONTO_ID);
  const sendApi = recordingSendApi(parts.portalSendApi?.(environment.simulator) ?? environment.simulator, (sent) =>
    record(reportSubmitted(sent, { keepContent: true })),
  );
  const portal = await createPortal({
    db: environment.portalDb,
    sendApi,
    clock: environment.clock,
    random: environment.random.fork('portal'),
    portalKontoId: PORTAL_KONTO_ID,
    routeTo: () => CASE_SYSTEM_KONTO_ID,
    retention: KS_RETENTION_SINCE_2023,
    concurrentSends: environment.kind === 'services' ? SERVICES_CONCURRENT_SENDS : 1,
    ...(options.portalTtlMs === undefined ? {} : { ttlMs: options.portalTtlMs }),
    onEvent: (event) => {
      tap({ source: 'portal', event });
      recordIfKept(fromPortalEvent(event));
    },
  });
  // Held for the whole run, so held small (scenarios/workloads/kept-report.ts), each as it is made.
  const reports = typeof options.reports === 'number' ? reportsMadeOnRead(options.seed, options.reports) : options.reports.map(keptReport);
  const caseDb = parts.caseDb?.(environment.caseDb) ?? environment.caseDb;
  const receiptSendApi = parts.receiptSendApi?.(environment.sendApi) ?? environment.sendApi;
  const generations: Generation[] = [];
  const pending = new Set<Promise<unknown>>();
  let consumer: PortalReceiptConsumer | undefined;
  let readBacks: readonly ReportReadBack[] | undefined;

  // Work the run started on the receiver's behalf (a crash, a start) counts as work in hand.
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.then(
      () => pending.delete(work),
      () => pending.delete(work),
    );
    return work;
  };
  const current = (): Generation | undefined => generations.at(-1);
  // A black box's unsettled deliveries are seen at the fault proxy, an in-process receiver's at its guarded transport.
  const unackedBy = (generation: Generation): string[] => [...new Set([...generation.process.unacked(), ...generation.unackedSeenOutside()])];
  const hit = (generation: Generation): ReceiverHit => ({ generation: generation.process.generation, unacked: unackedBy(generation) });
  const runScope = createRunScope();
  // A receiver that dies by itself (not by the run's hand) ends the wait: nothing more will happen.
  let receiverDied: (why: string) => void = () => undefined;
  const died = new Promise<never>((_, reject) => {
    receiverDied = (why) => reject(new Error(why));
  });
  died.catch(() => undefined);

  // Every receiver process whose work has not settled counts, the current one and any that is
  // stopping or died: a stop waits for that work, and the clock must move for what of it waits on
  // the clock. Only the start, kill and cut of a process are tracked as work of their own.
  const settling = (): Generation[] => generations.filter((generation) => generation.adapter !== undefined && !generation.stopped);
  const stopGeneration = (generation: Generation): Promise<void> => {
    generation.stopping ??= generation.starting
      .then((started) => started.stop())
      .catch(() => undefined)
      .then(() => {
        generation.stopped = true;
      });
    return generation.stopping;
  };
  const activity: RunActivity = {
    busy() {
      let receivers = 0;
      for (const generation of settling()) {
        const receiver = generation.adapter?.activity() ?? { inHand: 0, waitingOnClock: 0 };
        const held = options.activity?.heldReceiverCalls(generation.process.generation) ?? 0;
        receivers += Math.max(0, receiver.inHand - receiver.waitingOnClock - held);
      }
      return receivers + (consumer?.inHand() ?? 0) + pending.size + (options.activity?.busy() ?? 0);
    },
    waitingOnClock() {
      const receiverWaits = settling().reduce((sum, generation) => sum + (generation.adapter?.activity().waitingOnClock ?? 0), 0);
      return receiverWaits + (options.activity?.waitingOnClock() ?? 0) > 0;
    },
  };

  const run: ReportRun = {
    reports,
    portal,
    history,
    sendApi,
    record,
    observeHistory(listener) {
      historyListeners.push(listener);
    },
    adapter: () => generations.findLast((generation) => generation.adapter !== undefined)?.adapter,
    receiverProcess: () => current()?.process,
    async acceptAll() {
      await run.accept(reports);
    },
    async accept(batch) {
      for (const report of batch) await portal.accept(report);
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
    startAdapter(adapter = adapterFactory) {
      const process = startReceiverProcess(generations.length + 1, {
        environment,
        caseDb,
        sendApi: receiptSendApi,
        wrapTransport: (raw) => {
          const recorded = recordDeliveries(raw, record, { queues: [caseQueue] });
          return parts.receiverTransport?.(recorded) ?? recorded;
        },
      });
      let seenOutside = (): string[] => [];
      // The process is current from here: the broker may hand it deliveries while it starts.
      const starting = adapter.start(process.environment, {
        kontoId: CASE_SYSTEM_KONTO_ID,
        onEvent: (event) => tap({ source: 'receiver', event }),
        generation: process.generation,
        reportOf: (meldingId: string) => owners.get(meldingId),
        // A black box's deliveries and acks, seen at the broker proxy: recorded as recordDeliveries would.
        recordBroker: (observation) => record(observation),
        runScope,
        ...(parts.receiverProxies === undefined ? {} : { onProxies: parts.receiverProxies }),
        watchUnacked: (unacked) => {
          seenOutside = unacked;
        },
      });
      const generation: Generation = { process, factory: adapter, starting, adapter: undefined, unackedSeenOutside: () => seenOutside(), stopping: undefined, stopped: false };
      generations.push(generation);
      return track(
        starting.then((started) => {
          generation.adapter = started;
          void started.died?.then((why) => {
            if (generation.stopping === undefined && generation.process.alive()) {
              // Dead for the run too: nothing waits for it to take its queue any more.
              void generation.process.kill(why);
              receiverDied(why);
            }
          });
          return started;
        }),
      );
    },
    crashAdapter(reason) {
      const latest = current();
      if (latest === undefined || !latest.process.alive()) return Promise.reject(new Error('reportRun.crashAdapter: no receiver process is alive to crash; start one first'));
      if (latest.factory.blackBox?.canKill === false) {
        return Promise.reject(new Error(`reportRun.crashAdapter: ${adapterFactory.name} was not started by ackproof, so it cannot be killed; a scenario that crashes it does not apply`));
      }
      const unacked = unackedBy(latest);
      return (async () => {
        // Dead from this instant: every call it still makes fails. Its channels go first (on
        // RabbitMQ its connection is cut; closing channels while the cut is under way would wait
        // for answers that never come); then its timers and work in hand are ended.
        await track(latest.process.kill(reason));
        await stopGeneration(latest);
        return { generation: latest.process.generation, unacked };
      })();
    },
    cutAdapterConnection() {
      const latest = current();
      if (latest === undefined || !latest.process.alive()) return Promise.reject(new Error('reportRun.cutAdapterConnection: no receiver process is alive; start one first'));
      const before = hit(latest);
      return track(latest.process.cut().then(() => before));
    },
    stopAdapter() {
      const latest = current();
      return latest === undefined ? Promise.resolve() : stopGeneration(latest);
    },
    receiverUp: () => current()?.process.alive() === true,
    receiverUnacked() {
      const latest = current();
      return latest?.process.alive() === true ? unackedBy(latest) : [];
    },
    activity: () => activity,
    async waitUntilFinal() {
      const outcome =
        environment.kind === 'embedded'
          ? await waitUntilFinalVirtual(portal, reports.length, environment.clock, activity, bounds)
          : await Promise.race([waitUntilFinalReal(portal, reports.length, environment.clock, activity, bounds), died]);
      marks.deliverMs = performance.now() - (marks.dispatchedAt ?? startedAt);
      return outcome;
    },
    async readBack() {
      const latest = generations.findLast((generation) => generation.adapter !== undefined && generation.process.alive())?.adapter ?? run.adapter();
      if (latest === undefined) throw new Error('reportRun.readBack: no adapter was started, so there is nothing to read back from; call startAdapter() first');
      const ids = reports.map((report) => report.bekymringsmeldingId);
      const results = await readBackAll(ids, latest.readBack, (id) => sendApi.sentReport(id), (id, stored) => history.keepReadBack(id, stored));
      // In report order, whatever order the answers came in: the history of a seed is one history.
      for (const result of results) {
        const reportId = result.bekymringsmeldingId;
        const answer = result.answer;
        if (answer === undefined) continue;
        if (answer.found === true) record({ event: 'read-back', reportId, outcome: 'found', readBack: answer.readBack });
        else if (answer.found === false) record({ event: 'read-back', reportId, outcome: 'not-found' });
        else record({ event: 'read-back', reportId, outcome: 'unknown', error: answer.error });
      }
      readBacks = results;
      return results;
    },
    check: () => checkHistory(history.events(), { expectedReports: reports.length }),
    async summarise(outcome) {
      const readBackStart = performance.now();
      const results = readBacks ?? (await run.readBack());
      const readBackMs = performance.now() - readBackStart;
      const wallMs = performance.now() - startedAt;
      const ids = reports.map((report) => report.bekymringsmeldingId);
      return summarise({
        adapter: adapterFactory.name,
        environment: environment.kind,
        seed: options.seed,
        reportIds: ids,
        sentIds: new Set(ids.filter((id) => sendApi.sentReport(id) !== undefined)),
        sends: sendApi.sendCount(),
        events: history.events(),
        check: run.check(),
        portalStates: await portal.states(),
        leveredByMottatt: await portal.deliveredByMottatt(),
        readBacks: results,
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
      await Promise.allSettled([...pending]);
      for (const generation of generations) await stopGeneration(generation);
      await consumer?.stop();
      await runScope.close();
    },
  };
  return run;
}

/** The run's shared resources (a black box's proxies and send API), opened once, closed in reverse when the run stops. */
function createRunScope(): RunScope & { close(): Promise<void> } {
  const opened = new Map<string, Promise<unknown>>();
  const closers: (() => Promise<void>)[] = [];
  return {
    once<T>(key: string, open: () => Promise<T>, close: (value: T) => Promise<void>): Promise<T> {
      let value = opened.get(key) as Promise<T> | undefined;
      if (value === undefined) {
        value = open();
        opened.set(key, value);
        const settled = value;
        closers.push(async () => close(await settled));
        // A failed open is not kept: the next start tries again.
        value.catch(() => opened.delete(key));
      }
      return value;
    },
    async close() {
      const all = closers.splice(0).reverse();
      opened.clear();
      for (const closer of all) await closer().catch(() => undefined);
    },
  };
}

function rate(count: number, ms: number): number {
  return ms > 0 ? Math.round((count / ms) * 1000 * 10) / 10 : 0;
}
