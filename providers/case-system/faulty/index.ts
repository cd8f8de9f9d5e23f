// The catalogue of faulty receivers: each a small, named departure from the reference receiver,
// the rule it breaks and the verdict the checker should give. `ackproof faults` lists them;
// `ackproof run --adapter faulty:<name>` runs one.
import { ackBeforeCommit } from './ack-before-commit.ts';
import { alwaysAckWithoutFeilet } from './always-ack-without-feilet.ts';
import { dropsPdf } from './drops-pdf.ts';
import type { FaultyReceiver } from './faulty-receiver.ts';
import { ignoresDokumentlager } from './ignores-dokumentlager.ts';
import { manglesNorwegianLetters } from './mangles-norwegian-letters.ts';
import { misroute } from './misroute.ts';
import { nackOnError } from './nack-on-error.ts';
import { notIdempotent } from './not-idempotent.ts';
import { receiptBeforeCommit } from './receipt-before-commit.ts';
import { receiptDespiteStorageFailure } from './receipt-despite-storage-failure.ts';
import { rejectsV1 } from './rejects-v1.ts';
import { truncatesLongTexts } from './truncates-long-texts.ts';
import { writeBehindCache } from './write-behind-cache.ts';
import { wrongCorrelation } from './wrong-correlation.ts';

export { type FaultyReceiver, type ReceiverVariant, RULES } from './faulty-receiver.ts';

export const FAULTY_RECEIVERS: readonly FaultyReceiver[] = [
  receiptBeforeCommit,
  receiptDespiteStorageFailure,
  ackBeforeCommit,
  nackOnError,
  alwaysAckWithoutFeilet,
  notIdempotent,
  wrongCorrelation,
  misroute,
  truncatesLongTexts,
  manglesNorwegianLetters,
  dropsPdf,
  ignoresDokumentlager,
  rejectsV1,
  writeBehindCache,
];

/** The faulty receiver of that name; throws, listing the names, when there is none. */
export function faultyReceiver(name: string): FaultyReceiver {
  const found = FAULTY_RECEIVERS.find((receiver) => receiver.name === name);
  if (found === undefined) {
    throw new RangeError(`faultyReceiver: no faulty receiver named ${JSON.stringify(name)}; the faulty receivers are: ${FAULTY_RECEIVERS.map((receiver) => receiver.name).join(', ')}`);
  }
  return found;
}
