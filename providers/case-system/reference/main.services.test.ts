// The reference receiver as a launch-contract process (main.ts), started as a child process with a
// launch environment made by hand from the services environment's pieces: the run's queue on
// RabbitMQ, the case system's schema on PostgreSQL, the simulator's send API and dokumentlager over
// HTTP. It must take reports, answer mottatt, serve what it stored, survive SIGKILL with its data
// (a restart on the same database finds it), reconnect after losing the broker, and stop cleanly
// on SIGTERM. Nothing is left afterwards: the child has exited and the run's queues and schemas
// are gone.
import { afterEach, describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Socket, connect as connectTcp, createServer } from 'node:net';
import { CUSTOM, HEADER } from '../../../contracts/fiks-io-headers.ts';
import { MOTTATT } from '../../../contracts/message-types.ts';
import { LAUNCH_VARIABLES, type LaunchEnvironment } from '../../../harness/adapters/launch-contract.ts';
import { schemaForRun } from '../../../harness/environments/database/index.ts';
import { type ServicesRunEnvironment, openRunEnvironment } from '../../../harness/environments/run-environment.ts';
import { DEFAULT_AMQP_URL } from '../../../harness/environments/services-environment.ts';
import { buildPayload } from '../../../scenarios/workloads/report-payload.ts';
import { generateReports } from '../../../scenarios/workloads/report-workload.ts';
import { DOKUMENTLAGER_PATH_PREFIX } from '../../fiks-io/send-api.ts';
import type { Delivery } from '../../fiks-io/transport/queue-transport.ts';
import { createReadBackClient } from '../../portal/read-back-client.ts';
import { READY_PATH } from '../read-back-server.ts';

const PORTAL = '5a0b7e11-9c3d-4f2a-8b6e-70a7a1000011';
const CASE_SYSTEM = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000012';
const amqpUrl = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

const children: Child[] = [];
let environment: ServicesRunEnvironment | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
  await environment?.close();
  environment = undefined;
});

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

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function untilReady(child: Child, port: number): Promise<void> {
  for (let poll = 0; poll < 300; poll += 1) {
    if (child.process.exitCode !== null) throw new Error(`main.ts exited with ${child.process.exitCode} before it was ready:\n${child.output()}`);
    const answer = await fetch(`http://127.0.0.1:${port}${READY_PATH}`).then((response) => response.status, () => 0);
    if (answer === 200) return;
    await sleep(100);
  }
  throw new Error(`main.ts was not ready within 30 s:\n${child.output()}`);
}

async function servicesRun(seed: string): Promise<{ env: ServicesRunEnvironment; launch: LaunchEnvironment; mottatt: string[] }> {
  const opened = await openRunEnvironment({ kind: 'services', seed, dokumentlagerThresholdBytes: 20_000 });
  if (opened.kind !== 'services') throw new Error('expected a services environment');
  environment = opened;
  await opened.simulator.createAccount(PORTAL);
  await opened.simulator.createAccount(CASE_SYSTEM);
  const mottatt: string[] = [];
  await opened.transport.consume(opened.simulator.queueFor(PORTAL), { prefetch: 50 }, (delivery: Delivery) => {
    if (delivery.headers[HEADER.type] === MOTTATT) mottatt.push(delivery.headers[HEADER.svarTil] ?? '(no svar-til)');
    delivery.ack();
  });
  const caseDatabase = new URL(databaseUrl);
  caseDatabase.searchParams.set('options', `-c search_path=${schemaForRun(`${opened.runId}_case`)}`);
  const launch: LaunchEnvironment = {
    [LAUNCH_VARIABLES.amqpUrl]: amqpUrl,
    [LAUNCH_VARIABLES.queue]: `ackproof.${opened.runId}.${opened.simulator.queueFor(CASE_SYSTEM)}`,
    [LAUNCH_VARIABLES.kontoId]: CASE_SYSTEM,
    [LAUNCH_VARIABLES.sendApiUrl]: opened.fiksIoUrl,
    [LAUNCH_VARIABLES.dokumentlagerUrl]: `${opened.fiksIoUrl}${DOKUMENTLAGER_PATH_PREFIX}`,
    [LAUNCH_VARIABLES.databaseUrl]: caseDatabase.toString(),
    [LAUNCH_VARIABLES.readBackPort]: String(await freePort()),
  };
  return { env: opened, launch, mottatt };
}

