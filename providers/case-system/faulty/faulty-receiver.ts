// What one entry of the catalogue of faulty receivers is: a named, small departure from the
// reference receiver (a step or two of ReceiverSteps or CaseStoreSteps replaced), the rule it
// breaks, and what the checker should say about it. DESIGN.md, "Faults": every fault in the
// catalogue has a faulty adapter that it catches, and the reference adapter passes it.
import type { Verdict } from '../../../scenarios/checker/verdicts.ts';
import type { CaseStoreSteps } from '../reference/case-store.ts';
import type { ReceiverSteps } from '../reference/receiver-steps.ts';

/** What replaces the reference in one receiver; what it leaves out stays the reference's. */
export interface ReceiverVariant {
  readonly steps?: ReceiverSteps;
  readonly storeSteps?: CaseStoreSteps;
}

export interface FaultyReceiver {
  /** kebab-case; the adapter is `faulty:<name>`. */
  readonly name: string;
  /** One line a vendor understands: what the receiver does wrong. */
  readonly description: string;
  /** The rule it breaks, quoted (see RULES). */
  readonly rule: string;
  /** The checker's verdict for the reports its fault touches. */
  readonly expectedVerdict: Verdict;
  /**
   * The fault that must be present for it to show (named for the fault engine to map), or null
   * when an ordinary run shows it.
   */
  readonly needsFault: string | null;
  /** Fresh steps for one receiver: some variants keep state, which must not outlive a receiver. */
  variant(): ReceiverVariant;
}

/** The rules the catalogue breaks, quoted from their sources (DESIGN.md). */
export const RULES = {
  ackAfterHandled: 'KS best practice: "ack only after the message is safely handled (typically persisted), never before"',
  feiletThenAck: 'KS best practice: "on failure send the protocol\'s error reply and then ack"',
  neverNack: 'KS best practice: "never use nack"',
  mottattWhenStored: 'Concern-report protocol: "send mottatt when the report is imported and stored"',
  svarTil: 'Concern-report protocol: a receipt\'s svar-til is "the incoming melding-id"',
  v2AcceptsV1: 'Concern-report protocol: "a receiver that supports v2 must accept v1"',
  noLoss: "ackproof's no-loss invariant: a report answered mottatt is held exactly as sent, once, visible to the municipality/district it was sent to",
} as const;
