// The test tiers and what each needs from the machine. `npm test` runs every tier the machine can
// run and says which ran; in CI (CI=true) a tier that cannot run fails the run instead of skipping.
import { connect } from 'node:net';

export interface Tier {
  readonly name: string;
  readonly description: string;
  readonly testMatch: readonly string[];
  /** Resolves to undefined when the tier can run here, or to the reason it cannot. */
  readonly unavailableBecause: () => Promise<string | undefined>;
}

const always = (): Promise<undefined> => Promise.resolve(undefined);

/** Resolves to a reason when nothing accepts TCP connections on host:port within the timeout. */
export function tcpUnreachable(host: string, port: number, timeoutMs = 1500): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`nothing answered on ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(`cannot connect to ${host}:${port} (${error.message})`));
  });
}

export const tiers: readonly Tier[] = [
  {
    name: 'unit',
    description: 'schemas, generators, parsers, the command line: no services',
    testMatch: ['<rootDir>/{contracts,providers,scenarios,harness}/**/*.test.ts'],
    unavailableBecause: always,
  },
  {
    name: 'contracts',
    description: 'pact consumer tests and the committed pacts',
    testMatch: ['<rootDir>/consumers/**/*.test.ts'],
    unavailableBecause: always,
  },
];

/** File suffixes that belong to a tier other than unit, so unit does not run them too. */
export const tierSuffixes: readonly string[] = [];
