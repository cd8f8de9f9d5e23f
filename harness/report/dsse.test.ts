// DSSE as its specification defines it: the pre-authentication encoding of the spec's own example,
// a signature that verifies, and one that does not once the payload, its type or the key changes.
import { describe, expect, test } from '@jest/globals';
import { IN_TOTO_PAYLOAD_TYPE, envelopeProblem, preAuthEncoding, signEnvelope, verifyEnvelope } from './dsse.ts';
import { ephemeralSigningKey, keyFingerprint } from './signing-key.ts';

describe('DSSE', () => {
  test("PAE is the specification's example byte for byte", () => {
    expect(preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    // Lengths are in bytes, not characters.
    expect(preAuthEncoding('t', Buffer.from('ø', 'utf8')).toString()).toBe('DSSEv1 1 t 2 ø');
  });

  test('an Ed25519 signature verifies, and fails on a changed payload, payload type or key', () => {
    const key = ephemeralSigningKey();
    expect(key.keyId).toBe(keyFingerprint(key.publicKey));
    expect(key.keyId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from('{"a":1}'), key.privateKey, key.keyId);
    expect(envelopeProblem(envelope)).toBeUndefined();
    expect(verifyEnvelope(envelope, key.publicKey)?.toString()).toBe('{"a":1}');
    expect(verifyEnvelope({ ...envelope, payload: Buffer.from('{"a":2}').toString('base64') }, key.publicKey)).toBeUndefined();
    expect(verifyEnvelope({ ...envelope, payloadType: 'application/json' }, key.publicKey)).toBeUndefined();
    expect(verifyEnvelope(envelope, ephemeralSigningKey().publicKey)).toBeUndefined();
    expect(envelopeProblem({ payload: 'x', payloadType: 'y', signatures: [] })).toBe('no signatures');
  });
});
