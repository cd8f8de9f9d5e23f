// What `ackproof run` and `ackproof certify` share: the options both take, and around their work
// the arguments parsed (the adapter made from its spec), --help answered with the usage, and the
// adapter closed whatever happens — a black box's launcher may still run a process or a container.
import type { SpecAdapter } from '../adapters/adapter-for-spec.ts';
import { EXIT } from './usage-error.ts';

/** parseArgs options both commands take: the receiver, where it runs, the seed, JSON output, help. */
export const ADAPTER_COMMAND_OPTIONS = {
  adapter: { type: 'string' },
  env: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface AdapterCommand<A extends { readonly adapter: SpecAdapter }> {
  readonly usage: string;
  /** The arguments, checked, with the adapter made from its spec; 'help' for --help. */
  parse(argv: readonly string[]): Promise<A | 'help'>;
  /** The command's work; resolves to its exit code. */
  work(args: A): Promise<number>;
}

export async function runAdapterCommand<A extends { readonly adapter: SpecAdapter }>(argv: readonly string[], command: AdapterCommand<A>): Promise<number> {
  const args = await command.parse(argv);
  if (args === 'help') {
    process.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.work(args);
  } finally {
    await args.adapter.close();
  }
}
