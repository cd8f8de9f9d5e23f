// `certify --out <dir>`: the whole report folder from one certification — report.json, junit.xml,
// report.html, history.jsonl, the public key, and the DSSE envelope whose in-toto statement names
// every other file by its SHA-256. Built in memory, written all at once (report-folder.ts).
import type { Certification } from '../certify/certify.ts';
import { describeEnvironment } from './environment-versions.ts';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from './dsse.ts';
import { taggedHistoryLines } from './history-lines.ts';
import { reportHtml } from './html/report-html.ts';
import { type StatementSubject, certificationStatement } from './in-toto-statement.ts';
import { junitXml } from './junit-xml.ts';
import { ackproofVersion } from './package-versions.ts';
import { pactDigests } from './pact-digests.ts';
import { writeFolderAtomically } from './report-folder.ts';
import { REPORT_FILES } from './report-files.ts';
import { type CertificationReport, certificationReport } from './report-json.ts';
import { sha256Hex } from './sha256.ts';
import { type SigningKey, ephemeralSigningKey } from './signing-key.ts';

export interface WriteReportOptions {
  readonly folder: string;
  readonly certification: Certification;
  /** The caller's key; a fresh ephemeral one otherwise. */
  readonly signingKey?: SigningKey;
  readonly generatedAt: Date;
  readonly amqpUrl?: string;
  readonly databaseUrl?: string;
  readonly commandLine?: string;
}

export interface WrittenReport {
  readonly folder: string;
  readonly report: CertificationReport;
  readonly signingKey: SigningKey;
}

export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const key = options.signingKey ?? ephemeralSigningKey();
  const version = await ackproofVersion();
  const report = certificationReport({
    certification: options.certification,
    generatedAt: options.generatedAt,
    ackproofVersion: version,
    environment: await describeEnvironment(options.certification.environment, {
      ackproofVersion: version,
      ...(options.amqpUrl === undefined ? {} : { amqpUrl: options.amqpUrl }),
      ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    }),
    pacts: await pactDigests(),
    signer: { keyId: key.keyId, kind: key.kind },
    ...(options.commandLine === undefined ? {} : { commandLine: options.commandLine }),
  });
  const files = new Map<string, string>([
    [REPORT_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [REPORT_FILES.junit, junitXml(report)],
    [REPORT_FILES.html, reportHtml(report, options.certification)],
    [REPORT_FILES.history, [...taggedHistoryLines(options.certification)].join('')],
    [REPORT_FILES.publicKey, key.publicKeyPem],
  ]);
  const subject: StatementSubject[] = [...files].map(([name, content]) => ({ name, digest: { sha256: sha256Hex(content) } }));
  const statement = certificationStatement(report, subject);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), key.privateKey, key.keyId);
  files.set(REPORT_FILES.envelope, `${JSON.stringify(envelope, null, 2)}\n`);
  await writeFolderAtomically(options.folder, files);
  return { folder: options.folder, report, signingKey: key };
}
