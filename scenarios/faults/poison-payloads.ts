// The five kinds of poison message, each made from a good send by breaking one thing: what a case
// system must answer with feilet (and ack) rather than store, choke on, or drop in silence.
import { REPORT_JSON_NAME, REPORT_PDF_NAME, packPayload, unpackPayload } from '../../contracts/payload-zip.ts';
import type { PortalSendMetadata } from '../../providers/portal/index.ts';

export const POISON_KINDS = ['broken-zip', 'invalid-json', 'schema-invalid', 'unknown-type', 'missing-pdf'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

/** A message type no case system receives: the concern-report protocol has no `ukjent`. */
export const UNKNOWN_TYPE = 'no.ks.fiks.bekymringsmelding.ukjent.v1';

export interface PoisonedSend {
  readonly metadata: PortalSendMetadata;
  readonly data: Uint8Array;
}

function files(payload: Uint8Array): { readonly json: Uint8Array; readonly pdf: Uint8Array } {
  const unpacked = unpackPayload(payload);
  const json = unpacked.get(REPORT_JSON_NAME);
  const pdf = unpacked.get(REPORT_PDF_NAME);
  if (json === undefined || pdf === undefined) throw new Error(`poisonPayload: the portal's payload lacks ${REPORT_JSON_NAME} or ${REPORT_PDF_NAME}`);
  return { json, pdf };
}

export function poisonSend(kind: PoisonKind, send: PoisonedSend): PoisonedSend {
  switch (kind) {
    case 'broken-zip':
      // Cut in half: no central directory, no way to read it.
      return { metadata: send.metadata, data: send.data.slice(0, Math.floor(send.data.length / 2)) };
    case 'invalid-json': {
      const { json, pdf } = files(send.data);
      return { metadata: send.metadata, data: packPayload({ json: json.slice(0, Math.floor(json.length * 0.4)), pdf }) };
    }
    case 'schema-invalid': {
      const { json, pdf } = files(send.data);
      // `melding`, the concern itself, is required by all four of KS's schemas.
      const { melding: _melding, ...rest } = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
      return { metadata: send.metadata, data: packPayload({ json: new TextEncoder().encode(JSON.stringify(rest)), pdf }) };
    }
    case 'unknown-type':
      return { metadata: { ...send.metadata, meldingType: UNKNOWN_TYPE }, data: send.data };
    case 'missing-pdf': {
      const { json } = files(send.data);
      return { metadata: send.metadata, data: packPayload({ json }) };
    }
  }
}
