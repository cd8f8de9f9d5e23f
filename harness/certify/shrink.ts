// Shrinking a failing randomized run to the smallest schedule that still fails (fast-check's
// lesson: show the smallest counterexample, not the first random one). Greedy and deterministic:
// try, in order, dropping each fault, halving the workload, and lowering each parameter (to its
// minimum, then half-way); keep the first change that still fails (valid false), and start over
// from it, until no change fails or the attempts run out. Every candidate is a full replayable
// run, so the smallest one found is replayed exactly by its own command.
import { type FaultPlan, faultPackage } from '../../scenarios/faults/index.ts';
import type { ScenarioResult } from './run-scenario.ts';
import type { ScenarioSchedule } from './scenario-schedule.ts';

export interface ShrinkOutcome {
  /** The schedule of the run that failed first. */
  readonly original: ScenarioSchedule;
  /** The smallest failing schedule found. */
  readonly smallest: ScenarioSchedule;
  /** The run of the smallest schedule. */
  readonly result: ScenarioResult;
  /** Runs tried, failing or not. */
  readonly attempts: number;
}

export const DEFAULT_SHRINK_ATTEMPTS = 40;

function withParam(plan: FaultPlan, name: string, value: number): FaultPlan {
  return { fault: plan.fault, params: { ...plan.params, [name]: value } };
}

/** Smaller schedules than `schedule`, the boldest first. */
function candidates(schedule: ScenarioSchedule): ScenarioSchedule[] {
  const found: ScenarioSchedule[] = [];
  schedule.faults.forEach((_, index) => found.push({ ...schedule, faults: schedule.faults.filter((__, other) => other !== index) }));
  if (schedule.reports > 1) found.push({ ...schedule, reports: Math.ceil(schedule.reports / 2) });
  schedule.faults.forEach((plan, index) => {
    for (const [name, parameter] of Object.entries(faultPackage(plan.fault).parameters)) {
      const value = plan.params?.[name] ?? parameter.default;
      const lower = [...new Set([parameter.min, Math.floor((parameter.min + value) / 2)])].filter((candidate) => candidate < value);
      for (const candidate of lower) {
        found.push({ ...schedule, faults: schedule.faults.map((other, position) => (position === index ? withParam(plan, name, candidate) : other)) });
      }
    }
  });
  return found;
}

export async function shrinkFailure(
  failing: ScenarioResult,
  run: (schedule: ScenarioSchedule) => Promise<ScenarioResult>,
  maxAttempts = DEFAULT_SHRINK_ATTEMPTS,
): Promise<ShrinkOutcome> {
  if (failing.valid !== false) throw new Error(`shrinkFailure: the run of ${failing.scenarioId} did not fail (valid ${String(failing.valid)}), so there is nothing to shrink`);
  let smallest = failing;
  let attempts = 0;
  for (let shrunk = true; shrunk && attempts < maxAttempts; ) {
    shrunk = false;
    for (const candidate of candidates(smallest.schedule)) {
      if (attempts >= maxAttempts) break;
      attempts += 1;
      const result = await run(candidate);
      if (result.valid === false) {
        smallest = result;
        shrunk = true;
        break;
      }
    }
  }
  return { original: failing.schedule, smallest: smallest.schedule, result: smallest, attempts };
}
