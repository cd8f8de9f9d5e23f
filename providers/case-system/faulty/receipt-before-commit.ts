// mottatt goes out as soon as the report is parsed, and the transaction commits after it. Nothing
// is visibly wrong while storage works; when the commit fails for good (the message comes back,
// fails again, ends in the dead-letter queue) or the process dies between the two, the portal has
// a mottatt for a report the case system does not hold.
import { sendReceiptUntilAccepted } from '../reference/receiver-send-receipt.ts';
import { markReceiptSent, mottattFor } from '../reference/case-store.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const receiptBeforeCommit: FaultyReceiver = {
  name: 'receipt-before-commit',
  description: 'sends mottatt before its database transaction commits, then commits',
  rule: RULES.mottattWhenStored,
  expectedVerdict: 'lost',
  needsFault: 'storage-outage',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async store(context, parsed) {
        // The departure: the promise first, the durable write second.
        await sendReceiptUntilAccepted(context, mottattFor(parsed));
        return referenceReceiverSteps.store(context, parsed);
      },
      async sendReceipts(context, _parsed, stored) {
        // Its mottatt went out before the commit; the outbox row is only marked, so it goes out once.
        await markReceiptSent(context.db, stored.outboxId, new Date(context.clock.now()));
      },
    },
  }),
};
