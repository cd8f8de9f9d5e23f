// A payload over 5 MB (long texts, a large PDF) travels by reference: the message body is empty
// and the dokumentlager-id header says where to fetch it. This receiver never fetches: an empty
// body is "nothing to import", so it stores nothing — and answers mottatt, since nothing failed.
import { HEADER } from '../../../contracts/fiks-io-headers.ts';
import { sendReceiptUntilAccepted } from '../reference/receiver-send-receipt.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';
import { mottattForDelivery } from './mottatt-for-delivery.ts';

export const ignoresDokumentlager: FaultyReceiver = {
  name: 'ignores-dokumentlager',
  description: 'does not fetch a payload sent by dokumentlager reference (over 5 MB): stores nothing, answers mottatt',
  rule: RULES.mottattWhenStored,
  expectedVerdict: 'lost',
  needsFault: 'large-payload',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async handle(steps, context, delivery) {
        const byReference = delivery.headers[HEADER.dokumentlagerId] !== undefined && delivery.body.length === 0;
        if (!byReference) return referenceReceiverSteps.handle(steps, context, delivery);
        // The departure: an empty body taken as an empty report, and answered as handled.
        const mottatt = mottattForDelivery(delivery);
        if (mottatt !== undefined) await sendReceiptUntilAccepted(context, mottatt);
        steps.ack(context, delivery);
      },
    },
  }),
};
