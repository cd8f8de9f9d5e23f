// One scenario, one adapter, one environment, one seed: the run, recorded from outside and judged.
//
//   1. the schedule (scenario-schedule.ts) and the workload (scenario-workload.ts), both from the seed;
//   2. the faults armed: their part wrappers go between the receiver and its database, send API and
//      broker connection, or between the portal and Fiks IO;
//   3. the run: the portal's receipt consumer; the first batch of the workload sent as a backlog,
//      then the receiver started (unless a fault holds it back); the other batches, with the faults'
//      hooks between batches; while it runs, every mottatt that reaches
//      the portal is followed at once by a read-back probe (a mottatt before the commit shows there,
//      even when a redelivery repairs it later);
//   4. wait until every report is final, heal every fault, let the traffic settle (late redeliveries
//      and resends handled), read every report back;
//   5. judge: scenarios/checker on the history (every fault required to have fired), and every
//      report's verdict among those the scenario allows. false > unknown > true.
//
// Embedded: the virtual clock moves only when nothing but the clock can move the run on, so a run
// replays exactly from its seed — the same history, event for event.
import { type CheckResult, type Validity, type Verdict, FINAL_FAILING_VERDICTS, checkHistory, isFailingVerdict, mergeValidity } from '../../scenarios/checker/index.ts';
import type { ArmedFault, FaultNeeds, FaultPackage, FaultRecorder, FaultRuntime } from '../../scenarios/faults/index.ts';
import { faultPackage } from '../../scenarios/faults/index.ts';
import type { HistoryEvent, HistoryEventBody } from '../../scenarios/history/index.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import type { EmbeddedDatabasePool } from '../environments/database/index.ts';
import { type EnvironmentKind, type RunEnvironment, openRunEnvironment } from '../environments/run-environment.ts';
import { BlackBoxEnvironmentError } from '../adapters/black-box-adapter.ts';
import { ReceiverStartError } from '../adapters/receiver-start-error.ts';
import { currentDelivery, outsideDelivery } from '../run/delivery-context.ts';
import { CASE_SYSTEM_KONTO_ID, PORTAL_KONTO_ID, type ReportRun, startReportRun } from '../run/report-run.ts';
import type { Adapter } from '../run/run-adapters.ts';
import { CLOCK_STEP_MS, type FinalOutcome, settleWork } from '../run/wait-until-final.ts';
import { type ScenarioSchedule, type ScheduleOverride, faultId, scheduleFor } from './scenario-schedule.ts';
import { inBatches, scenarioReports, workloadSeed } from './scenario-workload.ts';

/** What every run of a certification shares: the receiver, where it runs, the seed. */
export interface RunTarget {
  readonly adapter: Adapter;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  /** embedded: borrow the databases from this pool (25 ms instead of 5 s). */
  readonly databasePool?: EmbeddedDatabasePool;
  readonly amqpUrl?: string;
  readonly databaseUrl?: string;
}

export interface ScenarioRunOptions extends RunTarget {
  readonly scenario: Scenario;
  /** Runs this schedule instead of the scenario's (a shrunk one, or one typed on the command line). */
  readonly override?: ScheduleOverride;
  /** Real time the run may take before it has no answer; 60 s embedded, 120 s services by default. */
  readonly wallMs?: number;
}

export interface UnexpectedVerdict {
  readonly reportId: string;
  readonly verdict: Verdict;
}

export interface ScenarioResult {
  readonly scenarioId: string;
  readonly title: string;
  readonly adapter: string;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  readonly schedule: ScenarioSchedule;
  readonly valid: Validity;
  /** Why it is false or unknown; empty when it is true. */
  readonly reasons: readonly string[];
  readonly check: CheckResult;
  /** Reports that ended in a verdict that fails no rule by itself but that this scenario does not allow. */
  readonly unexpected: readonly UnexpectedVerdict[];
  readonly allowedVerdicts: readonly Verdict[];
  readonly finished: boolean;
  readonly events: readonly HistoryEvent[];
  readonly wallMs: number;
  /** embedded: virtual time the run took; services: null. */
  readonly virtualMs: number | null;
}

