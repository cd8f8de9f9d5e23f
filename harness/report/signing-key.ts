// The key a report is signed with: the caller's Ed25519 private key (`--sign-key <pem>`), or a
// fresh one made for this run. An ephemeral key proves only that the files have not changed since
// they were signed — not who signed them — and the report says so. Keys are named by the SHA-256
// of their public key (SubjectPublicKeyInfo, DER): `sha256:<hex>`.
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sha256Hex } from './sha256.ts';

export type SigningKeyKind = 'ephemeral' | 'given';

export interface SigningKey {
  readonly kind: SigningKeyKind;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** `sha256:<hex>` of the public key. */
  readonly keyId: string;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

export function keyFingerprint(publicKey: KeyObject): string {
  return `sha256:${sha256Hex(publicKey.export({ type: 'spki', format: 'der' }))}`;
}

function fromPrivateKey(privateKey: KeyObject, kind: SigningKeyKind): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { kind, privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyFingerprint(publicKey) };
}

export function ephemeralSigningKey(): SigningKey {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey, 'ephemeral');
}

/** Reads an Ed25519 private key (PEM, PKCS#8); a clear SigningKeyError for anything else. */
export async function signingKeyFromFile(path: string): Promise<SigningKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SigningKeyError(`--sign-key: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(text);
  } catch (error) {
    throw new SigningKeyError(
      `--sign-key: ${path} is not a PEM private key (${error instanceof Error ? error.message : String(error)}); make one with \`openssl genpkey -algorithm ed25519 -out key.pem\``,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`--sign-key: ${path} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key; reports are signed with Ed25519 (\`openssl genpkey -algorithm ed25519\`)`);
  }
  return fromPrivateKey(privateKey, 'given');
}

/** Reads a public key (PEM) to require as the signer; an Ed25519 private key is accepted too (its public half is used). */
export async function publicKeyFromFile(path: string): Promise<KeyObject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SigningKeyError(`--public-key: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    return key;
  } catch (error) {
    throw new SigningKeyError(`--public-key: ${path} is not an Ed25519 public key in PEM (${error instanceof Error ? error.message : String(error)})`);
  }
}
