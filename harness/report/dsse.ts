// DSSE (Dead Simple Signing Envelope, secure-systems-lab/dsse, protocol.md): the signature covers
// PAE(payloadType, payload) — never the JSON of the envelope — so the type cannot be swapped and
// no canonical JSON is needed. Ed25519 through node:crypto (sign(null, …): Ed25519 hashes itself).
import { type KeyObject, sign, verify } from 'node:crypto';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  readonly keyid: string;
  /** base64 */
  readonly sig: string;
}

export interface DsseEnvelope {
  /** base64 of the serialized body */
  readonly payload: string;
  readonly payloadType: string;
  readonly signatures: readonly DsseSignature[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body; LEN in bytes, ASCII decimal. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

export function signEnvelope(payloadType: string, payload: Uint8Array, privateKey: KeyObject, keyid: string): DsseEnvelope {
  const sig = sign(null, preAuthEncoding(payloadType, payload), privateKey);
  return { payload: Buffer.from(payload).toString('base64'), payloadType, signatures: [{ keyid, sig: sig.toString('base64') }] };
}

/** Why `value` is not a DSSE envelope, or undefined when it has the shape of one. */
export function envelopeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const envelope = value as Record<string, unknown>;
  if (typeof envelope['payload'] !== 'string') return 'payload is not a string';
  if (typeof envelope['payloadType'] !== 'string') return 'payloadType is not a string';
  const signatures = envelope['signatures'];
  if (!Array.isArray(signatures) || signatures.length === 0) return 'no signatures';
  for (const signature of signatures as unknown[]) {
    if (typeof signature !== 'object' || signature === null || typeof (signature as Record<string, unknown>)['sig'] !== 'string') return 'a signature has no sig';
  }
  return undefined;
}

/** The decoded payload when one of the envelope's signatures verifies with `publicKey`; undefined otherwise. */
export function verifyEnvelope(envelope: DsseEnvelope, publicKey: KeyObject): Buffer | undefined {
  const payload = Buffer.from(envelope.payload, 'base64');
  const signed = preAuthEncoding(envelope.payloadType, payload);
  for (const { sig } of envelope.signatures) {
    try {
      if (verify(null, signed, publicKey, Buffer.from(sig, 'base64'))) return payload;
    } catch {
      // A malformed signature verifies nothing; try the next.
    }
  }
  return undefined;
}
