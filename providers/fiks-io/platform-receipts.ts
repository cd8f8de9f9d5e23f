// What Fiks IO itself tells a sender when its message dies in the recipient's queue: tidsavbrudd
// when the TTL ran out, serverfeil.v1 after the delivery limit. A nack gets nothing at all — that
// silence is the platform's real behaviour, and exactly the fault ackproof must catch.
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { SERVERFEIL, TIDSAVBRUDD } from '../../contracts/message-types.ts';
import type { PlatformReceiptType } from '../../contracts/message-types.ts';
import type { DeadLetterReason, QueueMessage } from './transport/queue-transport.ts';

/**
 * The simulator's own account, the avsender-id of its platform receipts. A fixed UUID (the
 * delivery contract wants one); "f1c5" reads as "fiks".
 */
export const PLATFORM_KONTO_ID = 'f1c5f1c5-0000-4000-8000-000000000000';

/** The receipt a dead letter earns its sender; undefined for a nack, which Fiks IO drops silently. */
export function platformReceiptType(reason: DeadLetterReason): PlatformReceiptType | undefined {
  switch (reason) {
    case 'expired':
      return TIDSAVBRUDD;
    case 'delivery-limit':
      return SERVERFEIL;
    case 'rejected':
      return undefined;
  }
}

/** Headers only and an empty body, as Fiks IO sends them. */
export function platformReceipt(input: {
  readonly type: PlatformReceiptType;
  readonly meldingId: string;
  readonly svarTil: string;
  readonly svarTilType: string | undefined;
}): QueueMessage {
  const headers: Record<string, string> = {
    [HEADER.avsenderId]: PLATFORM_KONTO_ID,
    [HEADER.meldingId]: input.meldingId,
    [HEADER.type]: input.type,
    [HEADER.svarTil]: input.svarTil,
  };
  if (input.svarTilType !== undefined) headers[HEADER.svarTilType] = input.svarTilType;
  return { headers, body: new Uint8Array(0) };
}
