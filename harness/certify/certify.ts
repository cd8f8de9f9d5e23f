// Certification: every scenario of the suite against one adapter. The adapter is certified only
// when every scenario holds (valid true); one false makes it not certified; otherwise any unknown
// leaves it without a verdict — never certified on "nothing was checked" (Jepsen's merge, with
// DESIGN.md's exit codes: 0 certified, 1 not certified, 3 no verdict).
//
// Scenarios that cannot apply to the receiver (a crash for a `url:` service that ackproof cannot
// kill; applicability.ts) are not run: they are listed as not applicable, with the reason, and
// never count as passed. A certification in which nothing applied has no verdict.
//
// A failing randomized run is shrunk (embedded only: only there does a run replay exactly) and the
// smallest failing schedule is what the report shows, with the command that replays it.
import { type Validity, mergeValidity } from '../../scenarios/checker/index.ts';
import { SUITE } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { type EmbeddedDatabasePool, createEmbeddedDatabasePool } from '../environments/database/index.ts';
import type { EnvironmentKind } from '../environments/run-environment.ts';
import { BlackBoxEnvironmentError } from '../adapters/black-box-adapter.ts';
import type { ReceiverIdentity } from '../adapters/receiver-launcher.ts';
import { applicability } from './applicability.ts';
import { exploreScenario } from './explore.ts';
import { replayCommand } from './replay-command.ts';
import { type RunTarget, type ScenarioResult, runScenario } from './run-scenario.ts';
import type { ScheduleOverride } from './scenario-schedule.ts';
import { DEFAULT_SHRINK_ATTEMPTS, type ShrinkOutcome, shrinkFailure } from './shrink.ts';

export type CertificationVerdict = 'certified' | 'not certified' | 'no verdict';

export interface CertifiedScenario {
  readonly scenario: Scenario;
  readonly result: ScenarioResult;
  /** For a failing randomized run (embedded): the smallest failing schedule found. */
  readonly shrunk?: ShrinkOutcome;
  /** Replays this run: the one that failed first, with the seed. */
  readonly replay: string;
  /** Replays the smallest failing run, when it was shrunk. */
  readonly replaySmallest?: string;
  /** For a scenario explored point by point (a black box's boundaries): which points, out of how many. */
  readonly coverage?: FaultCoverage;
}

/** One fault point of an exhaustive exploration: a boundary or a single fault, at one occurrence. */
export interface ExploredPoint {
  /** e.g. `crash at commit #3`, `database commit-reply-lost #2`. */
  readonly point: string;
  readonly valid: Validity;
  /** Reports in a failing verdict at this point. */
  readonly affectedReports: readonly string[];
  readonly replay: string;
}

export interface FaultCoverage {
  /** Points that exist for this scenario and receiver. */
  readonly points: number;
  readonly explored: readonly ExploredPoint[];
}

/** A scenario the receiver under test cannot be put through (a crash for `url:`): never counted as passed. */
export interface NotApplicableScenario {
  readonly scenario: Scenario;
  /** Why, in one sentence a vendor understands. */
  readonly why: string;
}

export interface Certification {
  /** The receiver under test, as the run's options named it: the adapter's name, its description, and (below) a black box's identity. */
  readonly adapter: string;
  readonly adapterDescription: string;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  readonly verdict: CertificationVerdict;
  readonly valid: Validity;
  readonly scenarios: readonly CertifiedScenario[];
  /** Scenarios of the suite that did not apply to this receiver, by name; they are not passes. */
  readonly notApplicable: readonly NotApplicableScenario[];
  /** Who the receiver under test is (a black box's command, image or URL, and digest). */
  readonly identity?: ReceiverIdentity;
  readonly wallMs: number;
}

export interface CertifyOptions extends RunTarget {
  /** The suite by default. */
  readonly scenarios?: readonly Scenario[];
  /** Runs this schedule instead of the scenario's (for one scenario: a replay of a shrunk run). */
  readonly override?: ScheduleOverride;
  /** Shrink failing randomized runs; embedded only, on by default there. */
  readonly shrink?: boolean;
  readonly shrinkAttempts?: number;
  /** embedded: a pool of the caller's (kept open); otherwise one for this certification. */
  readonly databasePool?: EmbeddedDatabasePool;
  /**
   * Explore each scenario point by point instead of running its schedule (explore.ts): every
   * boundary × occurrence × single fault on `reports` reports; the coverage says which points.
   */
  readonly explore?: { readonly reports?: number; readonly onPoint?: (point: ExploredPoint) => void };
  /** Hears of each scenario as it is done (a command prints progress). */
  readonly onScenario?: (done: CertifiedScenario) => void;
}

