// Which scenarios a receiver can be put through. An in-process receiver: every one. A black box
// (cmd:, image:, url:) only those whose faults can reach it from outside:
//
//   - a fault on the receiver's process (a crash, a stop while messages expire) needs a receiver
//     ackproof started and may kill: not a `url:` service;
//   - a fault that acts inside the receiver's process — on its database connection, or on the
//     deliveries its transport hands over — reaches a black box only once the fault proxy
//     (harness/fault-proxy) does the same on the wire. Until a fault has such an implementation it
//     is listed in IN_PROCESS_ONLY with what it needs, and its scenarios do not apply.
//
// A scenario that does not apply is never run and never counted as passed: the certification
// names it, with the reason. Decided on the schedule that would run (a random scenario's drawn
// faults for this seed, a schedule typed on the command line).
import type { FaultName } from '../../scenarios/faults/index.ts';
import { faultPackage } from '../../scenarios/faults/index.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import type { Adapter } from '../run/run-adapters.ts';
import { type ScheduleOverride, scheduleFor } from './scenario-schedule.ts';

/**
 * Faults that act inside the receiver's process, and what of it they need. A black-box
 * implementation of one (at the fault proxy, or at the run's send API) removes it from here.
 */
// None left: every fault of the catalogue now reaches a black box (at the fault proxy, the run's
// send API, or its process). A new fault that cannot yet is listed here with what it needs.
export const IN_PROCESS_ONLY: Partial<Record<FaultName, string>> = {};

export type Applicability = { readonly applies: true } | { readonly applies: false; readonly why: string };

export interface ApplicabilityInput {
  readonly scenario: Scenario;
  readonly adapter: Adapter;
  readonly seed: string;
  readonly override?: ScheduleOverride;
}

export function applicability(input: ApplicabilityInput): Applicability {
  const blackBox = input.adapter.blackBox;
  if (blackBox === undefined) return { applies: true };
  const faults = [...new Set(scheduleFor(input.scenario, input.seed, input.override).faults.map((plan) => plan.fault))];
  const reasons: string[] = [];
  for (const fault of faults) {
    if (!blackBox.canKill && faultPackage(fault).targets === 'receiver process') {
      reasons.push(`${fault} must kill or stop the receiver, and ackproof cannot kill a receiver it did not start (${input.adapter.name})`);
    } else {
      const inside = IN_PROCESS_ONLY[fault];
      if (inside !== undefined) reasons.push(`${fault} acts inside the receiver's process (it ${inside})`);
    }
  }
  return reasons.length === 0 ? { applies: true } : { applies: false, why: `${reasons.join('; ')}.` };
}
