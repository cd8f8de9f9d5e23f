// `ackproof verify-report <dir>`: was this report folder changed since it was signed? The envelope's
// signature must verify (with the folder's public key, or the one the caller requires), and every
// file the signed statement names must have the digest it names; a file missing, changed or added
// is named. A folder without an envelope is not a report at all.
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IN_TOTO_PAYLOAD_TYPE, type DsseEnvelope, envelopeProblem, verifyEnvelope } from './dsse.ts';
import { type CertificationPredicate, PREDICATE_TYPE, STATEMENT_TYPE } from './in-toto-statement.ts';
import { REPORT_FILES } from './report-files.ts';
import { sha256Hex } from './sha256.ts';
import { keyFingerprint } from './signing-key.ts';

export type VerifyOutcome =
  /** Every file matches and the signature holds. */
  | { readonly kind: 'verified'; readonly keyId: string; readonly predicate: CertificationPredicate }
  /** Something was altered: each problem names the file. */
  | { readonly kind: 'altered'; readonly problems: readonly string[] }
  /** Not a report folder at all. */
  | { readonly kind: 'not a report'; readonly why: string };

function altered(...problems: string[]): VerifyOutcome {
  return { kind: 'altered', problems };
}

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function statementProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'the signed payload is not a JSON object';
  const statement = value as Record<string, unknown>;
  if (statement['_type'] !== STATEMENT_TYPE) return `the signed payload is not an in-toto Statement v1 (_type ${JSON.stringify(statement['_type'])})`;
  if (statement['predicateType'] !== PREDICATE_TYPE) return `the statement's predicateType is ${JSON.stringify(statement['predicateType'])}, not ackproof's ${PREDICATE_TYPE}`;
  if (!Array.isArray(statement['subject']) || statement['subject'].length === 0) return 'the statement names no files';
  return undefined;
}

export async function verifyReportFolder(folder: string, options: { readonly requiredKey?: KeyObject } = {}): Promise<VerifyOutcome> {
  try {
    if (!(await stat(folder)).isDirectory()) return { kind: 'not a report', why: `${folder} is a file, not a report folder` };
  } catch (error) {
    return { kind: 'not a report', why: `cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const envelopeBytes = await readIfThere(join(folder, REPORT_FILES.envelope));
  if (envelopeBytes === undefined) return { kind: 'not a report', why: `${folder} has no ${REPORT_FILES.envelope}, so it is not an ackproof report folder (certify --out writes one)` };

  let envelope: DsseEnvelope;
  try {
    const parsed: unknown = JSON.parse(envelopeBytes.toString('utf8'));
    const problem = envelopeProblem(parsed);
    if (problem !== undefined) return altered(`${REPORT_FILES.envelope}: not a DSSE envelope (${problem})`);
    envelope = parsed as DsseEnvelope;
  } catch (error) {
    return altered(`${REPORT_FILES.envelope}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) return altered(`${REPORT_FILES.envelope}: payloadType is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`);

  const pem = await readIfThere(join(folder, REPORT_FILES.publicKey));
  let folderKey: KeyObject | undefined;
  if (pem !== undefined) {
    try {
      folderKey = createPublicKey(pem);
    } catch {
      return altered(`${REPORT_FILES.publicKey}: not a public key`);
    }
  }
  const key = options.requiredKey ?? folderKey;
  if (key === undefined) return altered(`${REPORT_FILES.publicKey}: missing, and no --public-key was given to verify the signature with`);
  const keyId = keyFingerprint(key);
  const payload = verifyEnvelope(envelope, key);
  if (payload === undefined) {
    return altered(
      options.requiredKey !== undefined && folderKey !== undefined && keyFingerprint(folderKey) !== keyId
        ? `${REPORT_FILES.envelope}: signed by key ${keyFingerprint(folderKey)}, not by the required ${keyId}`
        : `${REPORT_FILES.envelope}: the signature does not verify with key ${keyId}: the envelope was changed or signed by another key`,
    );
  }

  let statement: { subject: { name: string; digest: { sha256: string } }[]; predicate: CertificationPredicate };
  try {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    const problem = statementProblem(parsed);
    if (problem !== undefined) return altered(`${REPORT_FILES.envelope}: ${problem}`);
    statement = parsed as typeof statement;
  } catch {
    return altered(`${REPORT_FILES.envelope}: the signed payload is not JSON`);
  }

  const problems: string[] = [];
  if (statement.predicate.signer.keyId !== keyId) problems.push(`${REPORT_FILES.envelope}: the statement says it was signed by ${statement.predicate.signer.keyId}, but ${keyId} signed it`);
  const named = new Set<string>([REPORT_FILES.envelope]);
  for (const subject of statement.subject) {
    named.add(subject.name);
    const bytes = await readIfThere(join(folder, subject.name));
    if (bytes === undefined) problems.push(`${subject.name}: missing`);
    else if (sha256Hex(bytes) !== subject.digest.sha256) problems.push(`${subject.name}: changed since it was signed (sha256 ${sha256Hex(bytes)}, signed ${subject.digest.sha256})`);
  }
  for (const entry of (await readdir(folder)).sort()) if (!named.has(entry)) problems.push(`${entry}: not part of the signed report (added afterwards)`);
  if (problems.length > 0) return { kind: 'altered', problems };
  return { kind: 'verified', keyId, predicate: statement.predicate };
}
