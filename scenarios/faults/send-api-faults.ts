// The send API fails the receiver's receipts (the `from`-th send and `count - 1` after it):
//
//   send-api-refused        503: nothing was sent, and the receiver cannot know that;
//   send-api-slow           each takes `delayMs` before Fiks IO has it;
//   send-api-response-lost  Fiks IO HAS the receipt, but the response is lost: the receiver is
//                           told the outcome is unknown.
//
// A correct receiver sends the receipt again until Fiks IO has it (a second copy is harmless) and
// acks only after. The heal is the end of the window.
import { SendApiUnavailableError } from '../../providers/fiks-io/index.ts';
import type { SendRequest, SendResult } from '../../providers/fiks-io/index.ts';
import type { FaultName, FaultPackage, FaultParameter, FaultRuntime } from './fault.ts';
import { param } from './fault-params.ts';
import { occurrenceWindow } from './occurrences.ts';
import { interceptSends } from './part-wrappers.ts';

const FROM: FaultParameter = { kind: 'occurrence', default: 1, min: 1, description: 'the first receipt send (counted from 1) that is hit' };
const COUNT: FaultParameter = { kind: 'count', default: 3, min: 1, description: 'how many sends in a row are hit' };

interface SendFailure {
  readonly what: string;
  run(send: () => Promise<SendResult>): Promise<SendResult>;
}

function sendApiPackage(name: FaultName, description: string, extra: Readonly<Record<string, FaultParameter>>, failure: (runtime: FaultRuntime, params: Readonly<Record<string, number>>) => SendFailure): FaultPackage {
  return {
    name,
    description,
    targets: 'receipt send API',
    parameters: { from: FROM, count: COUNT, ...extra },
    arm(runtime, recorder, params) {
      const window = occurrenceWindow(param(params, 'from'), param(params, 'count'));
      const fail = failure(runtime, params);
      const hit: string[] = [];
      let healed = false;
      const heal = (): void => {
        if (healed || hit.length === 0) return;
        healed = true;
        recorder.healed({ hitSends: hit.length, svarTil: hit, what: `the send API works normally again after ${hit.length} send(s)` });
      };
      return {
        parts: {
          receiptSendApi: (sendApi) =>
            interceptSends(sendApi, async (request: SendRequest, send) => {
              if (!window.next()) return send(request);
              const svarTil = request.metadata.svarPaMelding ?? '(none)';
              hit.push(svarTil);
              recorder.injected({
                send: window.last(),
                meldingType: request.metadata.meldingType,
                svarTil,
                reportId: runtime.reportOf(svarTil) ?? '(unknown)',
                what: fail.what,
              });
              try {
                return await fail.run(() => send(request));
              } finally {
                if (window.done()) heal();
              }
            }),
        },
        heal: () => Promise.resolve(heal()),
      };
    },
  };
}

export const sendApiRefused = sendApiPackage(
  'send-api-refused',
  "Fiks IO's send API answers 503 to `count` receipts in a row, from the `from`-th: nothing was sent",
  {},
  () => ({
    what: 'send answered 503 Service Unavailable; nothing was sent',
    run: () => Promise.reject(new SendApiUnavailableError('send-api-refused', 'POST /fiks-io/api/v1/send answered 503 Service Unavailable (injected)')),
  }),
);

export const sendApiSlow = sendApiPackage(
  'send-api-slow',
  "Fiks IO's send API takes `delayMs` for each of `count` receipts in a row",
  { delayMs: { kind: 'duration-ms', default: 2_000, min: 1, description: 'how long each send takes, in ms' } },
  (runtime, params) => ({
    what: `send took ${param(params, 'delayMs')} ms`,
    async run(send) {
      await runtime.hold(param(params, 'delayMs'));
      return send();
    },
  }),
);

export const sendApiResponseLost = sendApiPackage(
  'send-api-response-lost',
  "Fiks IO's send API accepts `count` receipts in a row but the responses are lost: the receiver is told the outcome is unknown",
  {},
  () => ({
    what: 'Fiks IO accepted the receipt, but the response was lost (outcome unknown to the receiver)',
    async run(send) {
      await send();
      throw new SendApiUnavailableError('send-api-response-lost', 'the connection was reset before the response arrived (injected: Fiks IO has the message)');
    },
  }),
);
