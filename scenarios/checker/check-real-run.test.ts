// The checker on histories of REAL runs (embedded environment: the simulated portal, the Fiks IO
// simulator on the in-process broker, a receiver on PGlite), recorded only from the outside: the
// portal's and Fiks IO's events through the adapters, the broker's deliveries through
// recordDeliveries, and a final read-back. The receiver's own events are not looked at.
//
// The reference receiver must pass; one that says mottatt for every third report without storing
// it — the fault of 2020–2023 — must fail, with exactly those reports named lost.
import { afterEach, describe, expect, test } from '@jest/globals';
import { type RunEnvironment, openRunEnvironment } from '../../harness/environments/run-environment.ts';
import { type Adapter, referenceAdapter } from '../../harness/run/run-adapters.ts';
import { startReportRun } from '../../harness/run/report-run.ts';
import { mottattFor } from '../../providers/case-system/reference/case-store.ts';
import { receiptRequest } from '../../providers/case-system/reference/receipts.ts';
import { receiverAdapter } from '../../providers/case-system/reference/receiver-test-kit.ts';
import { referenceReceiverSteps } from '../../providers/case-system/reference/receiver-steps.ts';
import { ReadBackError } from '../../providers/portal/read-back-client.ts';
import { recordDeliveries } from '../history/delivery-recorder.ts';
import { createHistory } from '../history/history.ts';
import type { HistoryEventBody } from '../history/history-event.ts';
import { fromFiksIoEvent, fromPortalEvent } from '../history/party-events.ts';
import { reportSubmitted } from '../history/report-submitted.ts';
import { checkHistory } from './check-history.ts';
import type { CheckResult } from './check-result.ts';

const TIMEOUT_MS = 120_000;
let environment: RunEnvironment | undefined;

afterEach(async () => {
  await environment?.close();
  environment = undefined;
});

/** The adapter, with the broker's view of its deliveries recorded. */
function observed(adapter: Adapter, record: (event: HistoryEventBody) => void): Adapter {
  return {
    name: adapter.name,
    description: adapter.description,
    start: (env, options) => adapter.start({ ...env, openReceiverTransport: async () => recordDeliveries(await env.openReceiverTransport(), record) } as RunEnvironment, options),
  };
}

async function checkedRun(adapter: Adapter, reports: number, seed: string): Promise<{ result: CheckResult; reportIds: readonly string[] }> {
  environment = await openRunEnvironment({ kind: 'embedded', seed });
  const history = createHistory(environment.clock);
  const record = (body: HistoryEventBody | undefined): void => {
    if (body !== undefined) history.append(body);
  };
  const run = await startReportRun({
    environment,
    reports,
    seed,
    adapter: observed(adapter, record),
    onEvent: (entry) => record(entry.source === 'portal' ? fromPortalEvent(entry.event) : entry.source === 'fiks-io' ? fromFiksIoEvent(entry.event) : undefined),
  });
  try {
    await run.acceptAll();
    await run.dispatch();
    for (const report of run.reports) {
      const sent = run.sendApi.sentReport(report.bekymringsmeldingId);
      if (sent !== undefined) record(reportSubmitted(sent, { keepContent: true }));
    }
    await run.startPortalConsumer();
    const started = await run.startAdapter();
    await run.waitUntilFinal();
    for (const report of run.reports) {
      const reportId = report.bekymringsmeldingId;
      try {
        const answer = await started.readBack.read(reportId);
        record(answer.found ? { event: 'read-back', reportId, outcome: 'found', readBack: answer.readBack } : { event: 'read-back', reportId, outcome: 'not-found' });
      } catch (error) {
        if (!(error instanceof ReadBackError)) throw error;
        record({ event: 'read-back', reportId, outcome: 'unknown', error: error.message });
      }
    }
  } finally {
    await run.stop();
  }
  return { result: checkHistory(history.events(), { expectedReports: reports }), reportIds: run.reports.map((report) => report.bekymringsmeldingId) };
}

describe('checkHistory on real embedded runs', () => {
  test(
    'the reference receiver: valid true, every report ok',
    async () => {
      const { result, reportIds } = await checkedRun(referenceAdapter, 12, 'checker real reference');

      expect({ valid: result.valid, reasons: result.reasons }).toEqual({ valid: true, reasons: [] });
      expect(result.reports.ok).toEqual(reportIds);
    },
    TIMEOUT_MS,
  );

  test(
    'a receiver that says mottatt for every third report without storing it: false, exactly those reports lost',
    async () => {
      const faked: string[] = [];
      let deliveries = 0;
      const fakeAck = receiverAdapter('mottatt-without-storing', (options) => ({
        ...options,
        steps: {
          ...referenceReceiverSteps,
          async handle(steps, context, delivery) {
            deliveries += 1;
            if (deliveries % 3 !== 0) return referenceReceiverSteps.handle(steps, context, delivery);
            const parsed = await steps.parse(context, delivery);
            if (!parsed.ok) return referenceReceiverSteps.handle(steps, context, delivery);
            await context.sendApi.send(receiptRequest(mottattFor(parsed), context.kontoId));
            faked.push(parsed.bekymringsmeldingId);
            steps.ack(context, delivery);
          },
        },
      }));

      const { result } = await checkedRun(fakeAck, 12, 'checker real fake ack');

      expect(faked).toHaveLength(4);
      expect(result.valid).toBe(false);
      expect([...result.reports.lost].sort()).toEqual([...faked].sort());
      expect(result.counts.ok).toBe(8);
    },
    TIMEOUT_MS,
  );

  test(
    'a receiver that nacks every fourth message (Fiks IO drops it, telling nobody): false, exactly those reports unanswered',
    async () => {
      const dropped: string[] = [];
      let deliveries = 0;
      const silentDrop = receiverAdapter('nack-every-fourth', (options) => ({
        ...options,
        steps: {
          ...referenceReceiverSteps,
          async handle(steps, context, delivery) {
            deliveries += 1;
            if (deliveries % 4 !== 0) return referenceReceiverSteps.handle(steps, context, delivery);
            const parsed = await steps.parse(context, delivery);
            if (parsed.ok) dropped.push(parsed.bekymringsmeldingId);
            delivery.nack();
          },
        },
      }));

      const { result } = await checkedRun(silentDrop, 12, 'checker real silent drop');

      expect(dropped).toHaveLength(3);
      expect(result.valid).toBe(false);
      expect([...result.reports.unanswered].sort()).toEqual([...dropped].sort());
      expect(result.perReport[dropped[0] ?? '']?.flags).toEqual(expect.arrayContaining(['nacked', 'dead-lettered']));
    },
    TIMEOUT_MS,
  );
});
