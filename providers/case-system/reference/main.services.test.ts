// The reference receiver as a launch-contract process (main.ts), started as a child process with a
// launch environment made by hand from the services environment's pieces (launch-test-kit.ts): the
// run's queue on RabbitMQ, the case system's schema on PostgreSQL, the simulator's send API and
// dokumentlager over HTTP. It must take reports, answer mottatt, serve what it stored, survive
// SIGKILL with its data (a restart on the same database finds it), reconnect after losing the
// broker, and stop cleanly on SIGTERM. Afterwards the child has exited and the run is closed.
import { afterEach, describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Socket, connect as connectTcp, createServer } from 'node:net';
import { LAUNCH_VARIABLES } from '../../../harness/adapters/launch-contract.ts';
import { createReadBackClient } from '../../portal/read-back-client.ts';
import { READY_PATH } from '../read-back-server.ts';
import { AMQP_URL, type LaunchRun, openLaunchRun, until, untilReady } from './launch-test-kit.ts';

interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

const children: Child[] = [];
let run: LaunchRun | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
  await run?.close();
  run = undefined;
});

async function launchRun(seed: string): Promise<LaunchRun> {
  run = await openLaunchRun(seed);
  return run;
}

function startMain(env: Readonly<Record<string, string>>): Child {
  const child = spawn('node_modules/.bin/node', ['providers/case-system/reference/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const started = { process: child, output: () => output, exited };
  children.push(started);
  return started;
}

function ready(launched: LaunchRun, child: Child): Promise<void> {
  return untilReady(launched.readBackUrl, () => (child.process.exitCode === null ? undefined : `exit code ${child.process.exitCode}`), child.output);
}

describe('the reference receiver as a launch-contract process (main.ts)', () => {
  test('takes reports, answers mottatt and serves them; killed (SIGKILL) and started again on the same database it keeps them and takes what came meanwhile; SIGTERM stops it with exit code 0', async () => {
    const launched = await launchRun('main.ts process');
    const readBack = createReadBackClient(launched.readBackUrl);

    const first = startMain(launched.launch);
    await ready(launched, first);
    const before = await launched.sendReports('main.ts before the kill', 4);
    // Both ways a payload travels: in the message, and by dokumentlager reference (fetched over HTTP).
    expect(new Set(before.map((report) => report.byReference))).toEqual(new Set([true, false]));
    await until('mottatt for the first reports', () => before.every(({ meldingId }) => launched.mottatt.includes(meldingId)), first.output);
    for (const report of before) {
      const stored = await readBack.read(report.bekymringsmeldingId);
      expect(stored.found && stored.readBack.bekymringsmelding).toEqual(report.content);
    }

    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const meanwhile = await launched.sendReports('main.ts while it is down', 2);

    const second = startMain(launched.launch);
    await ready(launched, second);
    await until('mottatt for the reports sent while it was down', () => meanwhile.every(({ meldingId }) => launched.mottatt.includes(meldingId)), second.output);
    for (const report of [...before, ...meanwhile]) {
      const stored = await readBack.read(report.bekymringsmeldingId);
      expect(stored.found && { content: stored.readBack.bekymringsmelding, cases: stored.readBack.antallSaker }).toEqual({ content: report.content, cases: 1 });
    }

    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toMatch(/SIGTERM: stopping/);
  });

  test('a lost broker connection is not the end: it connects again and goes on consuming', async () => {
    const launched = await launchRun('main.ts reconnect');
    const relay = await brokerRelay();
    try {
      const child = startMain({ ...launched.launch, [LAUNCH_VARIABLES.amqpUrl]: relay.url });
      await ready(launched, child);
      const first = await launched.sendReports('main.ts before the cut', 1);
      await until('mottatt before the cut', () => first.every(({ meldingId }) => launched.mottatt.includes(meldingId)), child.output);

      expect(relay.cut()).toBeGreaterThan(0);
      const after = await launched.sendReports('main.ts after the cut', 2);
      await until('mottatt after the cut', () => after.every(({ meldingId }) => launched.mottatt.includes(meldingId)), child.output);
      expect(child.output()).toMatch(/the broker connection was lost/);
      expect(child.output()).toMatch(/consuming .* again/);
    } finally {
      await relay.close();
    }
  });

  test('a queue that does not exist: it says so and exits 1, without ever becoming ready', async () => {
    const launched = await launchRun('main.ts no queue');
    const child = startMain({ ...launched.launch, [LAUNCH_VARIABLES.queue]: `${launched.launch[LAUNCH_VARIABLES.queue]}.missing` });
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.output()).toMatch(/could not start: .*no queue named '.*\.missing' exists/);
    expect(await fetch(`${launched.readBackUrl}${READY_PATH}`).then((response) => response.status, () => 'refused')).toBe('refused');
  });
});

/** A TCP relay to the broker whose cut() resets every connection through it, as a network failure would. */
async function brokerRelay(): Promise<{ readonly url: string; cut(): number; close(): Promise<void> }> {
  const target = new URL(AMQP_URL);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connectTcp({ host: target.hostname, port: Number(target.port || 5672) });
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = new URL(AMQP_URL);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    cut() {
      const count = sockets.size;
      for (const socket of [...sockets]) socket.resetAndDestroy();
      return count;
    },
    async close() {
      for (const socket of [...sockets]) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
