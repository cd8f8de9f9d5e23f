// Reports end to end on real RabbitMQ and PostgreSQL (AMQP_URL, DATABASE_URL), the receiver sending
// its receipts over the simulator's HTTP API — and the kill test: the receiver's AMQP connection is
// cut mid-run, a new receiver takes over, and every report still ends stored exactly once and
// LEVERT by mottatt. After each test nothing of the run is left on the broker or the database.
import { afterEach, describe, expect, test } from '@jest/globals';
import { connect } from 'amqplib';
import pg from 'pg';
import { DEFAULT_DATABASE_URL } from '../environments/database/index.ts';
import { type ServicesRunEnvironment, openRunEnvironment } from '../environments/run-environment.ts';
import { DEFAULT_AMQP_URL } from '../environments/services-environment.ts';
import { startReportRun } from './report-run.ts';
import { runReports } from './run-reports.ts';
import type { RunSummary } from './run-summary.ts';

const amqpUrl = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
const TIMEOUT_MS = 240_000;

let environment: ServicesRunEnvironment | undefined;

async function servicesEnvironment(seed: string): Promise<ServicesRunEnvironment> {
  const opened = await openRunEnvironment({ kind: 'services', seed });
  if (opened.kind !== 'services') throw new Error('expected a services environment');
  environment = opened;
  return opened;
}

afterEach(async () => {
  if (environment === undefined) return;
  const created = environment.createdResources();
  await environment.close();
  environment = undefined;
  expect(created.queues.length).toBeGreaterThan(0);
  expect(await remainingOnBroker(created.queues, created.exchanges)).toEqual([]);
  expect(await remainingSchemas(created.schemas)).toEqual([]);
}, 60_000);

/** Every name still there: checked one by one on a fresh connection (a 404 closes the channel). */
async function remainingOnBroker(queues: readonly string[], exchanges: readonly string[]): Promise<string[]> {
  const connection = await connect(amqpUrl);
  const remaining: string[] = [];
  try {
    const exists = async (check: (channel: Awaited<ReturnType<typeof connection.createChannel>>) => Promise<unknown>): Promise<boolean> => {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      try {
        await check(channel);
        await channel.close();
        return true;
      } catch {
        return false;
      }
    };
    for (const queue of queues) if (await exists((channel) => channel.checkQueue(queue))) remaining.push(`queue ${queue}`);
    for (const exchange of exchanges) if (await exists((channel) => channel.checkExchange(exchange))) remaining.push(`exchange ${exchange}`);
  } finally {
    await connection.close();
  }
  return remaining;
}

async function remainingSchemas(schemas: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ schema_name: string }>('SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY($1)', [[...schemas]]);
    return result.rows.map((row) => row.schema_name);
  } finally {
    await client.end();
  }
}

function expectPassed(summary: RunSummary, reports: number): void {
  expect(summary).toMatchObject({
    verdict: 'pass',
    environment: 'services',
    stored: reports,
    duplicates: 0,
    contentEqual: reports,
    leveredByMottatt: reports,
    leveredByPost: 0,
    problems: [],
  });
}

describe('runReports on RabbitMQ and PostgreSQL', () => {
  test(
    '300 reports: every one stored once, exactly as sent, LEVERT by mottatt',
    async () => {
      const summary = await runReports({ environment: await servicesEnvironment('services 300'), reports: 300, seed: 'services 300', adapter: 'reference' });
      expectPassed(summary, 300);
      expect(summary.receipts).toEqual({ mottatt: 300, feilet: 0, serverfeil: 0, tidsavbrudd: 0 });
    },
    TIMEOUT_MS,
  );

  test(
    "the kill test: the receiver's AMQP connection is cut after a third of the reports were acked; a new receiver takes over and nothing is lost or doubled",
    async () => {
      const reports = 300;
      let acked = 0;
      let onThird: () => void = () => undefined;
      const thirdAcked = new Promise<void>((resolve) => {
        onThird = resolve;
      });
      const run = await startReportRun({ environment: await servicesEnvironment('services kill'), reports, seed: 'services kill', adapter: 'reference' });
      run.observeHistory((event) => {
        if (event.event === 'acked' && (acked += 1) === reports / 3) onThird();
      });
      try {
        await run.acceptAll();
        await run.dispatch();
        await run.startPortalConsumer();
        await run.startAdapter();
        await thirdAcked;
        const cut = await run.cutAdapterConnection();
        await run.stopAdapter();
        await run.startAdapter();
        const summary = await run.summarise(await run.waitUntilFinal());

        expectPassed(summary, reports);
        expect(summary.checker.valid).toBe(true);
        // Proof the fault fired: it hit mid-run with deliveries in hand, and they came back.
        expect(cut.unacked.length).toBeGreaterThan(0);
        expect(summary.redeliveries).toBeGreaterThan(0);
      } finally {
        await run.stop();
      }
    },
    TIMEOUT_MS,
  );
});
