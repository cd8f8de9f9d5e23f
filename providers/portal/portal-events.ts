// What the portal tells the history: plain JSON-serialisable records, each stamped `at` (ms since
// the epoch, from the portal's clock). Events are emitted only after the change they describe has
// committed, so the history never shows a state the portal's database does not hold.
import type { ReportType } from '../../contracts/message-types.ts';
import type { PortalState, TransitionCause } from './portal-states.ts';

export type ReceiptKind = 'mottatt' | 'feilet' | 'serverfeil' | 'tidsavbrudd';

/**
 * Why a receipt changed nothing:
 * - unreadable: not a well-formed receipt (no svar-til, not a receipt type, bad headers);
 * - misattributed: its svar-til is no melding-id this portal ever sent;
 * - final: the report is LEVERT already (by mottatt or by post), and a final state never moves;
 * - superseded: a platform notice (tidsavbrudd, serverfeil) about an older send of a report that
 *   has been sent again since; it says nothing about the newer copy;
 * - duplicate: this receipt's melding-id was handled before (a redelivery).
 */
export type ReceiptIgnoredReason = 'unreadable' | 'misattributed' | 'final' | 'superseded' | 'duplicate';

export type RetentionPolicyKind = 'days-after-mottatt' | 'read-back-confirmed';

/** What one read-back showed; unknown when the answer could not be trusted (ReadBackError). */
export type ReadBackOutcome = 'match' | 'not-found' | 'different' | 'unknown';

export type PortalEvent =
  | {
      readonly type: 'accepted';
      readonly at: number;
      readonly bekymringsmeldingId: string;
      readonly meldingstype: ReportType;
      readonly mottakerKontoId: string;
      readonly klientMeldingId: string;
    }
  | {
      readonly type: 'sent';
      readonly at: number;
      readonly bekymringsmeldingId: string;
      readonly meldingId: string;
      /** 1 for the first send, 2 for the first resend, … */
      readonly attempt: number;
      readonly ttlMs: number;
    }
  | { readonly type: 'send-failed'; readonly at: number; readonly bekymringsmeldingId: string; readonly error: string }
  | {
      readonly type: 'state-changed';
      readonly at: number;
      readonly bekymringsmeldingId: string;
      readonly from: PortalState;
      readonly to: PortalState;
      readonly cause: TransitionCause;
      /** The receipt that caused it, when one did. */
      readonly receiptMeldingId?: string;
    }
  | {
      readonly type: 'receipt';
      readonly at: number;
      readonly kind: ReceiptKind;
      readonly svarTil: string;
      readonly meldingId: string;
      /** The report svar-til belongs to; absent when it belongs to none. */
      readonly bekymringsmeldingId?: string;
      /** feilet's feilmelding.json melding, when it had one. */
      readonly melding?: string;
    }
  | {
      readonly type: 'receipt-ignored';
      readonly at: number;
      readonly reason: ReceiptIgnoredReason;
      readonly svarTil?: string;
      readonly meldingId?: string;
      readonly bekymringsmeldingId?: string;
      readonly detail: string;
    }
  | {
      readonly type: 'read-back';
      readonly at: number;
      readonly bekymringsmeldingId: string;
      readonly outcome: ReadBackOutcome;
      /** What differs, or why the answer is unknown; empty on a match. */
      readonly details: readonly string[];
    }
  | { readonly type: 'purged'; readonly at: number; readonly bekymringsmeldingId: string; readonly policy: RetentionPolicyKind }
  | {
      readonly type: 'alarm';
      readonly at: number;
      readonly bekymringsmeldingId: string;
      readonly reason: 'not-found' | 'different';
      readonly details: readonly string[];
    };

export type PortalEventType = PortalEvent['type'];
