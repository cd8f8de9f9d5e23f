// What one run of a scenario actually does: how many reports, and which faults with which
// parameters. The scenario's own schedule, or one drawn from the seed (the random scenario), or
// one given from outside (a shrunk schedule, `--reports`/`--faults` on the command line).
import { type FaultPlan, faultPackage, resolveParams } from '../../scenarios/faults/index.ts';
import { randomSchedule } from '../../scenarios/suite/random-schedule.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { seededRandom } from '../../scenarios/workloads/index.ts';

export interface ScenarioSchedule {
  readonly reports: number;
  /** Every parameter spelled out, so the schedule says exactly what ran. */
  readonly faults: readonly FaultPlan[];
}

export interface ScheduleOverride {
  readonly reports?: number;
  readonly faults?: readonly FaultPlan[];
}

export function scheduleFor(scenario: Scenario, seed: string, override: ScheduleOverride = {}): ScenarioSchedule {
  const reports = override.reports ?? scenario.workload.reports;
  if (!Number.isSafeInteger(reports) || reports < 1) throw new RangeError(`scheduleFor: reports must be a whole number ≥ 1, got ${String(reports)}`);
  const plans =
    override.faults ??
    (scenario.randomFaults === undefined ? scenario.faults : randomSchedule(seededRandom(`${seed}/${scenario.id}/faults`), scenario.workload.reports, scenario.randomFaults));
  return { reports, faults: plans.map((plan) => ({ fault: plan.fault, params: resolveParams(faultPackage(plan.fault), plan.params) })) };
}

/** A fault's id in a run: its name, numbered by its place in the schedule. */
export function faultId(plan: FaultPlan, index: number): string {
  return `${plan.fault}#${index + 1}`;
}
