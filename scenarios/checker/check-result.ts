// What checkHistory returns: plain JSON values (no Map, no class), so a result goes into the run's
// report folder as it is. Evidence names melding-ids, seqs, JSON paths, character positions and
// digests — never the text of a report.
import type { DeadLetterReason } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { PortalState, TransitionCause } from '../../providers/portal/portal-states.ts';
import type { HistoryReceiptKind, OperationOutcome, ReadBackEventOutcome } from '../history/history-event.ts';
import type { Validity } from './validity.ts';
import type { ReportFlag, Verdict } from './verdicts.ts';

export interface ReceiptEvidence {
  readonly seq: number;
  readonly kind: Exclude<HistoryReceiptKind, 'unreadable'>;
  /** The receipt's own melding-id. */
  readonly meldingId: string;
  readonly svarTil: string;
  /** Was svar-til delivered to the receiver before this receipt arrived? (Platform receipts: not asked.) */
  readonly deliveredBefore: boolean;
}

export interface MisattributedReceipt extends ReceiptEvidence {
  /**
   * unknown-svar-til: no melding-id the portal sent; not-delivered-before: the receiver answered a
   * message it had not been given; answers-another-delivery: an answer beyond the deliveries of
   * the melding-id it names, in a run where reports the receiver took went unanswered.
   */
  readonly why: 'unknown-svar-til' | 'not-delivered-before' | 'answers-another-delivery';
  /** The report svar-til belongs to, when it belongs to one. */
  readonly reportId?: string;
}

export interface UnreadableReceipt {
  readonly seq: number;
  readonly detail: string;
  readonly svarTil?: string;
  readonly meldingId?: string;
}

export interface ReadBackEvidence {
  readonly seq: number;
  readonly outcome: ReadBackEventOutcome;
  readonly antallSaker?: number;
  /** What differs from what was submitted, by path and position; empty when it is all equal. */
  readonly differences: readonly string[];
  /** With outcome unknown: why the answer could not be trusted. */
  readonly error?: string;
}

export interface ReportEvidence {
  readonly reportId: string;
  readonly verdict: Verdict;
  readonly flags: readonly ReportFlag[];
  /** Why this verdict, in words. */
  readonly reasons: readonly string[];
  readonly submittedSeq?: number;
  /** Every melding-id the portal sent it under, in order (one per send). */
  readonly meldingIds: readonly string[];
  readonly sendFailures: number;
  /** Its melding-ids the broker delivered, in the order of first delivery. */
  readonly delivered: readonly string[];
  readonly deliveries: number;
  readonly receipts: readonly ReceiptEvidence[];
  readonly nacked: readonly string[];
  readonly deadLettered: readonly { readonly meldingId: string; readonly reason: DeadLetterReason }[];
  readonly finalPortalState?: { readonly seq: number; readonly state: PortalState; readonly cause: TransitionCause };
  /** The final read-back: the last one in the history. */
  readonly readBack?: ReadBackEvidence;
}

export interface FaultEvidence {
  readonly faultId: string;
  readonly name: string;
  readonly injectedSeq?: number;
  readonly healedSeq?: number;
  /** The evidence that it fired, as the fault recorded it. */
  readonly evidence?: unknown;
}

export interface CheckerError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface CheckResult {
  readonly valid: Validity;
  /** Why the run is false or unknown, in words; empty when it is true. */
  readonly reasons: readonly string[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** The reports with each primary verdict, in the order the history first names them. */
  readonly reports: Readonly<Record<Verdict, readonly string[]>>;
  readonly misattributedReceipts: readonly MisattributedReceipt[];
  /** Arrived at the portal but were no receipt; they answer nothing. */
  readonly unreadableReceipts: readonly UnreadableReceipt[];
  readonly faults: readonly FaultEvidence[];
  readonly operations: Readonly<Record<OperationOutcome, number>>;
  readonly events: number;
  readonly perReport: Readonly<Record<string, ReportEvidence>>;
  /** Set only when the checker itself failed (safeCheck): the run's validity is then unknown. */
  readonly error?: CheckerError;
}
