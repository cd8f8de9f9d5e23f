// A receiver seen only from outside (a black box) consumes as soon as it connects, before its
// readiness answers: what it holds in that gap must be visible to the run, or a crash there is
// recorded as holding nothing (seen in CI: a Python receiver had answered three reports before the
// readiness poll came round, and crash-after-receipt's evidence said it held no message).
import { afterEach, expect, test } from '@jest/globals';
import type { ReadBackClient } from '../../providers/portal/index.ts';
import { type RunEnvironment, openRunEnvironment } from '../environments/run-environment.ts';
import { startReportRun } from './report-run.ts';
import type { Adapter, StartedAdapter } from './run-adapters.ts';

let environment: RunEnvironment | undefined;

afterEach(async () => {
  await environment?.close();
  environment = undefined;
});

/** An adapter whose start reports what it holds at once and is ready only when `ready` is called. */
function slowToBeReady(held: string[]): { adapter: Adapter; ready: () => void } {
  let ready: () => void = () => undefined;
  const readiness = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const adapter: Adapter = {
    name: 'slow to be ready',
    description: 'consumes at once, answers its readiness late',
    async start(_environment, options) {
      options.watchUnacked?.(() => [...held]);
      await readiness;
      const started: StartedAdapter = {
        name: 'slow to be ready',
        readBack: {} as ReadBackClient,
        activity: () => ({ inHand: held.length, waitingOnClock: 0 }),
        stop: () => Promise.resolve(),
      };
      return started;
    },
  };
  return { adapter, ready };
}

test('a receiver not yet ready already holds deliveries: the run sees them, and a crash in that gap names them', async () => {
  environment = await openRunEnvironment({ kind: 'embedded', seed: 'early deliveries' });
  const held = ['melding-1', 'melding-2'];
  const { adapter, ready } = slowToBeReady(held);
  const run = await startReportRun({ environment, reports: 1, seed: 'early deliveries', adapter });
  const starting = run.startAdapter();
  // Its start has begun (the adapter has spoken) but not finished.
  await Promise.resolve();
  await Promise.resolve();
  expect(run.adapter()).toBeUndefined();
  expect(run.receiverUnacked()).toEqual(['melding-1', 'melding-2']);
  held.shift();
  expect(run.receiverUnacked()).toEqual(['melding-2']);
  const crash = run.crashAdapter('a crash before readiness');
  ready();
  await starting;
  await expect(crash).resolves.toMatchObject({ generation: 1, unacked: ['melding-2'] });
  expect(run.receiverUnacked()).toEqual([]);
  await run.stop();
}, 60_000);
