// The proxy between real clients and the real services: amqplib to RabbitMQ, pg to PostgreSQL.
// What a black-box receiver's boundaries look like from outside (a delivery with its headers, an
// ack, a commit), a frame held at a boundary, and each fault with its effect on the client.
import { afterEach, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import pg from 'pg';
import { DEFAULT_AMQP_URL } from '../environments/services-environment.ts';
import { DEFAULT_DATABASE_URL } from '../environments/database/index.ts';
import { testRunId } from '../environments/database/test-run-id.ts';
import { startReceiverProxies } from './receiver-proxies.ts';
import type { ReceiverProxies } from './receiver-proxies.ts';
import type { ProxyEvent } from './proxy-types.ts';

const amqpUrl = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function proxies(): Promise<ReceiverProxies & { events: ProxyEvent[] }> {
  const started = await startReceiverProxies({ amqpUrl, databaseUrl });
  cleanups.push(() => started.close());
  const events: ProxyEvent[] = [];
  started.broker.onEvent((event) => void events.push(event));
  started.database.onEvent((event) => void events.push(event));
  return Object.assign(started, { events });
}

/** A queue of the test's own, with one message published directly (not through the proxy). */
async function queueWithMessage(headers: Record<string, string>): Promise<string> {
  const queue = `ackproof.${testRunId()}.proxy`;
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  await channel.assertQueue(queue, { durable: false });
  channel.sendToQueue(queue, Buffer.from('payload'), { headers });
  await channel.waitForConfirms();
  cleanups.push(async () => {
    await channel.deleteQueue(queue);
    await connection.close();
  });
  return queue;
}

async function directMessageCount(queue: string): Promise<number> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

async function consumeOne(url: string, queue: string): Promise<{ connection: amqp.ChannelModel; channel: amqp.Channel; message: amqp.ConsumeMessage }> {
  const connection = await amqp.connect(url);
  connection.on('error', () => undefined);
  cleanups.push(() => connection.close());
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  const message = await new Promise<amqp.ConsumeMessage>((resolve) => {
    void channel.consume(queue, (delivered) => {
      if (delivered !== null) resolve(delivered);
    });
  });
  return { connection, channel, message };
}

async function databaseClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

async function scratchTable(): Promise<string> {
  const schema = `ackproof_run_${testRunId()}`;
  const direct = await databaseClient(databaseUrl);
  await direct.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.stored (id text PRIMARY KEY)`);
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: databaseUrl });
    await dropper.connect();
    await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
    await dropper.end();
  });
  return `${schema}.stored`;
}

async function rowsIn(table: string): Promise<string[]> {
  const direct = await databaseClient(databaseUrl);
  const result = await direct.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`);
  return result.rows.map((row) => row.id);
}

