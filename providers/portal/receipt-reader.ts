// How the portal reads an answer that arrives on its own Fiks IO account: which report it answers
// (svar-til), and whether it is final delivery (mottatt), a refusal (feilet), or a platform notice
// (tidsavbrudd, serverfeil). The portal state machine acts on the result; anything that is not a
// well-formed receipt comes back as `unreadable` with the reason, never as a thrown error.
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { FEILET, MOTTATT, SERVERFEIL, TIDSAVBRUDD } from '../../contracts/message-types.ts';
import { PayloadError, unpackPayload } from '../../contracts/payload-zip.ts';
import { formatProblems, validateDeliveryHeaders, validateFeilmelding } from '../../contracts/validation/index.ts';
import type { IncomingMessage } from '../case-system/report-message-parser.ts';

export const FEILMELDING_NAME = 'feilmelding.json';

export type Receipt =
  | { readonly kind: 'mottatt'; readonly svarTil: string; readonly meldingId: string; readonly protocolWarnings: readonly string[] }
  | { readonly kind: 'feilet'; readonly svarTil: string; readonly meldingId: string; readonly melding: string | undefined }
  | { readonly kind: 'tidsavbrudd' | 'serverfeil'; readonly svarTil: string; readonly meldingId: string }
  | { readonly kind: 'unreadable'; readonly svarTil: string | undefined; readonly reason: string };

export function readReceipt(message: IncomingMessage): Receipt {
  const headers = message.headers;
  const svarTil = headers[HEADER.svarTil];
  const unreadable = (reason: string): Receipt => ({ kind: 'unreadable', svarTil, reason });

  const headerCheck = validateDeliveryHeaders(headers);
  if (!headerCheck.valid) return unreadable(`the headers break the delivery contract:\n${formatProblems(headerCheck.problems)}`);
  const meldingId = headers[HEADER.meldingId];
  if (svarTil === undefined || meldingId === undefined) return unreadable('a receipt needs both melding-id and svar-til');

  switch (headers[HEADER.type]) {
    case MOTTATT:
      // The protocol says mottatt has an empty body. A body is not a reason to doubt the receipt,
      // but it is worth reporting: a receiver that sends one has misread the protocol.
      return {
        kind: 'mottatt',
        svarTil,
        meldingId,
        protocolWarnings: message.body.length > 0 ? [`mottatt.v1 should have an empty body, got ${message.body.length} bytes`] : [],
      };
    case FEILET:
      return readFeilet(message.body, svarTil, meldingId);
    case TIDSAVBRUDD:
      return { kind: 'tidsavbrudd', svarTil, meldingId };
    case SERVERFEIL:
      return { kind: 'serverfeil', svarTil, meldingId };
    default:
      return unreadable(`"${headers[HEADER.type] ?? ''}" is not a receipt type`);
  }
}

function readFeilet(body: Uint8Array, svarTil: string, meldingId: string): Receipt {
  // A feilet without a readable feilmelding.json still means "not delivered": the portal must send
  // the report by post either way, so the receipt counts and the reason is left undefined.
  const feilet = (melding: string | undefined): Receipt => ({ kind: 'feilet', svarTil, meldingId, melding });
  let files: ReadonlyMap<string, Uint8Array>;
  try {
    files = unpackPayload(body);
  } catch (error) {
    if (error instanceof PayloadError) return feilet(undefined);
    throw error;
  }
  const bytes = files.get(FEILMELDING_NAME);
  if (bytes === undefined) return feilet(undefined);
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (!validateFeilmelding(parsed).valid) return feilet(undefined);
    return feilet((parsed as { melding?: string }).melding);
  } catch {
    return feilet(undefined);
  }
}
