// Picks the subcommand, runs it, and turns what it throws into the documented exit codes:
// UsageError and InputError → 2 with the message (and usage for a UsageError); anything else is the
// harness's own fault → 3 with the stack, since a crash must never look like a verdict.
import { commands } from './commands.ts';
import type { CommandModule } from './commands.ts';
import { EXIT, InputError, UsageError } from './usage-error.ts';

export const MAIN_USAGE = [
  'Usage: ackproof <command> [options]',
  '',
  'Commands:',
  ...Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(14)}${entry.summary}`),
  '',
  'Run `ackproof <command> --help` for the options of one command.',
  '',
  'Exit codes: 0 ok (valid, certified), 1 not ok (invalid, not certified), 2 bad usage or input,',
  '3 the harness could not reach a verdict.',
].join('\n');

/** Runs `ackproof <argv>` and resolves to the exit code. */
export async function dispatch(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`ackproof: no command given.\n\n${MAIN_USAGE}\n`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${MAIN_USAGE}\n`);
    return EXIT.ok;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    process.stderr.write(`ackproof: unknown command ${JSON.stringify(name)}; the commands are: ${Object.keys(commands).join(', ')}.\n\n${MAIN_USAGE}\n`);
    return EXIT.usage;
  }
  let command: CommandModule | undefined;
  try {
    command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ackproof ${name}: ${error.message}\n\n${command?.usage ?? MAIN_USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      process.stderr.write(`ackproof ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `ackproof ${name}: internal error, no verdict: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        'This is a fault in ackproof, not in what it checked; please report it with the command line that caused it.\n',
    );
    return EXIT.noVerdict;
  }
}
