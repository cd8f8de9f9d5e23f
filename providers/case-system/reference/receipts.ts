// The receipts a case system sends back to the portal, as Fiks IO send requests: mottatt.v1 (empty
// body) once a report is stored, feilet.v1 (a zip holding feilmelding.json {"melding": "..."})
// when a message cannot be taken. Both answer one delivery: svarPaMelding is its melding-id and
// the receipt goes to its sender (avsender-id), never to a fixed portal account.
import { FEILET, type ReceiptType } from '../../../contracts/message-types.ts';
import { packPayloadFiles } from '../../../contracts/payload-zip.ts';
import type { SendRequest } from '../../fiks-io/index.ts';
import { FEILMELDING_NAME } from '../../portal/receipt-reader.ts';
import type { ReceiptToSend } from './case-store.ts';

/** A receipt as a send request from the case system's own account. */
export function receiptRequest(receipt: ReceiptToSend, avsenderKontoId: string): SendRequest {
  return {
    metadata: {
      avsenderKontoId,
      mottakerKontoId: receipt.mottakerKontoId,
      meldingType: receipt.meldingstype,
      svarPaMelding: receipt.svarTil,
    },
    data: receipt.body,
  };
}

/** feilet.v1 answering `svarTil`, carrying the parser's reason in feilmelding.json. */
export function feiletReceipt(input: { readonly svarTil: string; readonly mottakerKontoId: string; readonly melding: string }): ReceiptToSend {
  const feilmelding = new TextEncoder().encode(JSON.stringify({ melding: input.melding }));
  return {
    svarTil: input.svarTil,
    mottakerKontoId: input.mottakerKontoId,
    meldingstype: FEILET satisfies ReceiptType,
    body: packPayloadFiles([[FEILMELDING_NAME, feilmelding]]),
  };
}
