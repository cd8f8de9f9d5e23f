// No inbox: every delivery of a report makes a case, so a redelivery (the receiver died after the
// commit, before the ack) or a resend by the portal leaves two cases for one child.
import { referenceSteps } from '../reference/case-store.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const notIdempotent: FaultyReceiver = {
  name: 'not-idempotent',
  description: 'does not check whether it has the report already: a redelivery or a resend makes a second case',
  rule: RULES.noLoss,
  expectedVerdict: 'duplicated',
  needsFault: 'redelivery',
  variant: () => ({
    // The departure: every report counts as new.
    storeSteps: { ...referenceSteps, claimInbox: () => Promise.resolve(true) },
  }),
};