describe('fault proxy on RabbitMQ (amqplib)', () => {
  it('sees a delivery with its headers and the ack that settles it', async () => {
    const proxy = await proxies();
    const queue = await queueWithMessage({ type: 'no.ks.fiks.bekymringsmelding.v2', 'svar-til': 'ø-1' });
    const { channel, message } = await consumeOne(proxy.amqpUrl, queue);
    channel.ack(message);
    await channel.close();
    const deliver = proxy.events.find((event) => event.kind === 'deliver');
    expect(deliver).toMatchObject({ kind: 'deliver', deliveryTag: BigInt(message.fields.deliveryTag), redelivered: false, headers: { type: 'no.ks.fiks.bekymringsmelding.v2', 'svar-til': 'ø-1' } });
    expect(proxy.events.find((event) => event.kind === 'ack')).toMatchObject({ connectionId: deliver?.connectionId, deliveryTag: 1n, multiple: false });
    expect(await directMessageCount(queue)).toBe(0);
  });

  it('an ack held at the proxy never reaches the broker: reset there, the message comes again, redelivered', async () => {
    const proxy = await proxies();
    const queue = await queueWithMessage({ type: 't' });
    let ackSeen!: () => void;
    const seen = new Promise<void>((resolve) => (ackSeen = resolve));
    proxy.broker.onEvent((event) => {
      if (event.kind !== 'ack') return undefined;
      ackSeen();
      return new Promise<void>(() => undefined); // held for good
    });
    const first = await consumeOne(proxy.amqpUrl, queue);
    first.channel.ack(first.message);
    await seen;
    proxy.broker.setFault({ kind: 'reset' });
    proxy.broker.setFault(undefined);
    const again = await consumeOne(amqpUrl, queue);
    expect(again.message.fields.redelivered).toBe(true);
    expect(proxy.broker.evidence()[0]).toMatchObject({ fault: { kind: 'reset' }, fired: 1 });
    again.channel.ack(again.message);
  });

  it('reset breaks amqplib\'s connection; blackhole holds a delivery until healed', async () => {
    const proxy = await proxies();
    const queue = await queueWithMessage({ type: 't' });
    const connection = await amqp.connect(proxy.amqpUrl);
    cleanups.push(() => connection.close());
    const broken = new Promise<unknown>((resolve) => connection.on('error', resolve));
    const channel = await connection.createChannel();
    proxy.broker.setFault({ kind: 'blackhole' });
    let delivered = false;
    // Not awaited: Basic.ConsumeOk is held by the blackhole too.
    void channel.consume(queue, () => void (delivered = true)).catch(() => undefined);
    await until(() => (proxy.broker.evidence()[0]?.fired ?? 0) > 0);
    expect(delivered).toBe(false);
    proxy.broker.setFault(undefined);
    await until(() => delivered);
    proxy.broker.setFault({ kind: 'reset' });
    expect(await broken).toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('fault proxy on PostgreSQL (pg)', () => {
  it('sees a transaction commit asked for and completed, and an autocommit write', async () => {
    const proxy = await proxies();
    const table = await scratchTable();
    const client = await databaseClient(proxy.databaseUrl);
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} VALUES ($1)`, ['in-transaction']);
    await client.query('COMMIT');
    await client.query(`INSERT INTO ${table} VALUES ($1)`, ['autocommit']);
    const commits = proxy.events.filter((event) => event.kind === 'commit');
    const inTransaction = ['BEGIN', `INSERT INTO ${table} VALUES ($1)`, 'in-transaction', 'COMMIT'];
    const autocommit = [`INSERT INTO ${table} VALUES ($1)`, 'autocommit'];
    expect(commits).toEqual([
      { kind: 'commit', connectionId: 1, phase: 'requested', command: 'COMMIT', transaction: inTransaction },
      { kind: 'commit', connectionId: 1, phase: 'completed', command: 'COMMIT', transaction: inTransaction },
      { kind: 'commit', connectionId: 1, phase: 'requested', command: 'INSERT', transaction: autocommit },
      { kind: 'commit', connectionId: 1, phase: 'completed', command: 'INSERT 0 1', transaction: autocommit },
    ]);
  });

  it('commit-reply-lost: the client\'s COMMIT fails, yet the row is committed', async () => {
    const proxy = await proxies();
    const table = await scratchTable();
    const client = await databaseClient(proxy.databaseUrl);
    proxy.database.setFault({ kind: 'commit-reply-lost' });
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} VALUES ($1)`, ['unknown-outcome']);
    await expect(client.query('COMMIT')).rejects.toThrow(/Connection terminated/);
    expect(await rowsIn(table)).toEqual(['unknown-outcome']);
    expect(proxy.database.evidence()).toEqual([
      { fault: { kind: 'commit-reply-lost' }, fired: 1, connectionIds: [1], samples: ['connection 1 to-client swallowed CommandComplete COMMIT + ReadyForQuery I'] },
    ]);
    // Fired once: the next connection commits and hears it.
    const next = await databaseClient(proxy.databaseUrl);
    await next.query(`INSERT INTO ${table} VALUES ($1)`, ['after']);
    expect(await rowsIn(table)).toEqual(['after', 'unknown-outcome']);
  });

  it('a commit reply held at the proxy: committed at the database before the client hears it', async () => {
    const proxy = await proxies();
    const table = await scratchTable();
    const client = await databaseClient(proxy.databaseUrl);
    let release!: () => void;
    let heldAt!: () => void;
    const held = new Promise<void>((resolve) => (heldAt = resolve));
    proxy.database.onEvent((event) => {
      if (event.kind !== 'commit' || event.phase !== 'completed') return undefined;
      heldAt();
      return new Promise<void>((resolve) => (release = resolve));
    });
    let heard = false;
    const insert = client.query(`INSERT INTO ${table} VALUES ($1)`, ['held']).then(() => (heard = true));
    await held;
    expect(await rowsIn(table)).toEqual(['held']);
    expect(heard).toBe(false);
    release();
    await insert;
    expect(heard).toBe(true);
  });

  it('a COMMIT held while its receiver dies never reaches the database', async () => {
    const proxy = await proxies();
    const table = await scratchTable();
    const client = await databaseClient(proxy.databaseUrl);
    proxy.database.onEvent((event) => {
      if (event.kind !== 'commit' || event.phase !== 'requested') return undefined;
      // Held, and meanwhile the receiver's socket goes (as when its process is killed); the
      // proxy's connection to the database is still open when the hold ends.
      client.connection.stream.destroy();
      return new Promise<void>((resolve) => setTimeout(resolve, 50));
    });
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} VALUES ($1)`, ['never']);
    await expect(client.query('COMMIT')).rejects.toThrow();
    await until(() => proxy.events.some((event) => event.kind === 'held-frame-dropped'));
    expect(proxy.events.find((event) => event.kind === 'held-frame-dropped')).toMatchObject({ direction: 'to-server', frame: 'Query "COMMIT"' });
    expect(await rowsIn(table)).toEqual([]);
  });

  it('cut-after-bytes breaks the connection mid-reply; latency still answers', async () => {
    const proxy = await proxies();
    const client = await databaseClient(proxy.databaseUrl);
    proxy.database.setFault({ kind: 'latency', ms: 5 });
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    proxy.database.setFault({ kind: 'cut-after-bytes', bytes: 10, direction: 'to-client' });
    await expect(client.query('SELECT 1 AS one')).rejects.toThrow(/Connection terminated/);
    expect(proxy.database.evidence().map((evidence) => [evidence.fault.kind, evidence.fired > 0])).toEqual([
      ['latency', true],
      ['cut-after-bytes', true],
    ]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setTimeout(resolve, 5));
}
