// The random scenario on a schedule where faults land on one message at each of its three
// deliveries: one storage outage over the last commits (storage-outage:from=16;count=3) fails the
// last message three times, and Fiks IO dead-letters it with serverfeil. The reference must hold
// (that report undelivered, which the scenario allows; before it did, seed "reference 66" failed
// the reference this way), and a receiver that says mottatt despite the failed commit must not.
import { afterAll, describe, expect, test } from '@jest/globals';
import { runScenario } from '../../harness/certify/run-scenario.ts';
import { createEmbeddedDatabasePool } from '../../harness/environments/database/index.ts';
import { findAdapter, referenceAdapter } from '../../harness/run/run-adapters.ts';
import { parseFaultPlans } from '../faults/index.ts';
import { RANDOM_ID, scenarioNamed } from './suite.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

const scenario = scenarioNamed(RANDOM_ID);
if (scenario === undefined) throw new Error(`the suite has no scenario ${RANDOM_ID}`);
const THREE_FAILED_DELIVERIES = { faults: parseFaultPlans('storage-outage:from=16;count=3') };

describe('random-faults: a message dead-lettered after three failed deliveries', () => {
  test(
    'the reference holds: that report is undelivered (Fiks IO told the portal), every other ok',
    async () => {
      const result = await runScenario({ scenario, adapter: referenceAdapter, environment: 'embedded', seed: 'random-faults dead letter', override: THREE_FAILED_DELIVERIES, databasePool: pool });

      expect({ valid: result.valid, reasons: result.reasons }).toEqual({ valid: true, reasons: [] });
      expect(result.check.counts).toMatchObject({ undelivered: 1, ok: 15 });
      const [undelivered] = result.check.reports.undelivered;
      expect(result.check.perReport[undelivered ?? '']?.flags).toEqual(expect.arrayContaining(['dead-lettered', 'platform-receipt']));
    },
    60_000,
  );

  test(
    'receipt-despite-storage-failure on the same schedule: false, the reports it answered mottatt without storing are lost',
    async () => {
      const result = await runScenario({ scenario, adapter: findAdapter('faulty:receipt-despite-storage-failure'), environment: 'embedded', seed: 'random-faults dead letter', override: THREE_FAILED_DELIVERIES, databasePool: pool });

      expect(result.valid).toBe(false);
      expect(result.check.counts.lost).toBeGreaterThan(0);
    },
    60_000,
  );
});
