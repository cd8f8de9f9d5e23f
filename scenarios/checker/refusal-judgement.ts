// Was a feilet the receiver's right? The protocol: feilet is for a report the case system cannot
// import — a broken message, one that breaks KS's schema — and "a receiver that supports v2 must
// accept v1". The checker judges from outside: the history holds the report as the portal sent it
// (report-submitted's content), so it validates that report itself against the schema of its own
// type (v1 or v2) with the project's contract validators — or, for a run too large to keep every
// report's content, reads the validity the run judged as it recorded it (report-submitted's
// validity, the same validators and the same words). A valid report refused with no fault to
// excuse it (refusal-excuses.ts) is wrongly refused: the portal sends it by post although the case
// system could have taken it.
import { isReportType } from '../../contracts/message-types.ts';
import type { SubmittedValidity } from '../history/history-event.ts';
import { PROBLEMS_QUOTED, submittedValidity } from '../history/report-submitted.ts';
import type { ReceiptEvidence } from './check-result.ts';
import type { MeldingFacts, ReportFacts } from './history-facts.ts';

export type RefusalJudgement =
  /** No feilet for a delivered melding-id of it. */
  | { readonly kind: 'none' }
  /** Every feilet came while a fault excused it. */
  | { readonly kind: 'excused'; readonly reason: string }
  /** The report as sent breaks its schema: refusing it is what the protocol asks. */
  | { readonly kind: 'invalid'; readonly reason: string }
  /** Valid, and at least one feilet has no excuse. */
  | { readonly kind: 'wrong'; readonly reason: string }
  /** Whether it was valid cannot be told from the history. */
  | { readonly kind: 'unknown'; readonly reason: string };

const NONE: RefusalJudgement = { kind: 'none' };

/** A validity read from disk is only shape-checked as an object: this checks its fields. */
function isSubmittedValidity(value: unknown): value is SubmittedValidity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record['valid'] === true) return true;
  return record['valid'] === false && typeof record['problems'] === 'string' && Number.isSafeInteger(record['problemCount']);
}

export function judgeRefusal(facts: ReportFacts, receipts: readonly ReceiptEvidence[], meldinger: ReadonlyMap<string, MeldingFacts>): RefusalJudgement {
  if (!receipts.some((receipt) => receipt.kind === 'feilet')) return NONE;
  // A feilet for a melding-id not yet delivered is misattributed already; it refuses nothing seen.
  const feilet = receipts.filter((receipt) => receipt.kind === 'feilet' && receipt.deliveredBefore);
  if (feilet.length === 0) return NONE;
  const unexcused = feilet.filter((receipt) => meldinger.get(receipt.svarTil)?.refusalExcusedBy === undefined);
  if (unexcused.length === 0) {
    const by = [...new Set(feilet.map((receipt) => meldinger.get(receipt.svarTil)?.refusalExcusedBy ?? ''))].join(', ');
    return { kind: 'excused', reason: `answered feilet while a fault excused refusing it (${by}): the portal sends it by post` };
  }
  const submitted = facts.submitted;
  if (submitted === undefined) return { kind: 'unknown', reason: 'refused, and the history has no report-submitted for it: whether it was valid cannot be told' };
  const meldingstype: string = submitted.meldingstype;
  if (!isReportType(meldingstype)) {
    // Typed as a report type, but a history read from disk may say anything.
    return { kind: 'unknown', reason: `refused; report-submitted names meldingstype ${meldingstype}, which is no report type, so no schema says whether it was valid` };
  }
  // Read once: kept as the sent text, each read parses it (shared-content.ts).
  const content = submitted.content;
  let validity: SubmittedValidity;
  if (content !== undefined) validity = submittedValidity(meldingstype, content);
  else if (isSubmittedValidity(submitted.validity)) validity = submitted.validity;
  else {
    return { kind: 'unknown', reason: 'refused; the history kept no content for it (report-submitted without content), so whether it was valid cannot be told' };
  }
  if (!validity.valid) {
    const more = validity.problemCount > PROBLEMS_QUOTED ? ` and ${validity.problemCount - PROBLEMS_QUOTED} more` : '';
    return { kind: 'invalid', reason: `answered feilet, and the report as sent breaks the ${submitted.meldingstype} schema (${validity.problems}${more}): the portal sends it by post` };
  }
  const first = unexcused[0];
  const which = first === undefined ? 'feilet' : `feilet ${first.meldingId} (seq ${first.seq}) answering ${first.svarTil}`;
  return {
    kind: 'wrong',
    reason: `${which} refused a report that is valid against the ${submitted.meldingstype} schema, and no fault excuses it (none in force, none naming that melding-id): the portal sends it by post although the case system could have taken it`,
  };
}
