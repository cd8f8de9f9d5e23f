// Exhaustive single-fault exploration of one scenario's workload (a few reports) against one
// receiver: a fault-free run first, to count the boundaries; then one run for every fault point
// (explore-points.ts) — every boundary, every occurrence, every single fault there. The result
// is a CertifiedScenario whose coverage lists each point explored, its validity, the reports it
// affected and the command that replays it, out of the points that exist. A point whose fault
// cannot reach the receiver (a crash of a `url:` service) exists but is not explored: the
// coverage says so, and it is never counted as passed.
//
// Commits cannot be counted from outside the history; the crash at commit #k is run for k = 1, 2,
// … until one finds no commit #k to crash at: that run is the proof of the count, not a point.
import { isFailingVerdict, mergeValidity } from '../../scenarios/checker/index.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import type { EmbeddedDatabasePool } from '../environments/database/index.ts';
import type { EnvironmentKind } from '../environments/run-environment.ts';
import type { Adapter } from '../run/run-adapters.ts';
import { applicability } from './applicability.ts';
import type { CertifiedScenario, ExploredPoint, FaultCoverage } from './certify.ts';
import { BOUNDARIES, type Boundary, type FaultPoint, boundaryCounts, pointsAt } from './explore-points.ts';
import { replayCommand } from './replay-command.ts';
import { type ScenarioResult, runScenario } from './run-scenario.ts';

/** Small on purpose: every point is a run of its own. */
export const DEFAULT_EXPLORE_REPORTS = 3;
/** A receiver that commits more than this per report is explored up to here (and the coverage says so). */
const MAX_COMMITS_PER_REPORT = 4;

export interface ExploreOptions {
  readonly scenario: Scenario;
  readonly adapter: Adapter;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  readonly reports?: number;
  readonly databasePool?: EmbeddedDatabasePool;
  readonly amqpUrl?: string;
  readonly databaseUrl?: string;
  /** Hears of each point once it ran. */
  readonly onPoint?: (point: ExploredPoint) => void;
}

export interface Exploration {
  readonly certified: CertifiedScenario;
  readonly baseline: ScenarioResult;
  /** Every point that exists, explored or not. */
  readonly points: readonly FaultPoint[];
  /** The result of each explored point, in the order run. */
  readonly results: readonly { readonly point: FaultPoint; readonly result: ScenarioResult }[];
}

export async function exploreScenario(options: ExploreOptions): Promise<Exploration> {
  const reports = options.reports ?? DEFAULT_EXPLORE_REPORTS;
  const startedAt = performance.now();
  const run = (faults: readonly FaultPoint['plan'][]): Promise<ScenarioResult> =>
    runScenario({
      scenario: options.scenario,
      adapter: options.adapter,
      environment: options.environment,
      seed: options.seed,
      override: { reports, faults },
      ...(options.databasePool === undefined ? {} : { databasePool: options.databasePool }),
      ...(options.amqpUrl === undefined ? {} : { amqpUrl: options.amqpUrl }),
      ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    });
  const applies = (point: FaultPoint): boolean =>
    applicability({ scenario: options.scenario, adapter: options.adapter, seed: options.seed, override: { reports, faults: [point.plan] } }).applies;

  const baseline = await run([]);
  const counts = boundaryCounts(baseline.events);
  const points: FaultPoint[] = [];
  const results: { point: FaultPoint; result: ScenarioResult }[] = [];
  const explored: ExploredPoint[] = [];
  /** Runs the point, or records the run it already had (the commit count's probe). */
  const explore = async (point: FaultPoint, ran?: ScenarioResult): Promise<ScenarioResult> => {
    const result = ran ?? (await run([point.plan]));
    results.push({ point, result });
    const done: ExploredPoint = {
      point: point.label,
      valid: result.valid,
      affectedReports: affected(result),
      replay: replayCommand({ adapter: options.adapter.name, scenarioId: options.scenario.id, seed: options.seed, environment: options.environment, schedule: result.schedule }),
    };
    explored.push(done);
    options.onPoint?.(done);
    return result;
  };

  for (const boundary of BOUNDARIES) {
    if (boundary !== 'commit') {
      for (let occurrence = 1; occurrence <= counts[boundary]; occurrence += 1) {
        for (const point of pointsAt(boundary, occurrence)) {
          points.push(point);
          if (applies(point)) await explore(point);
        }
      }
      continue;
    }
    await exploreCommits(reports * MAX_COMMITS_PER_REPORT, points, applies, explore, run);
  }

  const valid = mergeValidity(baseline.valid, ...explored.map((point) => point.valid));
  const coverage: FaultCoverage = { points: points.length, explored };
  // The run the report shows: the first whose validity is the exploration's (a failing point, if any).
  const shown = results.find(({ result }) => result.valid === valid)?.result ?? baseline;
  const reasons = explored.filter((point) => point.valid !== true).map((point) => `${point.point}: ${point.valid === false ? 'fails' : 'no verdict'}${point.affectedReports.length > 0 ? ` (${point.affectedReports.join(', ')})` : ''}`);
  const certified: CertifiedScenario = {
    scenario: options.scenario,
    result: { ...shown, valid, wallMs: Math.round(performance.now() - startedAt), reasons: valid === true ? [] : [...(baseline.valid === true ? [] : ['the fault-free run itself does not hold', ...baseline.reasons]), ...reasons, ...(shown === baseline ? [] : shown.reasons)] },
    replay: explored.find((point) => point.valid === valid)?.replay ?? replayCommand({ adapter: options.adapter.name, scenarioId: options.scenario.id, seed: options.seed, environment: options.environment, schedule: baseline.schedule }),
    coverage,
  };
  return { certified, baseline, points, results };
}

/**
 * Commit #1, #2, … until a crash (or, where a crash cannot apply, the first commit fault that
 * can) finds no such commit. The last, fault-less run counts nothing.
 */
async function exploreCommits(
  limit: number,
  points: FaultPoint[],
  applies: (point: FaultPoint) => boolean,
  explore: (point: FaultPoint, ran?: ScenarioResult) => Promise<ScenarioResult>,
  run: (faults: readonly FaultPoint['plan'][]) => Promise<ScenarioResult>,
): Promise<void> {
  const boundary: Boundary = 'commit';
  for (let occurrence = 1; occurrence <= limit; occurrence += 1) {
    const candidates = pointsAt(boundary, occurrence);
    const probe = candidates.find(applies);
    if (probe === undefined) return;
    // The probe is a point's own run when the point is there: it costs nothing extra.
    const probed = await run([probe.plan]);
    if (!fired(probed)) return;
    for (const point of candidates) {
      points.push(point);
      if (point === probe) await explore(point, probed);
      else if (applies(point)) await explore(point);
    }
  }
}

function fired(result: ScenarioResult): boolean {
  return result.events.some((event) => event.event === 'fault-injected');
}

/** The reports in a failing verdict, or in one the scenario does not allow. */
function affected(result: ScenarioResult): string[] {
  const failing = Object.values(result.check.perReport)
    .filter((report) => isFailingVerdict(report.verdict))
    .map((report) => report.reportId);
  return [...new Set([...failing, ...result.unexpected.map((report) => report.reportId)])].sort();
}
