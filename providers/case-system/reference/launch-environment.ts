// Reads the launch contract (harness/adapters/launch-contract.ts) from a process's environment, as
// the reference receiver does when ackproof starts it as a command or a container. Every variable
// is checked before anything connects, and a bad one is named with what was expected, so a
// misconfigured start fails at once with a message instead of hanging until ackproof gives up.
import { LAUNCH_VARIABLES, type LaunchEnvironment, type LaunchVariable } from '../../../harness/adapters/launch-contract.ts';

export class LaunchEnvironmentError extends Error {
  override readonly name = 'LaunchEnvironmentError';
  readonly variables: readonly LaunchVariable[];

  constructor(problems: readonly { readonly variable: LaunchVariable; readonly problem: string }[]) {
    super(
      `the launch environment is not usable:\n${problems.map(({ variable, problem }) => `  ${variable}: ${problem}`).join('\n')}\n` +
        'ackproof sets these when it starts a receiver (docs/launch-contract.md); to start one by hand, set each of them.',
    );
    this.variables = problems.map(({ variable }) => variable);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check = (value: string) => string | undefined;

const url =
  (protocols: readonly string[], example: string): Check =>
  (value) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return `${JSON.stringify(value)} is not a URL; expected e.g. ${example}`;
    }
    return protocols.includes(parsed.protocol) ? undefined : `${JSON.stringify(value)} is a ${parsed.protocol} URL; expected ${protocols.join(' or ')} (e.g. ${example})`;
  };

const CHECKS: Readonly<Record<keyof typeof LAUNCH_VARIABLES, Check>> = {
  amqpUrl: url(['amqp:', 'amqps:'], 'amqp://guest:guest@127.0.0.1:5672'),
  queue: (value) => (value.length <= 200 && !value.startsWith('~') ? undefined : `${JSON.stringify(value)} is not a queue name (1 to 200 characters, not starting with '~')`),
  kontoId: (value) => (UUID.test(value) ? undefined : `${JSON.stringify(value)} is not a Fiks IO account id (a UUID)`),
  sendApiUrl: url(['http:', 'https:'], 'http://127.0.0.1:40123'),
  dokumentlagerUrl: url(['http:', 'https:'], 'http://127.0.0.1:40123/dokumentlager/api/v1/dokumenter/'),
  databaseUrl: url(['postgres:', 'postgresql:'], 'postgresql://postgres@127.0.0.1:5432/postgres'),
  readBackPort: (value) => (/^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : `${JSON.stringify(value)} is not a TCP port (1 to 65535)`),
};

/** The launch contract's values, checked; throws LaunchEnvironmentError naming every bad variable. */
export function readLaunchEnvironment(env: Readonly<Record<string, string | undefined>>): LaunchEnvironment {
  const problems: { variable: LaunchVariable; problem: string }[] = [];
  const values: Partial<Record<LaunchVariable, string>> = {};
  for (const [key, variable] of Object.entries(LAUNCH_VARIABLES) as [keyof typeof LAUNCH_VARIABLES, LaunchVariable][]) {
    const value = env[variable];
    if (value === undefined || value.trim() === '') {
      problems.push({ variable, problem: 'missing (not set, or empty)' });
      continue;
    }
    const problem = CHECKS[key](value);
    if (problem === undefined) values[variable] = value;
    else problems.push({ variable, problem });
  }
  if (problems.length > 0) throw new LaunchEnvironmentError(problems);
  return values as LaunchEnvironment;
}
