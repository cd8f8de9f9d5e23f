// A receiver upgraded to v2 that refuses v1: every v1 report (still about one in seven) is answered
// feilet and goes to letter post, although a v2 receiver must accept v1. The checker validates each
// refused report against its own (v1) schema: valid, and v1-message excuses nothing, so the
// refusal is wrongly-refused.
import { describeReportType } from '../../../contracts/message-types.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const rejectsV1: FaultyReceiver = {
  name: 'rejects-v1',
  description: 'answers feilet to every v1 report (privat.v1, offentlig.v1) although it must accept v1',
  rule: RULES.v2AcceptsV1,
  expectedVerdict: 'wrongly-refused',
  needsFault: 'v1-message',
  variant: () => ({
    steps: {
      ...referenceReceiverSteps,
      async parse(context, delivery) {
        const parsed = await referenceReceiverSteps.parse(context, delivery);
        if (!parsed.ok || describeReportType(parsed.meldingstype).version !== 1) return parsed;
        // The departure: a valid v1 report turned into a message it "cannot take".
        return {
          ok: false,
          meldingId: parsed.meldingId,
          bekymringsmeldingId: parsed.bekymringsmeldingId,
          melding: `Meldingstypen ${parsed.meldingstype} støttes ikke; dette fagsystemet tar bare imot v2.`,
        };
      },
    },
  }),
};
