// The reference receiver is certified on 20 seeds in a row (embedded): every scenario of the
// suite holds on each, and in every scenario each fault of its schedule fired, with evidence in
// the history. Each seed draws other reports, other ids and another random multi-fault schedule.
import { afterAll, describe, expect, test } from '@jest/globals';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { referenceAdapter } from '../run/run-adapters.ts';
import { hasEvidence } from '../../scenarios/checker/index.ts';
import { certify } from './certify.ts';
import { faultId } from './scenario-schedule.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

const SEEDS = Array.from({ length: 20 }, (_, index) => `reference ${index + 1}`);

describe('the reference receiver, certified on 20 seeds in a row (embedded)', () => {
  test.each(SEEDS)(
    'seed "%s": certified; each fault fired, with evidence, in every scenario that uses it',
    async (seed) => {
      const certification = await certify({ adapter: referenceAdapter, environment: 'embedded', seed, databasePool: pool });

      const notHolding = certification.scenarios.filter(({ result }) => result.valid !== true).map(({ result }) => `${result.scenarioId}: ${String(result.valid)}: ${result.reasons.join('; ')}`);
      expect(notHolding).toEqual([]);
      expect(certification.verdict).toBe('certified');
      for (const { result } of certification.scenarios) {
        const fired = result.schedule.faults.map((plan, index) => {
          const fault = result.check.faults.find((each) => each.faultId === faultId(plan, index));
          const evidence = fault?.evidence as { readonly what?: unknown } | undefined;
          return { scenario: result.scenarioId, fault: plan.fault, fired: hasEvidence(evidence) && typeof evidence?.what === 'string' };
        });
        expect(fired).toEqual(result.schedule.faults.map((plan) => ({ scenario: result.scenarioId, fault: plan.fault, fired: true })));
      }
    },
    180_000,
  );
});