export function certificationVerdict(valid: Validity): CertificationVerdict {
  return valid === true ? 'certified' : valid === false ? 'not certified' : 'no verdict';
}

export async function certify(options: CertifyOptions): Promise<Certification> {
  const startedAt = performance.now();
  const scenarios = options.scenarios ?? SUITE;
  if (scenarios.length === 0) throw new RangeError('certify: no scenarios to run; a certification of nothing would be no verdict');
  if (options.override !== undefined && scenarios.length !== 1) throw new RangeError('certify: a schedule of its own (reports, faults) needs exactly one scenario');
  const ownPool = options.environment === 'embedded' && options.databasePool === undefined ? createEmbeddedDatabasePool() : undefined;
  const pool = options.databasePool ?? ownPool;
  const shrink = options.shrink ?? options.environment === 'embedded';
  if (options.adapter.blackBox !== undefined && options.environment !== 'services') {
    throw new BlackBoxEnvironmentError(`certify: adapter ${options.adapter.name} is a black box (a program of its own): it runs only in the services environment, on RabbitMQ and PostgreSQL; use --env services`);
  }
  // Every run of this certification, explored or not, on the same receiver, environment and seed.
  const target: RunTarget = {
    adapter: options.adapter,
    environment: options.environment,
    seed: options.seed,
    ...(pool === undefined ? {} : { databasePool: pool }),
    ...(options.amqpUrl === undefined ? {} : { amqpUrl: options.amqpUrl }),
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
  };
  const done: CertifiedScenario[] = [];
  const notApplicable: NotApplicableScenario[] = [];
  try {
    for (const scenario of scenarios) {
      const applies = applicability({ scenario, adapter: options.adapter, seed: options.seed, ...(options.override === undefined ? {} : { override: options.override }) });
      if (!applies.applies) {
        notApplicable.push({ scenario, why: applies.why });
        continue;
      }
      if (options.explore !== undefined) {
        const { certified } = await exploreScenario({
          ...target,
          scenario,
          ...(options.explore.reports === undefined ? {} : { reports: options.explore.reports }),
          ...(options.explore.onPoint === undefined ? {} : { onPoint: options.explore.onPoint }),
        });
        done.push(certified);
        options.onScenario?.(certified);
        continue;
      }
      const runWith = (override?: ScheduleOverride): Promise<ScenarioResult> =>
        runScenario({ ...target, scenario, ...(override === undefined ? {} : { override }) });
      const result = await runWith(options.override);
      const command = (schedule?: CertifiedScenario['result']['schedule']): string =>
        replayCommand({
          adapter: options.adapter.name,
          scenarioId: scenario.id,
          seed: options.seed,
          environment: options.environment,
          ...(schedule === undefined ? {} : { schedule }),
        });
      let certified: CertifiedScenario = { scenario, result, replay: command(options.override === undefined ? undefined : result.schedule) };
      if (result.valid === false && shrink && scenario.randomFaults !== undefined) {
        const shrunk = await shrinkFailure(result, (schedule) => runWith(schedule), options.shrinkAttempts ?? DEFAULT_SHRINK_ATTEMPTS);
        certified = { ...certified, shrunk, replaySmallest: command(shrunk.smallest) };
      }
      done.push(certified);
      options.onScenario?.(certified);
    }
  } finally {
    await ownPool?.close();
  }
  // Nothing run is nothing checked: no verdict (mergeValidity of nothing is unknown).
  const valid = mergeValidity(...done.map(({ result }) => result.valid));
  return {
    adapter: options.adapter.name,
    adapterDescription: options.adapter.description,
    environment: options.environment,
    seed: options.seed,
    verdict: certificationVerdict(valid),
    valid,
    scenarios: done,
    notApplicable,
    ...(options.adapter.identity === undefined ? {} : { identity: options.adapter.identity }),
    wallMs: Math.round(performance.now() - startedAt),
  };
}
