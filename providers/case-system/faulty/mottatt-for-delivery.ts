// mottatt for a delivery, read from its headers alone: what a receiver that answers without having
// parsed (or stored) anything sends. The reference never needs this — its mottatt comes from the
// receipt outbox, written in the same transaction as the case.
import { HEADER } from '../../../contracts/fiks-io-headers.ts';
import { MOTTATT } from '../../../contracts/message-types.ts';
import type { Delivery } from '../../fiks-io/transport/queue-transport.ts';
import type { ReceiptToSend } from '../reference/case-store.ts';

/** undefined when the delivery names no melding-id or sender: nobody to answer. */
export function mottattForDelivery(delivery: Delivery): ReceiptToSend | undefined {
  const svarTil = delivery.headers[HEADER.meldingId];
  const mottakerKontoId = delivery.headers[HEADER.avsenderId];
  if (svarTil === undefined || mottakerKontoId === undefined) return undefined;
  return { svarTil, mottakerKontoId, meldingstype: MOTTATT, body: new Uint8Array(0) };
}
