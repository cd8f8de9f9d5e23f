// The command line's two kinds of "bad usage or input" (exit code 2), kept apart from the harness's
// own faults: a UsageError is about the arguments and is followed by the command's usage; an
// InputError is about what the arguments point at (a file that cannot be read, is not JSON, ...).
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/** Exit codes of every ackproof command (DESIGN.md, Outputs). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  noVerdict: 3,
} as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

const PARSE_ARGS_CODES = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

/** node:util parseArgs (strict unless the config says otherwise), its argument errors turned into UsageErrors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && PARSE_ARGS_CODES.has(code)) throw new UsageError((error as Error).message);
    throw error;
  }
}
