// The faulty receivers whose fault needs a fault to show: each triggered here through its steps —
// a commit that fails for one report (the store's insertCase throws inside the transaction), or
// one report redelivered after its commit (the ack step hands it back instead) — in a real embedded
// run recorded from outside and judged by checkHistory. The reference passes the same faults. The
// fault engine (scenarios/faults) covers them end to end with its own injections; crashes are its.
import { afterAll, describe, expect, test } from '@jest/globals';
import { CUSTOM, customHeader } from '../../../contracts/fiks-io-headers.ts';
import { createEmbeddedDatabasePool } from '../../../harness/environments/database/index.ts';
import type { Adapter } from '../../../harness/run/run-adapters.ts';
import type { Verdict } from '../../../scenarios/checker/verdicts.ts';
import { generateReports } from '../../../scenarios/workloads/index.ts';
import { type CaseStoreSteps, referenceSteps } from '../reference/case-store.ts';
import { receiverAdapter } from '../reference/receiver-test-kit.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type CheckedRun, type CheckedRunOptions, checkedRun } from './faulty-run-test-kit.ts';
import { type ReceiverVariant, faultyReceiver } from './index.ts';

const TIMEOUT_MS = 60_000;
const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

const WORKLOAD: CheckedRunOptions = { pool, seed: 'faulty under faults', reports: 5 };
const [victim = ''] = generateReports(WORKLOAD.seed, 1).map((report) => report.bekymringsmeldingId);

type Fault = (variant: ReceiverVariant) => ReceiverVariant;

/** The receiver `name` (a faulty one, or the reference) with `fault` applied to its steps. */
function underFault(name: string, fault: Fault): Adapter {
  return receiverAdapter(`${name} under a fault`, (options) => {
    const { steps, storeSteps } = fault(name === 'reference' ? {} : faultyReceiver(name).variant());
    return { ...options, ...(steps === undefined ? {} : { steps }), ...(storeSteps === undefined ? {} : { storeSteps }) };
  });
}

/** Storing the victim fails `times` times (insertCase throws, so its transaction rolls back), then works. */
function commitFails(times: number): Fault {
  let failed = 0;
  return (variant) => {
    const base: CaseStoreSteps = variant.storeSteps ?? referenceSteps;
    return {
      ...variant,
      storeSteps: {
        ...base,
        insertCase(tx, record, now) {
          if (record.bekymringsmeldingId !== victim || failed >= times) return base.insertCase(tx, record, now);
          failed += 1;
          return Promise.reject(new Error('insertCase: could not extend file "base/16384/2619": No space left on device (injected)'));
        },
      },
    };
  };
}

/** The victim's first delivery is handed back where it would be acked (after its commit and receipt): a redelivery. */
function redeliveredAfterCommit(): Fault {
  let redelivered = false;
  return (variant) => {
    const base = variant.steps ?? referenceReceiverSteps;
    return {
      ...variant,
      steps: {
        ...base,
        ack(context, delivery) {
          if (redelivered || delivery.headers[customHeader(CUSTOM.bekymringsmeldingId)] !== victim) return base.ack(context, delivery);
          redelivered = true;
          delivery.requeue();
        },
      },
    };
  };
}

function verdicts(run: CheckedRun): Record<string, Verdict> {
  return Object.fromEntries(Object.entries(run.result.perReport).map(([id, evidence]) => [id, evidence.verdict]));
}

/** `verdict` for the victim, ok for every other report. */
function onlyTheVictim(run: CheckedRun, verdict: Verdict): Record<string, Verdict> {
  return Object.fromEntries([...run.sent.keys()].map((id) => [id, id === victim ? verdict : 'ok']));
}

