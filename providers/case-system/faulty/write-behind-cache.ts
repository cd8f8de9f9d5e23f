// Reports go into an in-memory cache, are answered mottatt and acked at once, and are written to
// the database a little later. Fast, and right as long as the process lives: when it dies (or is
// stopped) between the receipt and the write, the cache and every report in it are gone, and the
// portal holds a mottatt for each.
import { markReceiptSent, mottattFor } from '../reference/case-store.ts';
import { sendReceiptUntilAccepted } from '../reference/receiver-send-receipt.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

/** How long a report waits in the cache before it is written, on the receiver's clock. */
export const WRITE_BEHIND_DELAY_MS = 5_000;

export const writeBehindCache: FaultyReceiver = {
  name: 'write-behind-cache',
  description: `answers mottatt and acks when the report is in an in-memory cache; writes it to the database ${WRITE_BEHIND_DELAY_MS / 1000} s later`,
  rule: RULES.ackAfterHandled,
  expectedVerdict: 'lost',
  needsFault: 'crash-after-receipt',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async handle(steps, context, delivery) {
        let parsed;
        try {
          parsed = await steps.parse(context, delivery);
        } catch (error) {
          return steps.release(context, delivery, 'parse', error);
        }
        if (!parsed.ok) {
          await steps.refuse(context, parsed, delivery);
          steps.ack(context, delivery);
          return;
        }
        // The departure: promised and acked while the report lives only in this process.
        await sendReceiptUntilAccepted(context, mottattFor(parsed));
        steps.ack(context, delivery);
        // The cache's write-behind timer; stopping the receiver (a crash) cuts it short, and the
        // report with it.
        await context.sleep(WRITE_BEHIND_DELAY_MS, 'store');
        const stored = await steps.store(context, parsed);
        // Its mottatt went out long ago: the outbox row the store wrote is only marked.
        await markReceiptSent(context.db, stored.outboxId, new Date(context.clock.now()));
      },
    },
  }),
};
