// What `ackproof certify` does around the certification itself: `--out <dir>` (the signed report
// folder) and `--sign-key <pem>`, checked before any scenario runs so a bad folder or key costs
// nothing; progress on stderr; and the final output — the text (coloured on a TTY) or `--json`,
// with the path of report.html. Kept apart from certify-command.ts, which parses the adapter spec.
import { resolve } from 'node:path';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { certificationJson, certificationText } from '../certify/index.ts';
import type { Certification } from '../certify/index.ts';
import { REPORT_FILES, ReportFolderError, type SigningKey, SigningKeyError, checkDestination, signingKeyFromFile, writeReport } from '../report/index.ts';
import { type CertifyProgress, certifyProgress } from '../report/terminal/certify-progress.ts';
import { colourCertificationText, colourWanted, liveProgressWanted } from '../report/terminal/terminal-style.ts';
import { InputError } from './usage-error.ts';

/** certify's parseArgs options for the report. */
export const REPORT_OPTIONS = {
  out: { type: 'string' },
  'sign-key': { type: 'string' },
} as const;

export const REPORT_USAGE = `  --out <dir>          write the certification report there: report.json (contracts/schemas/
                       report.schema.json), junit.xml, report.html, history.jsonl, and a signature
                       (signature.dsse.json, public-key.pem); the folder must be new, empty, or an
                       earlier report (replaced whole); check it with \`ackproof verify-report <dir>\`
  --sign-key <pem>     sign the report with this Ed25519 private key (PEM; \`openssl genpkey
                       -algorithm ed25519\`); without it a key is made for the run and the report
                       says it is ephemeral`;

export interface ReportRequest {
  readonly folder: string;
  readonly signingKey?: SigningKey;
}

/** Checks --out and --sign-key before anything runs; undefined without --out. */
export async function reportRequest(values: { readonly out?: string | undefined; readonly 'sign-key'?: string | undefined }): Promise<ReportRequest | undefined> {
  if (values.out === undefined) {
    if (values['sign-key'] !== undefined) throw new InputError('--sign-key signs the report folder: give --out <dir> with it');
    return undefined;
  }
  if (values.out === '') throw new InputError('--out must name a folder');
  try {
    await checkDestination(values.out);
    const signingKey = values['sign-key'] === undefined ? undefined : await signingKeyFromFile(values['sign-key']);
    return { folder: resolve(values.out), ...(signingKey === undefined ? {} : { signingKey }) };
  } catch (error) {
    if (error instanceof ReportFolderError || error instanceof SigningKeyError) throw new InputError(error.message);
    throw error;
  }
}

/** Progress for these scenarios on stderr: live on a TTY outside CI, plain lines elsewhere. */
export function stderrProgress(scenarios: readonly Scenario[], reportsOverride: number | undefined): CertifyProgress {
  const terminal = { isTTY: process.stderr.isTTY, env: process.env };
  return certifyProgress({
    write: (text) => process.stderr.write(text),
    planned: scenarios.map((scenario) => ({ id: scenario.id, reports: reportsOverride ?? scenario.workload.reports })),
    live: liveProgressWanted(terminal),
    colour: colourWanted(terminal),
    now: () => performance.now(),
    every: (ms, tick) => {
      const timer = setInterval(tick, ms);
      timer.unref();
      return () => clearInterval(timer);
    },
  });
}

export interface FinishOptions {
  readonly certification: Certification;
  readonly report: ReportRequest | undefined;
  readonly json: boolean;
  readonly argv: readonly string[];
  readonly amqpUrl?: string;
  readonly databaseUrl?: string;
}

/** Writes the report folder (when asked) and prints the result to stdout. */
export async function finishCertify(options: FinishOptions): Promise<void> {
  let written: Awaited<ReturnType<typeof writeReport>> | undefined;
  if (options.report !== undefined) {
    try {
      written = await writeReport({
        folder: options.report.folder,
        certification: options.certification,
        generatedAt: new Date(),
        commandLine: ['ackproof', 'certify', ...options.argv].join(' '),
        ...(options.report.signingKey === undefined ? {} : { signingKey: options.report.signingKey }),
        ...(options.amqpUrl === undefined ? {} : { amqpUrl: options.amqpUrl }),
        ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
      });
    } catch (error) {
      if (error instanceof ReportFolderError) throw new InputError(error.message);
      throw error;
    }
  }
  const folder = written?.folder;
  if (options.json) {
    const report =
      written === undefined || folder === undefined
        ? {}
        : {
            report: {
              folder,
              html: resolve(folder, REPORT_FILES.html),
              json: resolve(folder, REPORT_FILES.json),
              junit: resolve(folder, REPORT_FILES.junit),
              summary: written.report.summary,
              keyId: written.signingKey.keyId,
              keyKind: written.signingKey.kind,
            },
          };
    process.stdout.write(`${JSON.stringify({ ...certificationJson(options.certification), ...report }, null, 2)}\n`);
    return;
  }
  const text = certificationText(options.certification);
  const lines = [colourWanted({ isTTY: process.stdout.isTTY, env: process.env }) ? colourCertificationText(text) : text];
  if (written !== undefined && folder !== undefined) {
    lines.push(
      `Report: ${resolve(folder, REPORT_FILES.html)}`,
      `        ${written.report.summary}`,
      `        signed with ${written.signingKey.kind === 'ephemeral' ? 'an ephemeral key' : 'the given key'} ${written.signingKey.keyId}; check it: npx ackproof verify-report ${folder}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
