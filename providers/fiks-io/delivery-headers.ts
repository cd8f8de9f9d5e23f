// The AMQP headers Fiks IO puts on a delivery, built from the send API's metadata
// (contracts/schemas/delivery-headers.schema.json describes the result).
import { HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import type { SendMetadata } from './send-api.ts';

export interface DeliveryHeaderInput {
  readonly meldingId: string;
  readonly metadata: SendMetadata;
  /** The type of the message replied to, when the simulator knows it. */
  readonly svarTilType: string | undefined;
  readonly dokumentlagerId: string | undefined;
}

export function deliveryHeaders(input: DeliveryHeaderInput): Record<string, string> {
  const { metadata } = input;
  const headers: Record<string, string> = {
    [HEADER.avsenderId]: metadata.avsenderKontoId,
    [HEADER.meldingId]: input.meldingId,
    [HEADER.type]: metadata.meldingType,
  };
  if (typeof metadata.svarPaMelding === 'string') {
    headers[HEADER.svarTil] = metadata.svarPaMelding;
    if (input.svarTilType !== undefined) headers[HEADER.svarTilType] = input.svarTilType;
  }
  if (input.dokumentlagerId !== undefined) headers[HEADER.dokumentlagerId] = input.dokumentlagerId;
  for (const [name, value] of Object.entries(metadata.headere ?? {})) headers[customHeader(name)] = value;
  return headers;
}
