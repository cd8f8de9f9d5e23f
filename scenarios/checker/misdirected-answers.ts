// Answers that name the wrong delivery, seen from outside. A receiver that answers with the
// melding-id of some other message it has in hand (one "current message" variable shared by
// concurrent handlers, a lookup by the wrong key) leaves two traces the checker can count:
//
//   - a melding-id answered (mottatt or feilet, distinct receipts) MORE often than the broker
//     delivered it: every delivery is handled once, so at most one answer each is its own;
//   - a report the receiver took and never answered, so the portal's deadline passed for it
//     (it was posted after two working days): its answer went somewhere.
//
// Either alone can be innocent: a correct receiver whose send was accepted but whose response was
// lost sends its receipt again (two answers, one delivery), and a receiver that drops a message
// in silence leaves it unanswered without naming anything else. Both in one run is the wrong
// delivery answered: the answers beyond their deliveries are misattributed, and so are the
// reports left without one. This never fails a correct receiver — it only renames reports that
// already fail as unanswered, and names answers that come with them — and it is linear: one
// count per receipt.
import type { ReceiptEvidence } from './check-result.ts';
import type { MeldingFacts } from './history-facts.ts';

export interface AnsweredBeyondDeliveries {
  readonly svarTil: string;
  /** Distinct answers from the case system (mottatt, feilet) naming it. */
  readonly answers: number;
  readonly deliveries: number;
  /** The answers after the `deliveries`-th, in the order they arrived. */
  readonly extra: readonly ReceiptEvidence[];
}

const NONE: readonly AnsweredBeyondDeliveries[] = [];

/** For one report's receipts: the melding-ids answered more often than they were delivered. */
export function answersBeyondDeliveries(receipts: readonly ReceiptEvidence[], meldinger: ReadonlyMap<string, MeldingFacts>): readonly AnsweredBeyondDeliveries[] {
  // Most reports have one answer, for a delivered melding-id: nothing to count, nothing to allocate.
  if (receipts.length === 0) return NONE;
  const [only] = receipts;
  if (receipts.length === 1 && only !== undefined) {
    const answer = only.kind === 'mottatt' || only.kind === 'feilet';
    // Delivered before it arrived means delivered at least once: no lookup needed for that.
    if (!answer || only.deliveredBefore || (meldinger.get(only.svarTil)?.deliveries ?? 0) >= 1) return NONE;
  }
  const bySvarTil = new Map<string, ReceiptEvidence[]>();
  const seen = new Set<string>();
  for (const receipt of receipts) {
    if (receipt.kind !== 'mottatt' && receipt.kind !== 'feilet') continue;
    // The same receipt redelivered to the portal is one answer, not two.
    if (seen.has(receipt.meldingId)) continue;
    seen.add(receipt.meldingId);
    let list = bySvarTil.get(receipt.svarTil);
    if (list === undefined) bySvarTil.set(receipt.svarTil, (list = []));
    list.push(receipt);
  }
  const beyond: AnsweredBeyondDeliveries[] = [];
  for (const [svarTil, answers] of bySvarTil) {
    const deliveries = meldinger.get(svarTil)?.deliveries ?? 0;
    if (answers.length <= deliveries) continue;
    const inOrder = [...answers].sort((a, b) => a.seq - b.seq);
    beyond.push({ svarTil, answers: answers.length, deliveries, extra: inOrder.slice(deliveries) });
  }
  return beyond;
}

/** What the whole run shows, handed to each report's judgement once both traces are present. */
export interface Misdirection {
  /** Reports delivered, never answered, for which the portal's deadline passed. */
  readonly unanswered: readonly string[];
  /** Melding-ids answered beyond their deliveries, with the report each belongs to. */
  readonly overAnswered: readonly (AnsweredBeyondDeliveries & { readonly reportId: string })[];
}

/** How many examples a reason names. */
const EXAMPLES = 3;

export function describeUnanswered(misdirection: Misdirection): string {
  const shown = misdirection.unanswered.slice(0, EXAMPLES).join(', ');
  const more = misdirection.unanswered.length > EXAMPLES ? ` and ${misdirection.unanswered.length - EXAMPLES} more` : '';
  return `${misdirection.unanswered.length} report(s) the receiver took were never answered (${shown}${more})`;
}

export function describeOverAnswered(misdirection: Misdirection): string {
  const shown = misdirection.overAnswered
    .slice(0, EXAMPLES)
    .map((each) => `${each.svarTil} of report ${each.reportId}: ${each.answers} answers, ${each.deliveries} ${each.deliveries === 1 ? 'delivery' : 'deliveries'}`)
    .join('; ');
  const more = misdirection.overAnswered.length > EXAMPLES ? `; and ${misdirection.overAnswered.length - EXAMPLES} more` : '';
  return `${misdirection.overAnswered.length} melding-id(s) were answered more often than delivered (${shown}${more})`;
}
