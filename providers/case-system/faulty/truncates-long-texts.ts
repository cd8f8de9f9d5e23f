// A text column of 4,000 characters (Oracle's classic VARCHAR2 limit) cuts every longer text: the
// concern itself, the history, the other views. About a quarter of real texts are longer.
import { referenceSteps } from '../reference/case-store.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export const TEXT_COLUMN_CHARACTERS = 4_000;

function cutTexts(value: unknown): unknown {
  if (typeof value === 'string') return value.length > TEXT_COLUMN_CHARACTERS ? value.slice(0, TEXT_COLUMN_CHARACTERS) : value;
  if (Array.isArray(value)) return value.map(cutTexts);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cutTexts(inner)]));
  return value;
}

export const truncatesLongTexts: FaultyReceiver = {
  name: 'truncates-long-texts',
  description: `cuts every text longer than ${TEXT_COLUMN_CHARACTERS.toLocaleString('en')} characters when it stores the report`,
  rule: RULES.noLoss,
  expectedVerdict: 'lost',
  needsFault: null,
  variant: () => ({
    storeSteps: {
      ...referenceSteps,
      caseRecord: (parsed) => ({ ...referenceSteps.caseRecord(parsed), contentJson: JSON.stringify(cutTexts(parsed.content)) }),
    },
  }),
};
