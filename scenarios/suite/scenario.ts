// A scenario, as data (Jepsen's test map): what it checks (the rules, quoted), the workload, the
// fault schedule, and what must hold. The engine (harness/certify) runs it against an adapter in
// an environment with a seed; the history it records from outside is judged by scenarios/checker.
//
// What must hold, by machine: the checker finds the run valid (no report lost, misattributed,
// duplicated, misrouted, wrongly-refused or unanswered; every fault fired, with evidence), and
// every report ends in a verdict the scenario allows — ok, or what the faults allow a correct
// receiver (a poison message refused, an expired message undelivered), or what the scenario adds.
import type { Verdict } from '../checker/verdicts.ts';
import type { FaultName, FaultPlan } from '../faults/fault.ts';
import type { Requirement } from './requirements.ts';

export interface Workload {
  /** Reports, generated from the run's seed and the scenario's id. */
  readonly reports: number;
  /** Sent in this many batches (the faults act between them); 1 unless a fault needs more. */
  readonly batches?: number;
  /** Every `every`-th report (from the first) gets a main text of `characters` characters. */
  readonly longText?: { readonly every: number; readonly characters: number };
  /** Main texts of this length for every other report (a short text makes a small PDF: a fast burst). */
  readonly textLength?: number;
}

/** A schedule drawn from the seed: `count` faults, each from `from`, parameters within the workload. */
export interface RandomFaults {
  /** Faults that make a delivery come again; at most `maxRedelivering` of them (see suite.ts for why). */
  readonly redelivering: readonly FaultName[];
  readonly maxRedelivering: number;
  /** Faults that never make a delivery come again; at most `maxOther`. */
  readonly other: readonly FaultName[];
  readonly maxOther: number;
}

export interface Scenario {
  /** kebab-case; `certify --scenario <id>`. */
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly Requirement[];
  readonly workload: Workload;
  readonly faults: readonly FaultPlan[];
  /** When present, the faults are drawn from the seed instead (and `faults` is ignored). */
  readonly randomFaults?: RandomFaults;
  /** What must hold, in words, for the report. */
  readonly mustHold: readonly string[];
  /** Verdicts besides ok that every report may end in (on top of what the faults allow). */
  readonly alsoAllows?: readonly Verdict[];
}
