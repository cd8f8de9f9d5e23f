// One run's history is a list of these, in the order they happened (Jepsen's method). Every event
// is something observable from OUTSIDE the case system under test: what the portal sent and was
// told, what the broker delivered and saw settled, what faults were injected, and what the
// read-back API answered at the end. Nothing a receiver says about its own internals belongs
// here: the checker must judge receivers nobody here has seen, in any language.
//
// Plain JSON values only, so a history written to disk and read back is the same history.
import type { ReportType } from '../../contracts/message-types.ts';
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import type { PortalState, TransitionCause } from '../../providers/portal/portal-states.ts';
import type { DeadLetterReason } from '../../providers/fiks-io/transport/queue-transport.ts';

/** A report's validity as sent; when invalid, its first problems as the checker's reasons quote them. */
export type SubmittedValidity = { readonly valid: true } | { readonly valid: false; readonly problems: string; readonly problemCount: number };

/** What arrived at the portal: the case system's two answers, the platform's two, or garbage. */
export type HistoryReceiptKind = 'mottatt' | 'feilet' | 'tidsavbrudd' | 'serverfeil' | 'unreadable';

/** Three-valued, as Jepsen's: a timeout or a crash leaves the outcome unknown, never 'fail'. */
export type OperationOutcome = 'ok' | 'fail' | 'unknown';

export type ReadBackEventOutcome = 'found' | 'not-found' | 'unknown';

/** An event as it is handed to the history; the history stamps `seq` and `at`. */
export type HistoryEventBody =
  | {
      readonly event: 'report-submitted';
      readonly reportId: string;
      readonly meldingstype: ReportType;
      readonly kommunenummer: string;
      readonly bydelsnummer: string;
      /** contentSha256() of bekymringsmelding.json as sent (canonical: key order free). */
      readonly contentSha256: string;
      /** SHA-256 (hex) of bekymringsmelding.pdf as sent. */
      readonly pdfSha256: string;
      /**
       * bekymringsmelding.json as sent, when the run keeps it: lets the checker name WHERE a stored
       * copy differs (JSON paths, character positions). The verdict never needs it: the digest decides.
       */
      readonly content?: unknown;
      /**
       * Whether the content as sent is valid against the schema of its own type, judged as it was
       * recorded: all the checker's refusal judgement needs, for a run too large to keep every
       * report's content (a national year's texts alone are over a gigabyte).
       */
      readonly validity?: SubmittedValidity;
    }
  | { readonly event: 'sent'; readonly reportId: string; readonly meldingId: string }
  | { readonly event: 'send-failed'; readonly reportId: string; readonly error: string }
  | {
      readonly event: 'delivered';
      readonly meldingId: string;
      /** Deliveries before this one, as the broker counts them: 0 on the first. */
      readonly deliveryCount: number;
      readonly redelivered: boolean;
    }
  | { readonly event: 'acked'; readonly meldingId: string }
  | { readonly event: 'nacked'; readonly meldingId: string }
  | { readonly event: 'dead-lettered'; readonly meldingId: string; readonly reason: DeadLetterReason }
  | {
      readonly event: 'receipt';
      readonly kind: Exclude<HistoryReceiptKind, 'unreadable'>;
      /** The melding-id the receipt answers. */
      readonly svarTil: string;
      /** The receipt's own melding-id: the same on a redelivery of the same receipt. */
      readonly meldingId: string;
    }
  | {
      /** Arrived at the portal but is no well-formed receipt; what it claimed, where it said anything. */
      readonly event: 'receipt';
      readonly kind: 'unreadable';
      readonly svarTil?: string;
      readonly meldingId?: string;
      readonly detail: string;
    }
  | { readonly event: 'portal-state'; readonly reportId: string; readonly from: PortalState; readonly to: PortalState; readonly cause: TransitionCause }
  | { readonly event: 'fault-injected'; readonly faultId: string; readonly name: string; readonly evidence: unknown }
  | { readonly event: 'fault-healed'; readonly faultId: string; readonly name: string; readonly evidence: unknown }
  | {
      readonly event: 'read-back';
      readonly reportId: string;
      /** unknown: the answer could not be trusted (an error, a broken body); never "not stored". */
      readonly outcome: ReadBackEventOutcome;
      /** With outcome found. */
      readonly readBack?: ReadBack;
      /** With outcome unknown: why. */
      readonly error?: string;
      /**
       * For a read-back made DURING the run (a probe, e.g. as each mottatt arrives): the seq of the
       * last event in the history when it was asked. A mottatt at or before that seq promised the
       * report was stored, so a trustworthy answer that does not hold it shows the receipt came
       * before the durable write — even if a redelivery stores it later. Without it, only the
       * final read-back (the last one for the report) is judged: an answer may have been asked
       * for before a mottatt that is recorded ahead of it.
       */
      readonly askedAfterSeq?: number;
    }
  | { readonly event: 'operation'; readonly op: string; readonly outcome: OperationOutcome; readonly detail?: unknown };

/** Stamps distributed over the union, so narrowing on `event` still works on a HistoryEvent. */
type Stamped<T> = T extends unknown ? T & { readonly seq: number; readonly at: number } : never;

/** An event in the history: `seq` its position (0, 1, 2, …), `at` ms from the run's clock. */
export type HistoryEvent = Stamped<HistoryEventBody>;

export type HistoryEventName = HistoryEvent['event'];

export type HistoryEventOf<Name extends HistoryEventName> = Extract<HistoryEvent, { readonly event: Name }>;

// A record, not a list, so the compiler says when a new event name is missing here.
const EVENT_NAMES: Readonly<Record<HistoryEventName, true>> = {
  'report-submitted': true,
  sent: true,
  'send-failed': true,
  delivered: true,
  acked: true,
  nacked: true,
  'dead-lettered': true,
  receipt: true,
  'portal-state': true,
  'fault-injected': true,
  'fault-healed': true,
  'read-back': true,
  operation: true,
};

export const HISTORY_EVENT_NAMES: readonly HistoryEventName[] = Object.keys(EVENT_NAMES) as HistoryEventName[];

export function isHistoryEventName(value: unknown): value is HistoryEventName {
  return typeof value === 'string' && Object.hasOwn(EVENT_NAMES, value);
}
