// `ackproof run --adapter reference [--reports N] [--env embedded|services] [--seed S] [--json]`:
// sends N synthetic reports through the portal, Fiks IO and the case system under test, reads every
// one back and says what happened. The seed is printed first, always, so any run replays.
// Exit 0: every report LEVERT by mottatt, stored once, content equal. 1: not so. 2: bad usage, or
// the broker or database cannot be reached. 3: the run could not reach an answer.
import { ServicesUnavailableError } from '../environments/database/index.ts';
import { ENVIRONMENT_KINDS, type EnvironmentKind, openRunEnvironment } from '../environments/run-environment.ts';
import { type SpecAdapter, adapterForSpec } from '../adapters/adapter-for-spec.ts';
import { AdapterSpecError } from '../adapters/adapter-spec.ts';
import { ReceiverStartError } from '../adapters/receiver-start-error.ts';
import { ADAPTERS } from '../run/run-adapters.ts';
import { runReports } from '../run/run-reports.ts';
import { formatSummaryTable } from '../run/run-summary-table.ts';
import { ADAPTER_COMMAND_OPTIONS, runAdapterCommand } from './adapter-command.ts';
import { EXIT, InputError, UsageError, parseCommandArgs } from './usage-error.ts';

export const DEFAULT_REPORTS = 1000;
export const DEFAULT_SEED = '1';
const MAX_REPORTS = 1_000_000;

const adapterList = Object.values(ADAPTERS)
  .map((adapter) => `  ${adapter.name.padEnd(12)}${adapter.description}`)
  .join('\n');

export const usage = `Usage: ackproof run --adapter <spec> [--reports N] [--env embedded|services] [--seed S] [--json]

Sends N synthetic concern reports through the simulated portal and Fiks IO to the case system
under test, waits until every report is final (LEVERT by mottatt or by post), reads each one back
from the case system and compares it with what was sent.

Options:
  --adapter <spec>   the case system under test (see Adapters), or a black box following
                     docs/launch-contract.md: cmd:<command>, image:<reference>, url:<base URL>
                     (services only, the default for them)
  --reports <N>      how many reports (default ${DEFAULT_REPORTS})
  --env <kind>       embedded (default: in-process broker, PGlite, virtual clock; replays exactly
                     from the seed) or services (RabbitMQ at AMQP_URL, PostgreSQL at DATABASE_URL;
                     defaults amqp://guest:guest@127.0.0.1:5672 and postgres://postgres@127.0.0.1:5432/postgres)
  --seed <S>         the seed of the reports and of every id in the run (default ${DEFAULT_SEED})
  --json             print the summary as JSON instead of a table
  -h, --help         show this help

Adapters:
${adapterList}

Exit codes: 0 every report LEVERT by mottatt, stored once, content equal; 1 not so; 2 bad usage, or
the broker or database cannot be reached; 3 the run could not reach an answer.`;

interface RunArguments {
  readonly adapter: SpecAdapter;
  readonly reports: number;
  readonly env: EnvironmentKind;
  readonly seed: string;
  readonly json: boolean;
}

async function parseArguments(argv: readonly string[]): Promise<RunArguments | 'help'> {
  const { values } = parseCommandArgs({
    args: [...argv],
    options: { ...ADAPTER_COMMAND_OPTIONS, reports: { type: 'string' } },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const names = Object.keys(ADAPTERS).join(', ');
  if (values.adapter === undefined) throw new UsageError(`--adapter is required; the adapters are: ${names}, or a black box: cmd:<command>, image:<reference>, url:<base URL>`);
  const reports = values.reports === undefined ? DEFAULT_REPORTS : Number(values.reports);
  if (values.reports !== undefined && !/^\d+$/.test(values.reports)) throw new UsageError(`--reports must be a whole number, got ${JSON.stringify(values.reports)}`);
  if (!Number.isSafeInteger(reports) || reports < 1 || reports > MAX_REPORTS) throw new UsageError(`--reports must be from 1 to ${MAX_REPORTS}, got ${String(values.reports)}`);
  if (values.env !== undefined && !(ENVIRONMENT_KINDS as readonly string[]).includes(values.env)) throw new UsageError(`--env must be one of ${ENVIRONMENT_KINDS.join(', ')}, got ${JSON.stringify(values.env)}`);
  const seed = values.seed ?? DEFAULT_SEED;
  if (seed === '') throw new UsageError('--seed must not be empty');
  let adapter: SpecAdapter;
  try {
    adapter = await adapterForSpec(values.adapter);
  } catch (error) {
    if (error instanceof AdapterSpecError) throw new UsageError(error.message.replace(/^no adapter named/, 'unknown adapter'));
    throw error;
  }
  // A black box is a real process on a real broker and database: services, and only services.
  const env = values.env ?? (adapter.blackBox === undefined ? 'embedded' : 'services');
  if (adapter.blackBox !== undefined && env !== 'services') {
    throw new UsageError(`adapter ${adapter.name} is a black box (a program of its own): it runs only in the services environment, on RabbitMQ and PostgreSQL; use --env services`);
  }
  return { adapter, reports, env: env as EnvironmentKind, seed, json: values.json };
}

function quoted(text: string): string {
  return /^[\w.:/@=+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function replayCommand(args: RunArguments): string {
  const seed = /^[\w.-]+$/.test(args.seed) ? args.seed : `'${args.seed.replaceAll("'", "'\\''")}'`;
  return `npx ackproof run --adapter ${quoted(args.adapter.name)} --env ${args.env} --reports ${args.reports} --seed ${seed}`;
}

export function run(argv: readonly string[]): Promise<number> {
  return runAdapterCommand(argv, { usage, parse: parseArguments, work: runWith });
}

async function runWith(args: RunArguments): Promise<number> {
  process.stderr.write(`ackproof run: adapter ${args.adapter.name}, ${args.reports} reports, env ${args.env}, seed ${args.seed}\n`);
  let environment;
  try {
    environment = await openRunEnvironment({ kind: args.env, seed: args.seed });
  } catch (error) {
    if (error instanceof ServicesUnavailableError) throw new InputError(error.message);
    throw error;
  }
  // Ctrl-C must not leave queues and schemas behind on a shared broker and database.
  const onInterrupt = (): void => {
    process.stderr.write('ackproof run: interrupted; removing what the run created\n');
    void environment.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    let summary;
    try {
      summary = await runReports({ environment, reports: args.reports, seed: args.seed, adapter: args.adapter });
    } catch (error) {
      // The receiver as given cannot run at all: what to check is in the message.
      if (error instanceof ReceiverStartError && error.neverStarted) throw new InputError(error.message);
      throw error;
    }
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummaryTable(summary, replayCommand(args))}\n`);
    return summary.verdict === 'pass' ? EXIT.ok : summary.verdict === 'fail' ? EXIT.failed : EXIT.noVerdict;
  } finally {
    process.off('SIGINT', onInterrupt);
    await environment.close().catch((error: unknown) => {
      process.stderr.write(`ackproof run: warning: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  }
}
