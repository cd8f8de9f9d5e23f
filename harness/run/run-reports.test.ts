// What a run says about a case system that does not do its job, on the embedded environment: a
// receiver that acks and does nothing else (the silent drop) leaves every report to the portal's
// 2-working-day fallback — days of virtual time that take no real time — and the run fails; a bound
// too short to see the end gives no answer rather than a verdict.
import { afterEach, describe, expect, test } from '@jest/globals';
import { receiverAdapter } from '../../providers/case-system/reference/receiver-test-kit.ts';
import { referenceReceiverSteps } from '../../providers/case-system/reference/receiver-steps.ts';
import { type RunEnvironment, openRunEnvironment } from '../environments/run-environment.ts';
import { runReports } from './run-reports.ts';

const HOUR_MS = 3_600_000;
let environment: RunEnvironment | undefined;

afterEach(async () => {
  await environment?.close();
  environment = undefined;
});

const silentDrop = receiverAdapter('silent-drop', (options) => ({
  ...options,
  steps: {
    ...referenceReceiverSteps,
    handle(steps, context, delivery) {
      steps.ack(context, delivery);
      return Promise.resolve();
    },
  },
}));

describe('runReports', () => {
  test(
    'a receiver that acks and stores nothing: every report goes by post after 2 working days, nothing is stored, the run fails',
    async () => {
      environment = await openRunEnvironment({ kind: 'embedded', seed: 'silent drop' });
      const summary = await runReports({ environment, reports: 10, seed: 'silent drop', adapter: silentDrop });
      expect(summary).toMatchObject({ verdict: 'fail', finished: true, delivered: 10, stored: 0, leveredByMottatt: 0, leveredByPost: 10 });
      expect(summary.receipts.mottatt).toBe(0);
      // Monday 09:00 plus 2 working days: Wednesday 09:00.
      expect(summary.virtualMs).toBe(48 * HOUR_MS);
      expect(summary.problems[0]).toMatch(/^10 report\(s\) not LEVERT by mottatt/);
    },
    60_000,
  );

  test(
    'a bound too short to see the end: no answer, never a pass',
    async () => {
      environment = await openRunEnvironment({ kind: 'embedded', seed: 'short bound' });
      const summary = await runReports({ environment, reports: 5, seed: 'short bound', adapter: silentDrop, bounds: { virtualMs: HOUR_MS } });
      expect(summary).toMatchObject({ verdict: 'unknown', finished: false, stored: 0 });
      expect(summary.problems[0]).toMatch(/^no answer: not every report was final after 1 hours of virtual time/);
    },
    60_000,
  );

  test('an adapter that does not exist is refused by name, listing the ones that do', async () => {
    environment = await openRunEnvironment({ kind: 'embedded', seed: 'no adapter' });
    await expect(runReports({ environment, reports: 1, seed: 'x', adapter: 'nope' })).rejects.toThrow('startReportRun: no adapter named "nope"; the adapters are: reference');
  }, 60_000);
});
