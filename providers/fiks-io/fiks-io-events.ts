// What the simulator tells the history: plain JSON-serialisable records, each stamped with the
// simulator's clock. `dropped-silently` matters most: Fiks IO tells the sender nothing after a
// nack, so only this record shows the message vanished.
import type { DeadLetterReason } from './transport/queue-transport.ts';

export type FiksIoEvent =
  | {
      readonly kind: 'sent';
      readonly at: number;
      readonly meldingId: string;
      readonly type: string;
      readonly from: string;
      readonly to: string;
      /** Payload size as sent, also when it went by dokumentlager reference. */
      readonly bytes: number;
      readonly viaDokumentlager: boolean;
    }
  | { readonly kind: 'dead-lettered'; readonly at: number; readonly meldingId: string; readonly reason: DeadLetterReason }
  | {
      readonly kind: 'platform-receipt-sent';
      readonly at: number;
      /** The melding-id of the message the receipt is about. */
      readonly svarTil: string;
      readonly type: string;
      /** The receipt's own melding-id. */
      readonly meldingId: string;
      readonly to: string;
    }
  | {
      /** The platform could not deliver its receipt (the transport failed); the sender hears nothing. */
      readonly kind: 'platform-receipt-failed';
      readonly at: number;
      readonly svarTil: string;
      readonly type: string;
      readonly to: string;
      readonly error: string;
    }
  | { readonly kind: 'dropped-silently'; readonly at: number; readonly meldingId: string };

export type FiksIoEventKind = FiksIoEvent['kind'];
