// The receiver remembers "the message being handled" in one variable, as if it handled one at a
// time, and answers that one. With several deliveries in hand (prefetch > 1, the Java client's
// default is 10) the variable holds the latest delivery, so a report's mottatt names another
// report's melding-id: that report is LEVERT on the strength of someone else's commit, and the
// one really stored hears nothing and goes to letter post.
import { HEADER } from '../../../contracts/fiks-io-headers.ts';
import { markReceiptSent, pendingReceipt } from '../reference/case-store.ts';
import { sendReceiptUntilAccepted } from '../reference/receiver-send-receipt.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const wrongCorrelation: FaultyReceiver = {
  name: 'wrong-correlation',
  description: "with several messages in hand, answers with the melding-id of the latest delivery instead of the report's own",
  rule: RULES.svarTil,
  expectedVerdict: 'misattributed',
  needsFault: null,
  variant() {
    // One per receiver, shared by every delivery it has in hand: that sharing is the fault.
    let current: string | undefined;
    return {
      steps: {
        ...referenceReceiverSteps,
        parse(context, delivery) {
          current = delivery.headers[HEADER.meldingId];
          return referenceReceiverSteps.parse(context, delivery);
        },
        async sendReceipts(context, _parsed, stored) {
          const receipt = await pendingReceipt(context.db, stored.outboxId);
          if (receipt === undefined) return;
          const outcome = await sendReceiptUntilAccepted(context, { ...receipt, svarTil: current ?? receipt.svarTil });
          if (outcome.ok) await markReceiptSent(context.db, receipt.id, new Date(context.clock.now()));
        },
      },
    };
  },
};
