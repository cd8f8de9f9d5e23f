// A consumer with one try/catch around its handler and a nack in the catch: when storing fails, or
// the message cannot be read, the message is nacked. Fiks IO drops a nacked message and tells
// nobody: the portal waits 2 working days for an answer that never comes, then sends it by post.
// (The reference hands a message whose outcome is unknown back to the queue, and answers one it
// cannot read with feilet.)
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const nackOnError: FaultyReceiver = {
  name: 'nack-on-error',
  description: 'nacks the message when storing it fails or it cannot be read; Fiks IO drops it without telling the portal',
  rule: RULES.neverNack,
  expectedVerdict: 'unanswered',
  needsFault: 'storage-outage',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async handle(steps, context, delivery) {
        try {
          const parsed = await steps.parse(context, delivery);
          if (!parsed.ok) throw new Error(parsed.melding);
          const stored = await steps.store(context, parsed);
          await steps.sendReceipts(context, parsed, stored);
          steps.ack(context, delivery);
        } catch {
          // The departure: whatever went wrong, the message is thrown away.
          delivery.nack();
        }
      },
    },
  }),
};
