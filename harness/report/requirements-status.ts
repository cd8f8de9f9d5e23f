// The report's requirements table: each requirement of the table, which of the run's scenarios
// checked it, and whether it held — not held when any of them failed, no verdict when none failed
// but one could not be judged, not tested when no scenario of this run checked it (a scenario
// that did not apply does not count). Requirements no scenario of the whole suite names are
// listed apart: nothing in ackproof tests them.
import type { Validity } from '../../scenarios/checker/index.ts';
import { REQUIREMENT_TABLE, type Requirement, uncoveredRequirements } from '../../scenarios/suite/requirements.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';

export type RequirementStatus = 'held' | 'not held' | 'no verdict' | 'not tested';

export interface RequirementRow {
  readonly requirement: Requirement;
  /** Scenarios of this run that check it, with their validity. */
  readonly scenarios: readonly { readonly id: string; readonly valid: Validity }[];
  readonly status: RequirementStatus;
}

export function requirementRows(run: readonly { readonly scenario: Scenario; readonly valid: Validity }[]): RequirementRow[] {
  return REQUIREMENT_TABLE.map((requirement) => {
    const scenarios = run
      .filter(({ scenario }) => scenario.requirements.some((named) => named.id === requirement.id))
      .map(({ scenario, valid }) => ({ id: scenario.id, valid }));
    const status: RequirementStatus =
      scenarios.length === 0
        ? 'not tested'
        : scenarios.some(({ valid }) => valid === false)
          ? 'not held'
          : scenarios.some(({ valid }) => valid !== true)
            ? 'no verdict'
            : 'held';
    return { requirement, scenarios, status };
  });
}

/** Requirements no scenario of the suite names. */
export function requirementsNoScenarioCovers(suite: readonly Scenario[]): Requirement[] {
  return uncoveredRequirements(suite);
}
