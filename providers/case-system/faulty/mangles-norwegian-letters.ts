// The report's UTF-8 is read as Windows-1252 on its way into the database, so "Bjørn Ødegård" is
// stored as "BjÃ¸rn Ã˜degÃ¥rd": names, addresses and the concern itself, in every report with an
// æ, ø or å — which is nearly every report.
import { referenceSteps } from '../reference/case-store.ts';
import { type FaultyReceiver, RULES } from './faulty-receiver.ts';

export function misdecoded(text: string): string {
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));
}

export const manglesNorwegianLetters: FaultyReceiver = {
  name: 'mangles-norwegian-letters',
  description: 'stores the report\'s text decoded as Windows-1252 instead of UTF-8, so æ, ø, å become "Ã¦", "Ã¸", "Ã¥"',
  rule: RULES.noLoss,
  expectedVerdict: 'lost',
  needsFault: null,
  variant: () => ({
    storeSteps: {
      ...referenceSteps,
      caseRecord: (parsed) => ({ ...referenceSteps.caseRecord(parsed), contentJson: misdecoded(parsed.contentJson) }),
    },
  }),
};
