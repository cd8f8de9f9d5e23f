// The suite as data: one scenario per fault in the catalogue (so no fault goes untested), unique
// ids, every schedule resolvable, every rule quoted; the random scenario draws the same schedule
// for a seed every time and at most two faults that make messages come again (suite.ts says why),
// and allows only the non-failing verdicts of a message Fiks IO dead-lettered; every faulty
// receiver's needed fault has a scenario that injects it; every fault is classified for the
// checker's judgement of refusals.
import { describe, expect, test } from '@jest/globals';
import { FAULTY_RECEIVERS } from '../../providers/case-system/faulty/index.ts';
import { REFUSAL_EXCUSES } from '../checker/refusal-excuses.ts';
import { isFailingVerdict } from '../checker/verdicts.ts';
import { FAULT_NAMES, faultPackage, resolveParams } from '../faults/index.ts';
import { seededRandom } from '../workloads/random.ts';
import { randomSchedule } from './random-schedule.ts';
import { BASELINE_ID, RANDOM_ID, SUITE, scenarioNamed, scenariosUsing } from './suite.ts';

describe('the scenario suite', () => {
  test('every fault in the catalogue has its own scenario; ids are unique kebab-case', () => {
    const injected = new Set(SUITE.flatMap((scenario) => scenario.faults.map((plan) => plan.fault)));
    expect([...FAULT_NAMES].filter((name) => !injected.has(name))).toEqual([]);
    const ids = SUITE.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(scenarioNamed(BASELINE_ID)?.faults).toEqual([]);
  });

  test('every scenario says what it checks (quoted rules) and what must hold, and its schedule resolves', () => {
    for (const scenario of SUITE) {
      expect(scenario.requirements.length).toBeGreaterThan(0);
      expect(scenario.mustHold.length).toBeGreaterThan(0);
      expect(scenario.workload.reports).toBeGreaterThan(0);
      for (const plan of scenario.faults) expect(() => resolveParams(faultPackage(plan.fault), plan.params)).not.toThrow();
    }
  });

  test('the random scenario: the same seed draws the same schedule; at most two faults that make messages come again, parameters within the workload', () => {
    const random = scenarioNamed(RANDOM_ID);
    const spec = random?.randomFaults;
    if (random === undefined || spec === undefined) throw new Error('the suite has no random scenario');
    const draw = (seed: string): ReturnType<typeof randomSchedule> => randomSchedule(seededRandom(seed), random.workload.reports, spec);
    expect(draw('7')).toEqual(draw('7'));
    const names = new Set<string>();
    for (let seed = 0; seed < 200; seed += 1) {
      const plans = draw(String(seed));
      expect(plans.filter((plan) => spec.redelivering.includes(plan.fault)).length).toBeLessThanOrEqual(spec.maxRedelivering);
      for (const plan of plans) {
        names.add(plan.fault);
        const pkg = faultPackage(plan.fault);
        for (const [name, value] of Object.entries(resolveParams(pkg, plan.params))) {
          if (pkg.parameters[name]?.kind === 'occurrence') expect(value).toBeLessThanOrEqual(random.workload.reports);
        }
      }
    }
    // Over 200 seeds every fault it may draw is drawn.
    expect([...names].sort()).toEqual([...spec.redelivering, ...spec.other].sort());
  });

  test('every faulty receiver needs a fault that some scenario injects (or shows in the ordinary day)', () => {
    for (const faulty of FAULTY_RECEIVERS) {
      expect({ receiver: faulty.name, needs: faulty.needsFault, scenarios: scenariosUsing(faulty.needsFault).length > 0 }).toEqual({
        receiver: faulty.name,
        needs: faulty.needsFault,
        scenarios: true,
      });
    }
  });

  test('the random scenario allows what a correct receiver meets when faults land on one message at each of its three deliveries (undelivered, recovered), and no failing verdict', () => {
    expect(scenarioNamed(RANDOM_ID)?.alsoAllows).toEqual(['undelivered', 'recovered']);
    for (const scenario of SUITE) expect((scenario.alsoAllows ?? []).filter((verdict) => isFailingVerdict(verdict))).toEqual([]);
  });

  test('every fault in the catalogue is classified for the checker: whether it can excuse a feilet for a valid report, and how', () => {
    expect([...FAULT_NAMES].filter((name) => !Object.hasOwn(REFUSAL_EXCUSES, name))).toEqual([]);
    // Only faults that break the receiver's database, or what is delivered, excuse a refusal.
    const excusing = FAULT_NAMES.filter((name) => REFUSAL_EXCUSES[name] !== 'none');
    expect(excusing.map((name) => [name, faultPackage(name).targets])).toEqual(excusing.map((name) => [name, name === 'poison-message' ? 'portal' : 'case database']));
  });
});
