// The reference receiver certified once on real RabbitMQ and PostgreSQL (AMQP_URL, DATABASE_URL):
// the same suite, the crashes cutting real AMQP connections, the receipts over the simulator's
// HTTP API, the read-back over HTTP, real time (the TTL scenario waits its seconds).
import { describe, expect, test } from '@jest/globals';
import { hasEvidence } from '../../scenarios/checker/index.ts';
import { referenceAdapter } from '../run/run-adapters.ts';
import { certify } from './certify.ts';

describe('the reference receiver on RabbitMQ and PostgreSQL', () => {
  test(
    'certified: every scenario holds, every fault fired',
    async () => {
      const certification = await certify({ adapter: referenceAdapter, environment: 'services', seed: 'services certification' });

      const notHolding = certification.scenarios.filter(({ result }) => result.valid !== true).map(({ result }) => `${result.scenarioId}: ${String(result.valid)}: ${result.reasons.join('; ')}`);
      expect(notHolding).toEqual([]);
      expect(certification.verdict).toBe('certified');
      for (const { result } of certification.scenarios) {
        expect(result.check.faults.map((fault) => [fault.name, hasEvidence(fault.evidence)])).toEqual(result.schedule.faults.map((plan) => [plan.fault, true]));
      }
    },
    300_000,
  );
});
