// Every report is filed under the whole municipality (bydelsnummer "00"), as by a case system set
// up without districts. In Oslo, Bergen and Trondheim the district's caseworkers, who answer for
// the child, never see it; in a municipality without districts nothing shows.
import { referenceSteps } from '../reference/case-store.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

/** The bydelsnummer of a municipality without districts. */
const WHOLE_MUNICIPALITY = '00';

export const misroute: FaultyReceiver = {
  name: 'misroute',
  description: 'files every report under the whole municipality (bydelsnummer "00"), out of sight of the district it was sent to',
  rule: RULES.noLoss,
  expectedVerdict: 'misrouted',
  needsFault: null,
  variant: () => ({
    storeSteps: {
      ...referenceSteps,
      caseRecord: (parsed) => ({ ...referenceSteps.caseRecord(parsed), bydelsnummer: WHOLE_MUNICIPALITY }),
    },
  }),
};
