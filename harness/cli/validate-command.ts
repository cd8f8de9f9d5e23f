// `ackproof validate <file> [--type <meldingstype>]`: checks one JSON file against the project's
// contracts and lists every problem with its JSON pointer. Exit 0 valid, 1 invalid, 2 bad usage or
// a file that cannot be read, parsed, or recognised.
import { FEILET, REPORT_TYPES, isReportType } from '../../contracts/message-types.ts';
import type { ReportType } from '../../contracts/message-types.ts';
import { formatProblems, inferMessageType, validateFeilmelding, validateReport } from '../../contracts/validation/index.ts';
import type { ValidationResult } from '../../contracts/validation/index.ts';
import { readJsonFile } from './read-json-file.ts';
import { EXIT, InputError, UsageError, parseCommandArgs } from './usage-error.ts';

type ValidatableType = ReportType | typeof FEILET;

export const VALIDATABLE_TYPES: readonly ValidatableType[] = [...REPORT_TYPES, FEILET];

const typeList = VALIDATABLE_TYPES.map((type) => `  ${type.padEnd(44)}${type === FEILET ? 'feilmelding.json' : 'bekymringsmelding.json'}`).join('\n');

export const usage = `Usage: ackproof validate <file> [--type <meldingstype>]

Checks a JSON file against ackproof's contracts (contracts/schemas) and lists every problem, each
with the JSON pointer of the value at fault.

Options:
  --type <meldingstype>  the message type whose content the file is (see Types). Without it the
                         type is inferred from the content: privat or offentlig by the reporter
                         (v2 unless only v1 fits), feilet for an object with only a string
                         "melding".
  -h, --help             show this help

Types (and the file each one's content is):
${typeList}

Exit codes: 0 valid, 1 invalid, 2 bad usage, or a file that cannot be read, is not JSON, or whose
type cannot be inferred.`;

function isValidatableType(type: string): type is ValidatableType {
  return type === FEILET || isReportType(type);
}

function check(type: ValidatableType, content: unknown): ValidationResult {
  return type === FEILET ? validateFeilmelding(content) : validateReport(type, content);
}

function chooseType(file: string, content: unknown, given: string | undefined): { type: ValidatableType; how: 'given' | 'inferred' } {
  if (given !== undefined) {
    if (!isValidatableType(given)) {
      throw new InputError(`unknown --type ${JSON.stringify(given)}. The types it can check are:\n${typeList}`);
    }
    return { type: given, how: 'given' };
  }
  const inferred = inferMessageType(content);
  if (inferred === undefined) {
    throw new InputError(
      `cannot tell which message type ${file} is: its content names no reporter (privatMelder, privatBarn, offentligMelder, ` +
        'offentligBarn, foresatte) and is not a feilmelding (an object with only a string "melding"). ' +
        `Pass --type with one of:\n${typeList}`,
    );
  }
  return { type: inferred, how: 'inferred' };
}

/** Runs the command; resolves to the exit code, rejects with a UsageError or InputError (exit 2). */
export function run(argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => resolve(validateFile(argv)));
}

function validateFile(argv: readonly string[]): number {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    allowPositionals: true,
    options: { type: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('name the JSON file to check.');
  if (extra.length > 0) throw new UsageError(`checks one file at a time; got ${positionals.length}: ${positionals.join(' ')}.`);

  const content = readJsonFile(file);
  const { type, how } = chooseType(file, content, values.type);
  const result = check(type, content);
  if (result.valid) {
    process.stdout.write(`valid: ${file} (${type}, ${how})\n`);
    return EXIT.ok;
  }
  const count = `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
  const lines = formatProblems(result.problems).split('\n').map((line) => `  ${line}`).join('\n');
  process.stdout.write(`invalid: ${file} (${type}, ${how}): ${count}\n${lines}\n`);
  return EXIT.failed;
}
