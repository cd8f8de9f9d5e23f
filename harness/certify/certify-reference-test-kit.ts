// The reference receiver certified on 20 seeds (embedded): every scenario of the suite holds on
// each, and in every scenario each fault of its schedule fired, with evidence in the history. Each
// seed draws other reports, other ids and another random multi-fault schedule. The seeds are split
// over two test files (certify-reference-1/-2.test.ts) only so that two jest workers share them;
// together they are the same 20 seeds with the same assertions.
import { afterAll, describe, expect, test } from '@jest/globals';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { referenceAdapter } from '../run/run-adapters.ts';
import { hasEvidence } from '../../scenarios/checker/index.ts';
import { certify } from './certify.ts';
import { faultId } from './scenario-schedule.ts';

/** The 20 seeds, "reference 1" … "reference 20", as they always were. */
export const REFERENCE_SEEDS: readonly string[] = Array.from({ length: 20 }, (_, index) => `reference ${index + 1}`);

/** Certifies the reference receiver on `seeds` (a slice of REFERENCE_SEEDS), one test per seed. */
export function describeReferenceCertification(seeds: readonly string[]): void {
  const pool = createEmbeddedDatabasePool();
  afterAll(() => pool.close());

  describe(`the reference receiver, certified on seeds ${seeds[0] ?? ''} … ${seeds.at(-1) ?? ''} (embedded)`, () => {
    test.each([...seeds])(
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
}
