// `ackproof faults [--json]`: the catalogue of faulty receivers — each a small departure from the
// reference case system, the rule it breaks and the verdict a run of it should get. Any of them
// runs with `ackproof run --adapter faulty:<name>`. Exit 0; 2 on bad usage.
import { FAULTY_RECEIVERS, type FaultyReceiver } from '../../providers/case-system/faulty/index.ts';
import { FAULTY_ADAPTER_PREFIX } from '../run/run-adapters.ts';
import { EXIT, parseCommandArgs } from './usage-error.ts';

export const usage = `Usage: ackproof faults [--json]

Lists the catalogue of faulty receivers: case systems that each break one rule of the protocol or
of KS's best practice, one line each — name — what it does wrong — the verdict a run should give
(and the fault that must be injected for it to show, where one must).
Run one with: ackproof run --adapter ${FAULTY_ADAPTER_PREFIX}<name>

Options:
  --json       print the catalogue as JSON: name, description, rule, expectedVerdict, needsFault
  -h, --help   show this help

Exit codes: 0 listed, 2 bad usage.`;

export interface FaultyReceiverEntry {
  readonly name: string;
  readonly description: string;
  readonly rule: string;
  readonly expectedVerdict: string;
  readonly needsFault: string | null;
}

export function catalogueEntry(receiver: FaultyReceiver): FaultyReceiverEntry {
  const { name, description, rule, expectedVerdict, needsFault } = receiver;
  return { name, description, rule, expectedVerdict, needsFault };
}

export function catalogueLine(receiver: FaultyReceiver): string {
  const shows = receiver.needsFault === null ? '' : ` (shows with fault: ${receiver.needsFault})`;
  return `${receiver.name} — ${receiver.description} — ${receiver.expectedVerdict}${shows}`;
}

export function run(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return Promise.resolve(EXIT.ok);
  }
  const text = values.json ? JSON.stringify(FAULTY_RECEIVERS.map(catalogueEntry), null, 2) : FAULTY_RECEIVERS.map(catalogueLine).join('\n');
  process.stdout.write(`${text}\n`);
  return Promise.resolve(EXIT.ok);
}