/** How much virtual time a settling step may take before it gives up (a receiver that waits for ever). */
const SETTLE_VIRTUAL_LIMIT_MS = 30 * 60_000;
const SERVICES_POLL_MS = 50;
const SERVICES_SETTLE_LIMIT_MS = 30_000;
/** Beyond the run's own bound: time to wind down before the run is declared hung. */
const GRACE_MS = 15_000;

interface ArmedInRun {
  readonly id: string;
  readonly pkg: FaultPackage;
  readonly armed: ArmedFault;
}

function min(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length === 0 ? undefined : Math.min(...defined);
}

export async function runScenario(options: ScenarioRunOptions): Promise<ScenarioResult> {
  const { scenario, seed } = options;
  const startedAt = performance.now();
  const wallMs = options.wallMs ?? (options.environment === 'embedded' ? 60_000 : 120_000);
  const wallDeadline = startedAt + wallMs;
  const schedule = scheduleFor(scenario, seed, options.override);
  const planned = schedule.faults.map((plan, index) => ({ plan, id: faultId(plan, index), pkg: faultPackage(plan.fault), params: plan.params ?? {} }));
  const needs: FaultNeeds[] = planned.map(({ pkg, params }) => pkg.needs?.(params) ?? {});
  const batches = Math.max(scenario.workload.batches ?? 1, ...needs.map((need) => need.batches ?? 1));
  const reports = scenarioReports(seed, scenario.id, scenario.workload, schedule.reports, needs);
  const threshold = min(needs.map((need) => need.dokumentlagerThresholdBytes));
  const portalTtlMs = min(needs.map((need) => need.portalTtlMs));

  const environment = await openRunEnvironment({
    kind: options.environment,
    seed: workloadSeed(seed, scenario.id),
    ...(options.databasePool === undefined ? {} : { databasePool: options.databasePool }),
    ...(threshold === undefined ? {} : { dokumentlagerThresholdBytes: threshold }),
    ...(options.amqpUrl === undefined ? {} : { amqpUrl: options.amqpUrl }),
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
  });
  const virtualStart = environment.clock.now();
  const harnessProblems: string[] = [];
  let run: ReportRun | undefined;
  let unusable: Error | undefined;
  let outcome: FinalOutcome = { finished: false, reason: 'the run did not get as far as waiting for the reports' };
  try {
    const theRun = (): ReportRun => {
      if (run === undefined) throw new Error('runScenario: a fault acted before the run started');
      return run;
    };
    const owners = new Map<string, string>();
    const listeners: ((event: HistoryEvent) => void)[] = [];
    const probes = new Set<Promise<void>>();
    /** Faults' work beside the run (a crash's kill and restart). */
    const backgroundWork = new Set<Promise<void>>();
    /** Calls held on the clock by faults: the receiver's, by process generation, and the faults' own pauses. */
    const heldCalls = new Map<number, number>();
    let heldOther = 0;
    const caseQueue = environment.simulator.queueFor(CASE_SYSTEM_KONTO_ID);
    const portalQueue = environment.simulator.queueFor(PORTAL_KONTO_ID);

    const passTime = async (ms: number): Promise<void> => {
      if (environment.kind !== 'embedded') return environment.clock.sleep(ms);
      const end = environment.clock.now() + ms;
      while (environment.clock.now() < end) {
        if (!(await settleWork(theRun().activity(), wallDeadline))) throw new Error(`runScenario: work was still in hand after ${wallMs} ms of real time`);
        await environment.clock.advance(Math.min(CLOCK_STEP_MS, end - environment.clock.now()));
      }
      await settleWork(theRun().activity(), wallDeadline);
    };

    const armed: ArmedInRun[] = planned.map(({ id, pkg, params }) => {
      const record = (body: HistoryEventBody): void => {
        theRun().record(body);
      };
      const recorder: FaultRecorder = {
        faultId: id,
        injected: (evidence) => record({ event: 'fault-injected', faultId: id, name: pkg.name, evidence }),
        healed: (evidence) => record({ event: 'fault-healed', faultId: id, name: pkg.name, evidence }),
      };
      const runtime: FaultRuntime = {
        environmentKind: environment.kind,
        clock: environment.clock,
        random: environment.random.fork(`fault ${id}`),
        reportIds: reports.map((report) => report.bekymringsmeldingId),
        currentDelivery,
        reportOf: (meldingId) => owners.get(meldingId),
        crashReceiver: (reason) => theRun().crashAdapter(reason),
        cutReceiverConnection: () => theRun().cutAdapterConnection(),
        stopReceiver: () => theRun().stopAdapter(),
        async startReceiver() {
          await theRun().startAdapter();
          return theRun().receiverProcess()?.generation ?? 0;
        },
        receiverUp: () => theRun().receiverUp(),
        receiverUnacked: () => theRun().receiverUnacked(),
        resend: (reportId) => theRun().portal.resend(reportId),
        caseQueueDepth: () => environment.transport.depth(caseQueue),
        background(work) {
          const running = outsideDelivery(work).catch((error: unknown) => {
            harnessProblems.push(`fault ${id}: ${error instanceof Error ? error.message : String(error)}`);
          });
          backgroundWork.add(running);
          void running.finally(() => backgroundWork.delete(running));
        },
        async hold(ms) {
          // A call of the receiver's that is held is one of its deliveries in hand, waiting on the clock.
          const generation = currentDelivery()?.generation;
          const count = (by: number): void => {
            if (generation === undefined) heldOther += by;
            else heldCalls.set(generation, (heldCalls.get(generation) ?? 0) + by);
          };
          count(1);
          try {
            await environment.clock.sleep(ms);
          } finally {
            count(-1);
          }
        },
        passTime,
        onHistoryEvent: (listener) => {
          listeners.push(listener);
        },
      };
      return { id, pkg, armed: pkg.arm(runtime, recorder, params) };
    });

    run = await startReportRun({
      environment,
      reports,
      seed: workloadSeed(seed, scenario.id),
      adapter: options.adapter,
      parts: armed.flatMap(({ armed: fault }) => (fault.parts === undefined ? [] : [fault.parts])),
      ...(portalTtlMs === undefined ? {} : { portalTtlMs }),
      activity: {
        // Services: a fault's background work is in hand (fault.ts, FaultRuntime.background).
        busy: () => probes.size + (environment.kind === 'services' ? backgroundWork.size : 0),
        heldReceiverCalls: (generation) => heldCalls.get(generation) ?? 0,
        waitingOnClock: () => heldOther + [...heldCalls.values()].reduce((sum, count) => sum + count, 0),
      },
      bounds: { wallMs },
    });
    const started = run;
    started.observeHistory((event) => {
      if (event.event === 'sent') owners.set(event.meldingId, event.reportId);
      for (const listener of listeners) listener(event);
      if (event.event === 'receipt' && event.kind === 'mottatt') probe(started, owners.get(event.svarTil), event.seq, probes);
    });

    const settle = async (quiet: () => Promise<boolean>): Promise<void> => {
      if (environment.kind === 'embedded') {
        const limit = environment.clock.now() + SETTLE_VIRTUAL_LIMIT_MS;
        for (;;) {
          if (!(await settleWork(started.activity(), wallDeadline))) throw new Error(`runScenario: work was still in hand after ${wallMs} ms of real time`);
          if ((await quiet()) || !started.activity().waitingOnClock() || environment.clock.now() >= limit) return;
          await environment.clock.advance(CLOCK_STEP_MS);
        }
      }
      const limit = Math.min(performance.now() + SERVICES_SETTLE_LIMIT_MS, wallDeadline);
      while (!(await quiet()) && performance.now() < limit) await environment.clock.sleep(SERVICES_POLL_MS);
    };
    const caseQueueTaken = async (): Promise<boolean> =>
      !started.receiverUp() || ((await environment.transport.depth(caseQueue)) === 0 && started.activity().busy() === 0 && !started.activity().waitingOnClock());
    const everythingSettled = async (): Promise<boolean> =>
      (await caseQueueTaken()) && (await environment.transport.depth(portalQueue)) === 0 && started.activity().busy() === 0;

    const drive = async (): Promise<void> => {
      await started.startPortalConsumer();
      const heldBack = needs.some((need) => need.holdsReceiverAtStart === true);
      for (const [index, batch] of inBatches(reports, batches).entries()) {
        await started.accept(batch);
        await started.dispatch();
        for (const { armed: fault } of armed) await fault.afterDispatch?.(index + 1);
        // The first batch waits as a backlog (as after a night's outage): the receiver starts
        // with several messages in hand at once, not one at a time as they trickle in.
        if (index === 0 && !heldBack) await started.startAdapter();
        await settle(caseQueueTaken);
        for (const { armed: fault } of armed) await fault.afterBatch?.(index + 1);
      }
      outcome = await started.waitUntilFinal();
      for (const { armed: fault } of armed) await fault.heal();
      // Services: a crash's restart may be under way (killed, not yet started again); starting one
      // here as well would launch a black box twice on one read-back port. Embedded is left as it
      // was: there a restart can wait on the virtual clock, which only settling moves.
      if (environment.kind === 'services') await Promise.allSettled([...backgroundWork]);
      if (!started.receiverUp()) await started.startAdapter();
      await settle(everythingSettled);
      await Promise.allSettled([...probes]);
      await started.readBack();
    };
    // A harness (or receiver) that hangs must still end in a verdict: unknown, with the reason.
    await withinDeadline(drive(), wallDeadline + GRACE_MS - performance.now(), `the run did not end within ${wallMs + GRACE_MS} ms of real time`);
  } catch (error) {
    // A receiver that cannot run at all (never started, or a black box outside services) is the
    // input's fault, not this run's: the caller hears of it after the cleanup below.
    if ((error instanceof ReceiverStartError && error.neverStarted) || error instanceof BlackBoxEnvironmentError) unusable = error;
    harnessProblems.push(`the run broke off, so it has no verdict: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await withinDeadline(run?.stop() ?? Promise.resolve(), GRACE_MS, 'stopping the run took too long').catch((error: unknown) =>
      harnessProblems.push(`stopping the run: ${error instanceof Error ? error.message : String(error)}`),
    );
    await closeQuietly(environment, harnessProblems);
  }
  if (unusable !== undefined) throw unusable;
  const events = run?.history.events() ?? [];
  return judge({
    options,
    schedule,
    planned,
    events,
    reports: reports.length,
    outcome,
    harnessProblems,
    wallMs: Math.round(performance.now() - startedAt),
    virtualMs: options.environment === 'embedded' ? environment.clock.now() - virtualStart : null,
  });
}

/** A read-back asked the moment a mottatt reached the portal, recorded with the seq it answers. */
function probe(run: ReportRun, reportId: string | undefined, askedAfterSeq: number, probes: Set<Promise<void>>): void {
  const adapter = run.adapter();
  if (reportId === undefined || adapter === undefined) return;
  const work = (async () => {
    try {
      const answer = await adapter.readBack.read(reportId);
      run.record(
        answer.found ? { event: 'read-back', reportId, outcome: 'found', readBack: answer.readBack, askedAfterSeq } : { event: 'read-back', reportId, outcome: 'not-found', askedAfterSeq },
      );
    } catch (error) {
      // The receiver asked may have died since (a crash): no answer is no evidence either way.
      run.record({ event: 'read-back', reportId, outcome: 'unknown', error: error instanceof Error ? error.message : String(error), askedAfterSeq });
    }
  })();
  probes.add(work);
  void work.finally(() => probes.delete(work));
}

/** `work`, or a rejection with `why` once `ms` have passed (real time: this guards the harness itself). */
async function withinDeadline<T>(work: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function closeQuietly(environment: RunEnvironment, problems: string[]): Promise<void> {
  try {
    await withinDeadline(environment.close(), GRACE_MS, 'closing the environment took too long');
  } catch (error) {
    problems.push(`closing the environment: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface JudgeInput {
  readonly options: ScenarioRunOptions;
  readonly schedule: ScenarioSchedule;
  readonly planned: readonly { readonly id: string; readonly pkg: FaultPackage }[];
  readonly events: readonly HistoryEvent[];
  readonly reports: number;
  readonly outcome: FinalOutcome;
  readonly harnessProblems: readonly string[];
  readonly wallMs: number;
  readonly virtualMs: number | null;
}

function judge(input: JudgeInput): ScenarioResult {
  const { options, planned } = input;
  const check = checkHistory(input.events, { expectedReports: input.reports, requireFaultsFired: planned.map(({ id }) => id) });
  const allowed = new Set<Verdict>(['ok', ...(options.scenario.alsoAllows ?? []), ...planned.flatMap(({ pkg }) => pkg.allows ?? [])]);
  const unexpected: UnexpectedVerdict[] = Object.values(check.perReport)
    .filter((report) => !isFailingVerdict(report.verdict) && report.verdict !== 'unknown' && !allowed.has(report.verdict))
    .map((report) => ({ reportId: report.reportId, verdict: report.verdict }));
  const valid = mergeValidity(checkedValidity(check, input.outcome.finished), unexpected.length > 0 ? false : true, input.outcome.finished ? true : 'unknown', input.harnessProblems.length > 0 ? 'unknown' : true);
  const reasons = [
    ...input.harnessProblems,
    ...(input.outcome.finished ? [] : [`not every report was final: ${input.outcome.reason}`]),
    ...readBackReasons(input.events, input.reports),
    ...check.reasons,
    ...unexpectedReasons(unexpected, allowed),
  ];
  return {
    scenarioId: options.scenario.id,
    title: options.scenario.title,
    adapter: options.adapter.name,
    environment: options.environment,
    seed: options.seed,
    schedule: input.schedule,
    valid,
    reasons: valid === true ? [] : reasons,
    check,
    unexpected,
    allowedVerdicts: [...allowed],
    finished: input.outcome.finished,
    events: input.events,
    wallMs: input.wallMs,
    virtualMs: input.virtualMs,
  };
}

/**
 * The checker's validity, for a run that may not have finished: a failure that something later
 * could still have repaired (a report not yet answered when the run stopped) is unknown there, not
 * false; a final failure fails it all the same.
 */
export function checkedValidity(check: CheckResult, finished: boolean): Validity {
  if (check.valid !== false || finished) return check.valid;
  const failsForGood = FINAL_FAILING_VERDICTS.some((verdict) => check.counts[verdict] > 0) || check.misattributedReceipts.some((receipt) => receipt.why === 'unknown-svar-til');
  return failsForGood ? false : 'unknown';
}

/**
 * The final read-back gave no usable answer (the case system's read-back API failed, or answered
 * something that breaks its contract): what it stored is unknown, and the message says why —
 * never a pass, and never read as "not stored" either.
 */
function readBackReasons(events: readonly HistoryEvent[], reports: number): string[] {
  const failed = events.filter((event) => event.event === 'read-back' && event.outcome === 'unknown' && event.askedAfterSeq === undefined);
  const [first] = failed;
  if (first === undefined || first.event !== 'read-back') return [];
  return [`the read-back API gave no usable answer for ${failed.length} of ${reports} reports, so what the case system stored is unknown; the first: ${first.error ?? '(no error recorded)'}`];
}

function unexpectedReasons(unexpected: readonly UnexpectedVerdict[], allowed: ReadonlySet<Verdict>): string[] {
  const byVerdict = new Map<Verdict, string[]>();
  for (const { reportId, verdict } of unexpected) byVerdict.set(verdict, [...(byVerdict.get(verdict) ?? []), reportId]);
  return [...byVerdict].map(
    ([verdict, ids]) => `${ids.length} report(s) ended ${verdict}, which this scenario does not allow (only ${[...allowed].join(', ')}): ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`,
  );
}
