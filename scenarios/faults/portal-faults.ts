// Faults on the portal's side of Fiks IO, and in what it sends:
//
//   resend          the portal sends reports again (a new melding-id, the same report and
//                   klientMeldingId) while the receiver is still down, so both copies wait for it;
//   poison-message  every `every`-th report goes out broken (poison-payloads.ts), one kind after
//                   the other. What the run records as submitted is the report the portal meant.
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import type { FaultPackage } from './fault.ts';
import { param } from './fault-params.ts';
import { POISON_KINDS, poisonSend } from './poison-payloads.ts';

export const resend: FaultPackage = {
  name: 'resend',
  description: 'while the receiver is down, the portal sends `reports` of its reports a second time (new melding-id, same report); then the receiver starts',
  targets: 'portal',
  parameters: { reports: { kind: 'count', default: 3, min: 1, description: 'how many reports of the first batch are sent twice' } },
  needs: () => ({ holdsReceiverAtStart: true }),
  arm(runtime, recorder, params) {
    let healed = false;
    return {
      async afterBatch(batch) {
        if (batch !== 1) return;
        const count = Math.min(param(params, 'reports'), runtime.reportIds.length);
        for (const reportId of runtime.reportIds.slice(0, count)) {
          const { meldingId } = await runtime.resend(reportId);
          recorder.injected({ reportId, resentAs: meldingId, what: `report ${reportId} sent a second time as melding-id ${meldingId}` });
        }
        await start();
      },
      heal: start,
    };
    async function start(): Promise<void> {
      if (healed) return;
      healed = true;
      const generation = await runtime.startReceiver();
      recorder.healed({ receiverStartedAs: generation, what: 'the receiver started, with both copies in its queue' });
    }
  },
};

export const poisonMessage: FaultPackage = {
  name: 'poison-message',
  description: `every \`every\`-th report goes out as a poison message, in turn: ${POISON_KINDS.join(', ')}`,
  targets: 'portal',
  parameters: { every: { kind: 'period', default: 2, min: 1, description: 'every how-many-th report sent is poisoned' } },
  allows: ['refused'],
  arm(_runtime, recorder, params) {
    const every = param(params, 'every');
    const seen = new Set<string>();
    const poisoned: string[] = [];
    let healed = false;
    return {
      parts: {
        portalSendApi: (sendApi) => ({
          async send(request) {
            const reportId = request.metadata.headere?.[CUSTOM.bekymringsmeldingId];
            if (reportId === undefined || seen.has(reportId)) return sendApi.send(request);
            seen.add(reportId);
            if (seen.size % every !== 0) return sendApi.send(request);
            const kind = POISON_KINDS[poisoned.length % POISON_KINDS.length] ?? 'broken-zip';
            const result = await sendApi.send(poisonSend(kind, request));
            poisoned.push(reportId);
            recorder.injected({ reportId, kind, meldingId: result.meldingId, what: `report ${reportId} went out as a poison message (${kind})` });
            return result;
          },
        }),
      },
      heal() {
        if (!healed && poisoned.length > 0) {
          healed = true;
          recorder.healed({ poisoned: poisoned.length, reportIds: poisoned, what: 'no more poison messages' });
        }
        return Promise.resolve();
      },
    };
  },
};
