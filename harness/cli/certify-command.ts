// `ackproof certify --adapter <reference | faulty:<name>> [--env embedded|services] [--seed S]
//  [--scenario <id>[,<id>…]] [--reports N --faults <schedule>] [--json] [--history <dir>]`:
// runs the scenario suite (every fault of the catalogue, an ordinary day, several faults at once)
// against the adapter and says, scenario by scenario, whether it holds — for one that does not,
// the reports affected and the command that replays it.
// Exit 0: certified (every scenario holds). 1: not certified (one fails). 2: bad usage, or the
// broker or database cannot be reached. 3: no verdict (none failed, but not every one could be judged).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultPlanError, formatFaultPlans, parseFaultPlans } from '../../scenarios/faults/index.ts';
import type { FaultPlan } from '../../scenarios/faults/index.ts';
import { writeHistoryFile } from '../../scenarios/history/index.ts';
import { BASELINE_ID, SUITE, scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { certify } from '../certify/index.ts';
import { DEFAULT_EXPLORE_REPORTS } from '../certify/explore.ts';
import type { Certification } from '../certify/index.ts';
import { ServicesUnavailableError } from '../environments/database/index.ts';
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../environments/run-environment.ts';
import { ADAPTER_FORMS, type SpecAdapter, adapterForSpec } from '../adapters/adapter-for-spec.ts';
import { AdapterSpecError } from '../adapters/adapter-spec.ts';
import { BlackBoxEnvironmentError } from '../adapters/black-box-adapter.ts';
import { ReceiverStartError } from '../adapters/receiver-start-error.ts';
import { ADAPTERS } from '../run/run-adapters.ts';
import { REPORT_OPTIONS, REPORT_USAGE, finishCertify, reportRequest, stderrProgress } from './certify-report-output.ts';
import { ADAPTER_COMMAND_OPTIONS, runAdapterCommand } from './adapter-command.ts';
import { EXIT, InputError, UsageError, parseCommandArgs } from './usage-error.ts';

export const DEFAULT_SEED = '1';
const MAX_REPORTS = 100_000;

const scenarioList = SUITE.map((scenario) => `  ${scenario.id.padEnd(24)}${scenario.title}`).join('\n');

export const usage = `Usage: ackproof certify --adapter <spec> [--env embedded|services] [--seed S] [--scenario <id>[,<id>…]]
                       [--reports N] [--faults <schedule>] [--explore] [--json] [--history <dir>]
                       [--out <dir> [--sign-key <pem>]]

Runs the scenario suite against the case system under test: each scenario sends a workload
through the simulated portal and Fiks IO while its faults are injected (a crash at each boundary
of the receiver's work, storage outages, a lost broker connection, send-API faults, redeliveries
and resends, poison messages, payloads by dokumentlager reference, TTL expiry, v1 reports, a
burst), records the history from outside the case system and judges it. The adapter is
certified only if every scenario holds.

Options:
  --adapter <spec>     the case system under test: reference, or faulty:<name> (\`ackproof faults\`),
                       or a black box following docs/launch-contract.md:
                         cmd:<command>     a command ackproof starts (split like a shell, no shell),
                                           kills and restarts: cmd:"/usr/bin/python3 receiver.py"
                         image:<reference> a container image ackproof starts, kills and restarts
                         url:<base URL>    a receiver already running; scenarios that must kill it
                                           are listed as not applicable, never as passed
  --env <kind>         embedded (default for in-process adapters: in-process broker, PGlite, virtual
                       clock; a run replays exactly from its seed) or services (RabbitMQ at AMQP_URL,
                       PostgreSQL at DATABASE_URL; the default, and the only one, for a black box)
  --seed <S>           the seed of the workloads, ids and random schedules (default ${DEFAULT_SEED})
  --scenario <ids>     run only these scenarios (comma-separated)
  --reports <N>        with one --scenario: this many reports instead of the scenario's
  --faults <schedule>  with one --scenario: this fault schedule instead of the scenario's, e.g.
                       'crash-after-commit:nth=3,storage-outage:from=2;count=3' (or none); a shrunk
                       failure prints the one that replays it
  --explore            exhaustive single-fault exploration instead of each scenario's schedule: on
                       its workload cut to --reports (default ${DEFAULT_EXPLORE_REPORTS}), one run per fault point — a
                       crash at every delivery, commit, receipt and ack, and each single fault there
                       (broker connection lost, commit refused, commit reply lost, receipt response
                       lost); the report gives the coverage (points explored of points that exist).
                       Without --scenario: the ${BASELINE_ID} scenario
  --json               print the certification as JSON instead of text
  --history <dir>      write each scenario's history there (<id>.history.jsonl; a shrunk run's
                       smallest failing run as <id>.smallest.history.jsonl)
${REPORT_USAGE}
  -h, --help           show this help

Scenarios:
${scenarioList}

Exit codes: 0 certified; 1 not certified; 2 bad usage, or the broker or database cannot be
reached; 3 no verdict (no scenario failed, but not every one could be judged).`;

interface CertifyArguments {
  readonly adapter: SpecAdapter;
  readonly env: EnvironmentKind;
  readonly seed: string;
  readonly scenarios: readonly Scenario[];
  readonly reports: number | undefined;
  readonly faults: readonly FaultPlan[] | undefined;
  readonly explore: boolean;
  readonly json: boolean;
  readonly history: string | undefined;
  /** --out and --sign-key, checked by reportRequest before anything runs. */
  readonly out: string | undefined;
  readonly signKey: string | undefined;
  readonly argv: readonly string[];
}

async function adapterFor(spec: string): Promise<SpecAdapter> {
  try {
    return await adapterForSpec(spec);
  } catch (error) {
    if (error instanceof AdapterSpecError) throw new UsageError(error.message);
    throw error;
  }
}

function scenariosFor(text: string | undefined): Scenario[] {
  if (text === undefined) return [...SUITE];
  return text.split(',').map((id) => {
    const scenario = scenarioNamed(id.trim());
    if (scenario === undefined) throw new UsageError(`no scenario ${JSON.stringify(id.trim())}; the scenarios are: ${SUITE.map((each) => each.id).join(', ')}`);
    return scenario;
  });
}

async function parseArguments(argv: readonly string[]): Promise<CertifyArguments | 'help'> {
  const { values } = parseCommandArgs({
    args: [...argv],
    options: {
      ...ADAPTER_COMMAND_OPTIONS,
      scenario: { type: 'string' },
      reports: { type: 'string' },
      faults: { type: 'string' },
      explore: { type: 'boolean', default: false },
      history: { type: 'string' },
      ...REPORT_OPTIONS,
    },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.adapter === undefined) throw new UsageError(`--adapter is required; the adapters are: ${Object.keys(ADAPTERS).join(', ')}, or a black box: ${ADAPTER_FORMS.replace(/^reference, faulty:<name>, /, '')}`);
  const adapter = await adapterFor(values.adapter);
  // A black box is a real process on a real broker and database: services unless told otherwise.
  const env = values.env ?? (adapter.blackBox === undefined ? 'embedded' : 'services');
  if (!(ENVIRONMENT_KINDS as readonly string[]).includes(env)) throw new UsageError(`--env must be one of ${ENVIRONMENT_KINDS.join(', ')}, got ${JSON.stringify(env)}`);
  const seed = values.seed ?? DEFAULT_SEED;
  if (seed === '') throw new UsageError('--seed must not be empty');
  // An exploration replaces the schedules: one scenario's workload is enough, the baseline's by default.
  const scenarios = values.explore && values.scenario === undefined ? scenariosFor(BASELINE_ID) : scenariosFor(values.scenario);
  if (values.explore && values.faults !== undefined) throw new UsageError('--explore runs every single fault point itself: leave out --faults');
  if (!values.explore && (values.reports !== undefined || values.faults !== undefined) && scenarios.length !== 1) {
    throw new UsageError('--reports and --faults replace one scenario\'s schedule: give exactly one --scenario with them');
  }
  let reports: number | undefined;
  if (values.reports !== undefined) {
    reports = Number(values.reports);
    if (!/^\d+$/.test(values.reports) || reports < 1 || reports > MAX_REPORTS) throw new UsageError(`--reports must be a whole number from 1 to ${MAX_REPORTS}, got ${JSON.stringify(values.reports)}`);
  }
  let faults: FaultPlan[] | undefined;
  if (values.faults !== undefined) {
    try {
      faults = parseFaultPlans(values.faults);
    } catch (error) {
      if (error instanceof FaultPlanError) throw new UsageError(`--faults: ${error.message}`);
      throw error;
    }
  }
  return { adapter, env: env as EnvironmentKind, seed, scenarios, reports, faults, explore: values.explore, json: values.json, history: values.history, out: values.out, signKey: values['sign-key'], argv };
}

async function writeHistories(certification: Certification, folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new InputError(`--history: cannot create ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const done of certification.scenarios) {
    await writeHistoryFile(done.result.events, join(folder, `${done.scenario.id}.history.jsonl`));
    if (done.shrunk !== undefined) await writeHistoryFile(done.shrunk.result.events, join(folder, `${done.scenario.id}.smallest.history.jsonl`));
  }
}

export function run(argv: readonly string[]): Promise<number> {
  return runAdapterCommand(argv, { usage, parse: parseArguments, work: certifyWith });
}

async function certifyWith(args: CertifyArguments): Promise<number> {
  const schedule = args.explore
    ? `, exploring every single fault point on ${args.reports ?? DEFAULT_EXPLORE_REPORTS} reports`
    : args.faults === undefined && args.reports === undefined
      ? ''
      : `, schedule ${args.reports ?? 'as the scenario'} reports, faults ${args.faults === undefined ? 'as the scenario' : formatFaultPlans(args.faults)}`;
  // A folder that may not be written, or a key that cannot sign, is found before any scenario runs.
  const report = await reportRequest({ out: args.out, 'sign-key': args.signKey });
  process.stderr.write(`ackproof certify: adapter ${args.adapter.name}, env ${args.env}, seed ${args.seed}, ${args.scenarios.length} scenario(s)${schedule}\n`);
  const progress = stderrProgress(args.scenarios, args.reports);
  let certification: Certification;
  try {
    certification = await certify({
      adapter: args.adapter,
      environment: args.env,
      seed: args.seed,
      scenarios: args.scenarios,
      ...(args.explore
        ? {
            explore: {
              ...(args.reports === undefined ? {} : { reports: args.reports }),
              onPoint: (point) => process.stderr.write(`ackproof certify:   ${point.valid === true ? '✓' : point.valid === false ? '✗' : '?'} ${point.point}\n`),
            },
          }
        : {}),
      ...(args.explore || (args.faults === undefined && args.reports === undefined)
        ? {}
        : { override: { ...(args.reports === undefined ? {} : { reports: args.reports }), ...(args.faults === undefined ? {} : { faults: args.faults }) } }),
      onScenario: (done) => progress.onScenario(done),
    });
  } catch (error) {
    progress.finish();
    if (error instanceof ServicesUnavailableError) throw new InputError(error.message);
    // The receiver as given cannot run at all: what to check is in the message.
    if (error instanceof ReceiverStartError || error instanceof BlackBoxEnvironmentError) throw new InputError(error.message);
    if (error instanceof FaultPlanError) throw new UsageError(`--faults: ${error.message}`);
    throw error;
  }
  progress.finish();
  if (args.history !== undefined) await writeHistories(certification, args.history);
  await finishCertify({ certification, report, json: args.json, argv: args.argv });
  return certification.verdict === 'certified' ? EXIT.ok : certification.verdict === 'not certified' ? EXIT.failed : EXIT.noVerdict;
}