describe('the reference receiver under the faults used below', () => {
  test(
    'a failed commit: the message goes back to the queue and is stored on its redelivery; valid true',
    async () => {
      const run = await checkedRun(underFault('reference', commitFails(1)), WORKLOAD);

      expect({ valid: run.result.valid, reasons: run.result.reasons }).toEqual({ valid: true, reasons: [] });
      expect(run.result.perReport[victim]?.deliveries).toBe(2);
    },
    TIMEOUT_MS,
  );

  test(
    'a redelivery after the commit: the inbox knows the report, one case, answered again; valid true',
    async () => {
      const run = await checkedRun(underFault('reference', redeliveredAfterCommit()), WORKLOAD);

      expect({ valid: run.result.valid, reasons: run.result.reasons }).toEqual({ valid: true, reasons: [] });
      expect(run.result.perReport[victim]?.flags).toContain('redelivered');
    },
    TIMEOUT_MS,
  );
});

describe('faulty receivers that need a fault, given it', () => {
  test(
    'receipt-despite-storage-failure, one failed commit: mottatt all the same and acked, never redelivered; the victim lost',
    async () => {
      const run = await checkedRun(underFault('receipt-despite-storage-failure', commitFails(1)), WORKLOAD);

      expect(run.result.valid).toBe(false);
      expect(verdicts(run)).toEqual(onlyTheVictim(run, faultyReceiver('receipt-despite-storage-failure').expectedVerdict));
      expect(run.result.perReport[victim]).toMatchObject({ deliveries: 1, readBack: { outcome: 'not-found' } });
    },
    TIMEOUT_MS,
  );

  test(
    'receipt-before-commit, commits that keep failing: mottatt went out before each failed commit; the victim lost',
    async () => {
      // One failed commit would be repaired by the redelivery before the final read-back; only a
      // read-back between the mottatt and the commit (the fault engine's probes) sees that one.
      const run = await checkedRun(underFault('receipt-before-commit', commitFails(Number.POSITIVE_INFINITY)), WORKLOAD);

      expect(run.result.valid).toBe(false);
      expect(verdicts(run)).toEqual(onlyTheVictim(run, faultyReceiver('receipt-before-commit').expectedVerdict));
      expect(run.result.perReport[victim]?.receipts.map((receipt) => receipt.kind)).toContain('mottatt');
    },
    TIMEOUT_MS,
  );

  test(
    'ack-before-commit, one failed commit: the message was acked on delivery, so nothing brings it back; the victim unanswered',
    async () => {
      const run = await checkedRun(underFault('ack-before-commit', commitFails(1)), WORKLOAD);

      expect(run.result.valid).toBe(false);
      expect(verdicts(run)).toEqual(onlyTheVictim(run, faultyReceiver('ack-before-commit').expectedVerdict));
      expect(run.result.perReport[victim]).toMatchObject({ deliveries: 1, receipts: [], readBack: { outcome: 'not-found' } });
    },
    TIMEOUT_MS,
  );

  test(
    'nack-on-error, one failed commit: nacked, and Fiks IO drops it telling nobody; the victim unanswered',
    async () => {
      const run = await checkedRun(underFault('nack-on-error', commitFails(1)), WORKLOAD);

      expect(run.result.valid).toBe(false);
      expect(verdicts(run)).toEqual(onlyTheVictim(run, faultyReceiver('nack-on-error').expectedVerdict));
      expect(run.result.perReport[victim]?.flags).toEqual(expect.arrayContaining(['nacked', 'dead-lettered']));
    },
    TIMEOUT_MS,
  );

  test(
    'not-idempotent, a redelivery after the commit: a second case; the victim duplicated',
    async () => {
      const run = await checkedRun(underFault('not-idempotent', redeliveredAfterCommit()), WORKLOAD);

      expect(run.result.valid).toBe(false);
      expect(verdicts(run)).toEqual(onlyTheVictim(run, faultyReceiver('not-idempotent').expectedVerdict));
      expect(run.result.perReport[victim]?.readBack?.antallSaker).toBe(2);
    },
    TIMEOUT_MS,
  );
});
