// A fault schedule drawn from a seed, for the randomized multi-fault scenario: a few faults at
// once, each with parameters drawn within the workload (the nth commit of a 16-report run is at
// most the 16th). The same seed draws the same schedule on every machine.
import { faultPackage } from '../faults/index.ts';
import type { FaultParameter, FaultPlan } from '../faults/fault.ts';
import type { Random } from '../workloads/random.ts';
import type { RandomFaults } from './scenario.ts';

function draw(random: Random, parameter: FaultParameter, reports: number): number {
  switch (parameter.kind) {
    case 'occurrence':
      return random.int(Math.max(1, parameter.min), Math.max(parameter.min, reports));
    case 'count':
      return random.int(Math.max(1, parameter.min), Math.max(parameter.min, 3));
    case 'duration-ms':
      return random.int(1, 30) * 100;
    case 'bytes':
    case 'period':
      return parameter.default;
  }
}

function plan(random: Random, name: FaultPlan['fault'], reports: number): FaultPlan {
  const pkg = faultPackage(name);
  const params = Object.fromEntries(Object.entries(pkg.parameters).map(([param, parameter]) => [param, draw(random, parameter, reports)]));
  return { fault: name, params };
}

export function randomSchedule(random: Random, reports: number, spec: RandomFaults): FaultPlan[] {
  const plans: FaultPlan[] = [];
  const redelivering = random.int(1, Math.max(1, spec.maxRedelivering));
  for (let index = 0; index < redelivering; index += 1) plans.push(plan(random, random.pick(spec.redelivering), reports));
  const other = random.int(0, spec.maxOther);
  for (let index = 0; index < other; index += 1) plans.push(plan(random, random.pick(spec.other), reports));
  return plans;
}
