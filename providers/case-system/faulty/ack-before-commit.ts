// The message is acked the moment it is delivered, and handled after. While nothing fails this
// looks right; when the process dies (or storage fails) before the commit, the message is gone
// from the queue, nothing is stored, and no receipt is sent. The portal hears nothing and falls
// back to letter post after 2 working days: delayed, not lost — so the checker says unanswered.
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const ackBeforeCommit: FaultyReceiver = {
  name: 'ack-before-commit',
  description: 'acks each message as soon as it is delivered, then parses, stores and answers it',
  rule: RULES.ackAfterHandled,
  expectedVerdict: 'unanswered',
  needsFault: 'crash-after-delivery',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async handle(steps, context, delivery) {
        // The departure: from here on nothing can hand the message back.
        steps.ack(context, delivery);
        const parsed = await steps.parse(context, delivery);
        if (!parsed.ok) return steps.refuse(context, parsed, delivery);
        const stored = await steps.store(context, parsed);
        await steps.sendReceipts(context, parsed, stored);
      },
    },
  }),
};
