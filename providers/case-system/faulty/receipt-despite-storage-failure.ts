// The fault of 2020–2023 (Visma Familia; 63 reports in 22 municipalities lost for good): storing
// the report fails, the error is logged, and mottatt is sent anyway, then the message is acked.
// The portal takes mottatt as final and deletes its copy later; nobody holds the report.
import { sendReceiptUntilAccepted } from '../reference/receiver-send-receipt.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';
import { mottattForDelivery } from './mottatt-for-delivery.ts';

export const receiptDespiteStorageFailure: FaultyReceiver = {
  name: 'receipt-despite-storage-failure',
  description: 'when storing the report fails it logs the error, sends mottatt anyway and acks (the 2020–2023 fault)',
  rule: RULES.mottattWhenStored,
  expectedVerdict: 'lost',
  needsFault: 'storage-outage',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async release(context, delivery, stage, error) {
        if (stage !== 'store') return referenceReceiverSteps.release(context, delivery, stage, error);
        // Where the reference hands the message back to the queue, this one carries on as if it
        // had stored it (the error went to a log nobody read).
        const mottatt = mottattForDelivery(delivery);
        if (mottatt !== undefined) await sendReceiptUntilAccepted(context, mottatt);
        referenceReceiverSteps.ack(context, delivery);
      },
    },
  }),
};
