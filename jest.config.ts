// One jest project per tier (harness/testing/tiers.ts). A tier the machine cannot run is left out
// with a printed reason on a laptop, and fails the run in CI, where every tier must run.
import type { Config } from 'jest';
import { tiers } from './harness/testing/tiers.ts';

const swcTransform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } }],
};

export default async function config(): Promise<Config> {
  const inCi = process.env['CI'] === 'true';
  const runnable: string[] = [];
  const missing: string[] = [];
  for (const tier of tiers) {
    const reason = await tier.unavailableBecause();
    if (reason === undefined) runnable.push(tier.name);
    else missing.push(`${tier.name}: ${reason}`);
  }
  if (missing.length > 0 && inCi) {
    throw new Error(`ackproof: in CI every tier must run, but these cannot:\n  ${missing.join('\n  ')}`);
  }
  process.env['ACKPROOF_TIERS_RUN'] = runnable.join(',');
  process.env['ACKPROOF_TIERS_MISSING'] = missing.join('\n');
  return {
    reporters: ['default', '<rootDir>/harness/testing/tier-reporter.ts'],
    // Two workers, also on a 2-core machine (jest's default there is one, in band): much of the
    // suite waits on RabbitMQ, PostgreSQL, Podman and child processes, so a second worker fills
    // that wait with another file's CPU. The tests that share those services keep to names, ports
    // and labels of their own, so two processes never see each other's. `--maxWorkers=1` still
    // runs one file at a time.
    maxWorkers: 2,
    // With two workers the order matters: the slowest files first (harness/testing/slowest-first-sequencer.ts).
    testSequencer: '<rootDir>/harness/testing/slowest-first-sequencer.ts',
    // jest 30 reads testTimeout from the top level only; the per-project one below is ignored.
    testTimeout: 60_000,
    projects: tiers
      .filter((tier) => runnable.includes(tier.name))
      .map((tier) => ({
        displayName: tier.name,
        testMatch: [...tier.testMatch],
        testPathIgnorePatterns: ['/node_modules/', ...(tier.testPathIgnorePatterns ?? [])],
        extensionsToTreatAsEsm: ['.ts'],
        transform: swcTransform,
        testEnvironment: 'node',
        ...(tier.globalSetup === undefined ? {} : { globalSetup: `<rootDir>/${tier.globalSetup}` }),
        // PGlite takes seconds to start, more on a loaded 2-core machine; jest's 5 s default fails
        // healthy setups there. Not a timing assertion: a hung test still fails, after 60 s.
        testTimeout: 60_000,
      })),
  };
}
