// A message it cannot take (a poison message: broken zip, invalid JSON, schema violation) is acked
// and logged, but never answered with feilet. The portal hears nothing for 2 working days.
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const alwaysAckWithoutFeilet: FaultyReceiver = {
  name: 'always-ack-without-feilet',
  description: 'acks a message it cannot read (a poison message) without answering feilet',
  rule: RULES.feiletThenAck,
  expectedVerdict: 'unanswered',
  needsFault: 'poison-message',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      // The departure: the parser's reason is logged, not sent; the reference's handle then acks.
      refuse(context, failure) {
        context.emit({ kind: 'failed', at: context.clock.now(), meldingId: failure.meldingId ?? null, bekymringsmeldingId: failure.bekymringsmeldingId ?? null, melding: failure.melding });
        return Promise.resolve();
      },
    },
  }),
};
