// Faults that are in the traffic itself, not in a broken part:
//
//   large-payload          payloads go by dokumentlager reference (the message body is empty and
//                          the dokumentlager-id header says where to fetch it). Fiks IO does this
//                          above 5 MB; here the threshold is lowered so ordinary reports take
//                          that path without building 5 MB PDFs.
//   ttl-expiry-while-down  the receiver goes down; the reports sent meanwhile live `ttlMs` and
//                          expire unread (Fiks IO answers tidsavbrudd); it comes back after `downMs`.
//   v1-message             every `every`-th report is v1 (privat.v1 / offentlig.v1): a v2 receiver
//                          must accept v1.
//   burst                  the whole workload is sent at once, as a large municipality's month in
//                          one second.
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import { describeReportType, isReportType } from '../../contracts/message-types.ts';
import type { FaultPackage } from './fault.ts';
import { param } from './fault-params.ts';
import { watchDeliveredHeaders } from './delivered-headers.ts';

export const largePayload: FaultPackage = {
  name: 'large-payload',
  description: 'payloads travel by dokumentlager reference (an empty body and a dokumentlager-id to fetch it by), as Fiks IO sends those over 5 MB',
  targets: 'workload',
  parameters: { thresholdBytes: { kind: 'bytes', default: 1_024, min: 0, description: 'payloads above this many bytes go by reference (Fiks IO: 5 MB)' } },
  needs: (params) => ({ dokumentlagerThresholdBytes: param(params, 'thresholdBytes') }),
  arm(_runtime, recorder) {
    const byReference: string[] = [];
    let healed = false;
    return {
      parts: watchDeliveredHeaders((delivery) => {
        const dokumentlagerId = delivery.headers[HEADER.dokumentlagerId];
        const meldingId = delivery.headers[HEADER.meldingId];
        if (dokumentlagerId !== undefined && meldingId !== undefined && !delivery.redelivered) {
          byReference.push(meldingId);
          recorder.injected({
            meldingId,
            reportId: delivery.headers[customHeader(CUSTOM.bekymringsmeldingId)] ?? '(unknown)',
            dokumentlagerId,
            bodyBytes: delivery.bodyBytes,
            what: `melding-id ${meldingId} delivered by reference: ${delivery.bodyBytes} bytes of body, the payload in dokumentlager ${dokumentlagerId}`,
          });
        }
      }),
      heal() {
        if (!healed && byReference.length > 0) {
          healed = true;
          recorder.healed({ deliveredByReference: byReference.length, what: 'payloads go in the message body again' });
        }
        return Promise.resolve();
      },
    };
  },
};

export const ttlExpiryWhileDown: FaultPackage = {
  name: 'ttl-expiry-while-down',
  description: 'the receiver is down while the second batch is sent with a short TTL; those messages expire unread (tidsavbrudd); it comes back after `downMs`',
  targets: 'receiver process',
  parameters: {
    ttlMs: { kind: 'duration-ms', default: 3_000, min: 1, description: "the portal's Fiks IO TTL for every report, in ms" },
    downMs: { kind: 'duration-ms', default: 6_000, min: 1, description: 'how long the receiver stays down after the second batch, in ms' },
  },
  allows: ['undelivered'],
  needs: (params) => ({ portalTtlMs: param(params, 'ttlMs'), batches: 3 }),
  arm(runtime, recorder, params) {
    let downAt: number | undefined;
    let up = true;
    const expired: string[] = [];
    runtime.onHistoryEvent((event) => {
      if (event.event !== 'dead-lettered' || event.reason !== 'expired' || downAt === undefined) return;
      expired.push(event.meldingId);
      recorder.injected({
        meldingId: event.meldingId,
        reportId: runtime.reportOf(event.meldingId) ?? '(unknown)',
        ttlMs: param(params, 'ttlMs'),
        receiverDownForMs: event.at - downAt,
        what: `melding-id ${event.meldingId} expired unread after ${param(params, 'ttlMs')} ms while the receiver was down`,
      });
    });
    const comeBack = async (): Promise<void> => {
      if (up) return;
      up = true;
      const generation = await runtime.startReceiver();
      recorder.healed({ restartedAs: generation, downForMs: runtime.clock.now() - (downAt ?? runtime.clock.now()), expired: expired.length, what: `the receiver is back (generation ${generation}); ${expired.length} message(s) expired meanwhile` });
    };
    return {
      async afterBatch(batch) {
        if (batch === 1) {
          await runtime.stopReceiver();
          up = false;
          downAt = runtime.clock.now();
        } else if (batch === 2) {
          await runtime.passTime(param(params, 'downMs'));
          await comeBack();
        }
      },
      heal: comeBack,
    };
  },
};

export const v1Message: FaultPackage = {
  name: 'v1-message',
  description: 'every `every`-th report is v1 (privat.v1 or offentlig.v1), which a v2 receiver must accept',
  targets: 'workload',
  parameters: { every: { kind: 'period', default: 2, min: 1, description: 'every how-many-th report is v1' } },
  needs: (params) => ({
    reportOptions: (index) =>
      index % param(params, 'every') === 0 ? { type: index % 4 === 0 ? 'no.ks.fiks.bekymringsmelding.offentlig.v1' : 'no.ks.fiks.bekymringsmelding.privat.v1' } : undefined,
  }),
  arm(_runtime, recorder) {
    const delivered = new Set<string>();
    let healed = false;
    return {
      parts: watchDeliveredHeaders((delivery) => {
        const type = delivery.headers[HEADER.type] ?? '';
        const meldingId = delivery.headers[HEADER.meldingId];
        if (meldingId !== undefined && isReportType(type) && describeReportType(type).version === 1 && !delivered.has(meldingId)) {
          delivered.add(meldingId);
          recorder.injected({
            meldingId,
            reportId: delivery.headers[customHeader(CUSTOM.bekymringsmeldingId)] ?? '(unknown)',
            type,
            what: `a ${type} report delivered to the receiver`,
          });
        }
      }),
      heal() {
        if (!healed && delivered.size > 0) {
          healed = true;
          recorder.healed({ v1Delivered: delivered.size, what: 'v1 reports delivered' });
        }
        return Promise.resolve();
      },
    };
  },
};

export const burst: FaultPackage = {
  name: 'burst',
  description: "the whole workload is sent in one go, as a large municipality's month of reports in one second",
  targets: 'workload',
  parameters: {},
  needs: () => ({ batches: 1 }),
  arm(runtime, recorder) {
    const sentAt: number[] = [];
    runtime.onHistoryEvent((event) => {
      if (event.event === 'sent') sentAt.push(event.at);
    });
    let healed = false;
    return {
      async afterDispatch(batch) {
        if (batch !== 1 || sentAt.length === 0) return;
        const first = Math.min(...sentAt);
        const last = Math.max(...sentAt);
        recorder.injected({
          reports: sentAt.length,
          sentWithinMs: last - first,
          queueDepthAfterSending: await runtime.caseQueueDepth(),
          what: `${sentAt.length} reports sent within ${last - first} ms of the run's clock`,
        });
      },
      heal() {
        if (!healed && sentAt.length > 0) {
          healed = true;
          recorder.healed({ what: 'the burst is over' });
        }
        return Promise.resolve();
      },
    };
  },
};
