// What a receiver tells the history, one record per step of its work on a delivery: plain
// JSON-serialisable records stamped with the receiver's clock. The order of the records for one
// melding-id IS the receiver's behaviour (stored before receipt-sent before acked, for the
// reference), which is what a checker reads to tell a correct receiver from a fake acknowledgement.

/**
 * Where the receiver was when the outcome became unknown (the message goes back to the queue);
 * 'unknown' when a step failed in a way the steps do not handle themselves.
 */
export type ReceiverStage = 'parse' | 'store' | 'receipt' | 'ack' | 'unknown';

export type ReceiverEvent =
  | {
      readonly kind: 'delivered';
      readonly at: number;
      readonly meldingId: string | null;
      readonly type: string | null;
      readonly bekymringsmeldingId: string | null;
      readonly redelivered: boolean;
      readonly deliveryCount: number;
    }
  | {
      /** Committed: 'stored' made a new case, 'already-stored' found the report in the inbox (no second case). */
      readonly kind: 'stored' | 'already-stored';
      readonly at: number;
      readonly meldingId: string;
      readonly bekymringsmeldingId: string;
      readonly outboxId: number;
    }
  | {
      /** The message cannot be taken (poison, unknown type, schema-invalid): answered with feilet, then acked. */
      readonly kind: 'failed';
      readonly at: number;
      readonly meldingId: string | null;
      readonly bekymringsmeldingId: string | null;
      readonly melding: string;
    }
  | {
      readonly kind: 'receipt-sent';
      readonly at: number;
      /** The melding-id answered. */
      readonly svarTil: string;
      readonly type: string;
      /** The receipt's own melding-id, as Fiks IO assigned it. */
      readonly receiptMeldingId: string;
      /** 1 when the first send was accepted. */
      readonly attempts: number;
    }
  | {
      /** The send API did not accept the receipt (outcome unknown); it is sent again after retryInMs. */
      readonly kind: 'receipt-retry';
      readonly at: number;
      readonly svarTil: string;
      readonly type: string;
      readonly attempt: number;
      readonly retryInMs: number;
      readonly error: string;
    }
  | {
      /** The send API refused the receipt for good (e.g. no such account): nobody can be told. */
      readonly kind: 'receipt-refused';
      readonly at: number;
      readonly svarTil: string | null;
      readonly type: string;
      readonly error: string;
    }
  | { readonly kind: 'acked'; readonly at: number; readonly meldingId: string | null }
  | {
      /** The outcome is unknown (storage outage, a crash in parsing): not answered, not acked; the message comes back. */
      readonly kind: 'requeued';
      readonly at: number;
      readonly meldingId: string | null;
      readonly stage: ReceiverStage;
      readonly error: string;
    }
  | {
      /** A step could not finish because the receiver stopped or lost its channel: the message comes back by itself. */
      readonly kind: 'abandoned';
      readonly at: number;
      readonly meldingId: string | null;
      readonly stage: ReceiverStage;
      readonly error: string;
    };

export type ReceiverEventKind = ReceiverEvent['kind'];