/** Sends the reports as the portal would; returns each one's melding-id (what mottatt answers). */
async function sendReports(env: ServicesRunEnvironment, seed: string, count: number): Promise<{ meldingId: string; bekymringsmeldingId: string; content: unknown }[]> {
  const sent = [];
  for (const report of generateReports(seed, count)) {
    const { meldingId } = await env.simulator.send({
      metadata: {
        avsenderKontoId: PORTAL,
        mottakerKontoId: CASE_SYSTEM,
        meldingType: report.meldingstype,
        ttl: 3_600_000,
        headere: { [CUSTOM.bekymringsmeldingId]: report.bekymringsmeldingId, [CUSTOM.bydelRessursId]: report.bydelRessursId, [CUSTOM.klientMeldingId]: `klient-${report.bekymringsmeldingId}` },
      },
      data: await buildPayload(report),
    });
    sent.push({ meldingId, bekymringsmeldingId: report.bekymringsmeldingId, content: report.content });
  }
  return sent;
}

async function until(what: string, condition: () => boolean, child: Child): Promise<void> {
  for (let poll = 0; poll < 300 && !condition(); poll += 1) await sleep(100);
  if (!condition()) throw new Error(`not within 30 s: ${what}\n${child.output()}`);
}

describe('the reference receiver as a launch-contract process (main.ts)', () => {
  test('takes reports, answers mottatt and serves them; killed (SIGKILL) and started again on the same database it keeps them and takes what came meanwhile; SIGTERM stops it with exit code 0', async () => {
    const { env, launch, mottatt } = await servicesRun('main.ts process');
    const port = Number(launch[LAUNCH_VARIABLES.readBackPort]);
    const readBack = createReadBackClient(`http://127.0.0.1:${port}`);

    const first = startMain(launch);
    await untilReady(first, port);
    const before = await sendReports(env, 'main.ts before the kill', 4);
    await until('mottatt for the first reports', () => before.every(({ meldingId }) => mottatt.includes(meldingId)), first);
    for (const report of before) {
      const stored = await readBack.read(report.bekymringsmeldingId);
      expect(stored.found && stored.readBack.bekymringsmelding).toEqual(report.content);
    }

    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const meanwhile = await sendReports(env, 'main.ts while it is down', 2);

    const second = startMain(launch);
    await untilReady(second, port);
    await until('mottatt for the reports sent while it was down', () => meanwhile.every(({ meldingId }) => mottatt.includes(meldingId)), second);
    for (const report of [...before, ...meanwhile]) {
      const stored = await readBack.read(report.bekymringsmeldingId);
      expect(stored.found && { content: stored.readBack.bekymringsmelding, cases: stored.readBack.antallSaker }).toEqual({ content: report.content, cases: 1 });
    }

    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toMatch(/SIGTERM: stopping/);
  });

  test('a lost broker connection is not the end: it connects again and goes on consuming', async () => {
    const { env, launch, mottatt } = await servicesRun('main.ts reconnect');
    const relay = await brokerRelay();
    try {
      const port = Number(launch[LAUNCH_VARIABLES.readBackPort]);
      const child = startMain({ ...launch, [LAUNCH_VARIABLES.amqpUrl]: relay.url });
      await untilReady(child, port);
      const first = await sendReports(env, 'main.ts before the cut', 1);
      await until('mottatt before the cut', () => first.every(({ meldingId }) => mottatt.includes(meldingId)), child);

      expect(relay.cut()).toBeGreaterThan(0);
      const after = await sendReports(env, 'main.ts after the cut', 2);
      await until('mottatt after the cut', () => after.every(({ meldingId }) => mottatt.includes(meldingId)), child);
      expect(child.output()).toMatch(/the broker connection was lost/);
      expect(child.output()).toMatch(/consuming .* again/);
    } finally {
      await relay.close();
    }
  });

  test('a queue that does not exist: it says so and exits 1, without ever becoming ready', async () => {
    const { launch } = await servicesRun('main.ts no queue');
    const child = startMain({ ...launch, [LAUNCH_VARIABLES.queue]: `${launch[LAUNCH_VARIABLES.queue]}.missing` });
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.output()).toMatch(/could not start: .*no queue named '.*\.missing' exists/);
    expect(await fetch(`http://127.0.0.1:${launch[LAUNCH_VARIABLES.readBackPort]}${READY_PATH}`).then((response) => response.status, () => 'refused')).toBe('refused');
  });
});

/** A TCP relay to the broker whose cut() resets every connection through it, as a network failure would. */
async function brokerRelay(): Promise<{ readonly url: string; cut(): number; close(): Promise<void> }> {
  const target = new URL(amqpUrl);
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
  const url = new URL(amqpUrl);
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
