// `ackproof verify-report <dir> [--public-key <pem>]`: is this certification report folder exactly
// as it was signed? Exit 0: every file matches its signed digest and the signature verifies (who
// signed, when, the verdict are printed). 1: something was changed, added or removed — each file
// named. 2: not a report folder, or bad usage.
import { type VerifyOutcome, publicKeyFromFile, verifyReportFolder } from '../report/index.ts';
import { SigningKeyError } from '../report/signing-key.ts';
import { EXIT, InputError, UsageError, parseCommandArgs } from './usage-error.ts';

export const usage = `Usage: ackproof verify-report <report folder> [--public-key <pem>]

Checks a folder written by \`ackproof certify --out <dir>\`: the DSSE envelope's Ed25519 signature
over its in-toto statement, and every file the statement names against its SHA-256.

Options:
  --public-key <pem>   require this signer (an Ed25519 public key, PEM); without it the folder's
                       own public-key.pem is used, which proves the files are unchanged since the
                       signing but not who signed
  -h, --help           show this help

Exit codes: 0 unchanged and the signature holds; 1 something was altered (the file is named);
2 not a report folder, or bad usage.`;

function printVerified(folder: string, outcome: Extract<VerifyOutcome, { kind: 'verified' }>, required: boolean): void {
  const { predicate } = outcome;
  const who =
    predicate.signer.keyKind === 'ephemeral'
      ? 'an ephemeral key made for that run (it shows nothing was changed since; not who ran it)'
      : required
        ? 'the key you required'
        : 'a key given to the run (--sign-key); pass --public-key to require it';
  process.stdout.write(
    [
      `ackproof verify-report: ${folder}: unchanged, signature valid`,
      `  signed by  ${outcome.keyId}, ${who}`,
      `  signed at  ${predicate.generatedAt}`,
      `  receiver   ${predicate.receiver.adapter} (${predicate.receiver.kind}: ${predicate.receiver.spec})`,
      `  verdict    ${predicate.verdict.toUpperCase()}: ${predicate.summary}`,
      '',
    ].join('\n'),
  );
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: { 'public-key': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [folder, ...extra] = positionals;
  if (folder === undefined) throw new UsageError('give the report folder to verify');
  if (extra.length > 0) throw new UsageError(`one report folder at a time; also got ${extra.map((each) => JSON.stringify(each)).join(', ')}`);
  let requiredKey;
  try {
    requiredKey = values['public-key'] === undefined ? undefined : await publicKeyFromFile(values['public-key']);
  } catch (error) {
    if (error instanceof SigningKeyError) throw new InputError(error.message);
    throw error;
  }
  const outcome = await verifyReportFolder(folder, requiredKey === undefined ? {} : { requiredKey });
  if (outcome.kind === 'not a report') throw new InputError(outcome.why);
  if (outcome.kind === 'altered') {
    process.stdout.write(`ackproof verify-report: ${folder}: ALTERED — do not trust this report\n${outcome.problems.map((problem) => `  ${problem}\n`).join('')}`);
    return EXIT.failed;
  }
  printVerified(folder, outcome, requiredKey !== undefined);
  return EXIT.ok;
}
