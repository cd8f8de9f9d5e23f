// The report's JSON is stored, its PDF (the report as the reporter saw and signed off on it) is not.
import { referenceSteps } from '../reference/case-store.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const dropsPdf: FaultyReceiver = {
  name: 'drops-pdf',
  description: 'stores bekymringsmelding.json but not bekymringsmelding.pdf',
  rule: RULES.noLoss,
  expectedVerdict: 'lost',
  needsFault: null,
  variant: () => ({
    storeSteps: {
      ...referenceSteps,
      caseRecord: (parsed) => ({ ...referenceSteps.caseRecord(parsed), pdf: null, pdfSha256: null }),
    },
  }),
};
