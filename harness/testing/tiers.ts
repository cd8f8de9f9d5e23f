// The test tiers and what each needs from the machine. `npm test` runs every tier the machine can
// run and says which ran; in CI (CI=true) a tier that cannot run fails the run instead of skipping.
import { access, constants } from 'node:fs/promises';
import { connect } from 'node:net';
import { BUILD_REFERENCE_IMAGE, REFERENCE_IMAGE, engineGet, engineSocket } from '../../containers/engine.ts';

export interface Tier {
  readonly name: string;
  readonly description: string;
  readonly testMatch: readonly string[];
  /** Paths a broader tier's testMatch also catches but that belong to other tiers. */
  readonly testPathIgnorePatterns?: readonly string[];
  /** Resolves to undefined when the tier can run here, or to the reason it cannot. */
  readonly unavailableBecause: () => Promise<string | undefined>;
  /** A module (path from the repository root) jest runs once before the tier's tests, if any are selected. */
  readonly globalSetup?: string;
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

/** Debian's Chromium: the browser tier drives it with playwright-core (no browser download). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Resolves to a reason when `path` is not an executable file. */
async function executableMissing(path: string, hint: string): Promise<string | undefined> {
  try {
    await access(path, constants.X_OK);
    return undefined;
  } catch {
    return `${path} is not there or not executable (${hint})`;
  }
}

async function servicesUnavailable(): Promise<string | undefined> {
  const amqp = new URL(process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672');
  const database = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const reasons = [
    await tcpUnreachable(amqp.hostname, Number(amqp.port || 5672)),
    await tcpUnreachable(database.hostname, Number(database.port || 5432)),
  ].filter((reason) => reason !== undefined);
  return reasons.length > 0 ? `${reasons.join('; ')} (start them: see README, "Tiers")` : undefined;
}

export const tiers: readonly Tier[] = [
  {
    name: 'unit',
    description: 'schemas, generators, parsers, the command line: no services',
    testMatch: ['<rootDir>/{contracts,providers,scenarios,harness}/**/*.test.ts'],
    testPathIgnorePatterns: ['\\.services\\.test\\.ts$', '\\.pact\\.test\\.ts$', '\\.browser\\.test\\.ts$', '\\.containers\\.test\\.ts$'],
    unavailableBecause: always,
  },
  {
    name: 'contracts',
    description: 'pact consumer tests and the committed pacts',
    testMatch: ['<rootDir>/consumers/**/*.test.ts', '<rootDir>/providers/**/*.pact.test.ts'],
    unavailableBecause: always,
  },
  {
    name: 'services',
    description: 'real RabbitMQ (amqplib) and PostgreSQL (pg) on this machine',
    testMatch: ['<rootDir>/**/*.services.test.ts'],
    unavailableBecause: servicesUnavailable,
  },
  {
    name: 'containers',
    description: 'receivers shipped as container images (image:), on Podman through testcontainers, against the services',
    testMatch: ['<rootDir>/**/*.containers.test.ts'],
    unavailableBecause: async () => {
      const socket = engineSocket();
      const ping = await engineGet('/_ping', socket);
      if ('failure' in ping || ping.status !== 200) {
        const why = 'failure' in ping ? ping.failure : `${socket} answered ${ping.status}`;
        return `no container engine answers on ${socket} (${why}); as root: containers/podman-setup.sh (README, "Set up")`;
      }
      const image = await engineGet(`/images/${encodeURIComponent(REFERENCE_IMAGE)}/json`, socket);
      if ('failure' in image || image.status !== 200) return `the image ${REFERENCE_IMAGE} is not built: ${BUILD_REFERENCE_IMAGE}`;
      const services = await servicesUnavailable();
      return services === undefined ? undefined : `its receivers need the services: ${services}`;
    },
    globalSetup: 'harness/testing/containers-global-setup.ts',
  },
  {
    name: 'browser',
    description: "report.html rendered in headless Chromium (Debian's chromium, driven by playwright-core)",
    testMatch: ['<rootDir>/**/*.browser.test.ts'],
    unavailableBecause: () => executableMissing(CHROMIUM_PATH, 'install it: `apt-get install chromium`'),
  },
];
