// The durable work with nothing of ackproof in it, the yardstick for the overhead ratio: publish
// with confirms to a durable queue, consume, store in PostgreSQL (committed, synchronous_commit on),
// send a receipt with confirms to a second durable queue, ack; the sender counts the receipts. The
// queues are quorum queues like Fiks IO's accounts in services mode (fsync before the confirm), the
// connections use TCP noDelay like ackproof's, prefetch and pool size are ackproof's too (10).
//
// Everything it creates is named `ackproof.bench_raw_…` and removed at the end, also on failure.
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';

export interface RawPipelineOptions {
  readonly amqpUrl: string;
  readonly databaseUrl: string;
  /** The messages' bodies (the same payload zips ackproof sends). */
  readonly payloads: readonly Uint8Array[];
  readonly prefetch?: number;
}

export interface RawPipelineResult {
  readonly messages: number;
  /** First publish to last receipt. */
  readonly ms: number;
  readonly perSecond: number;
  readonly stored: number;
}

const QUEUE_ARGUMENTS = { 'x-queue-type': 'quorum' };

export async function runRawPipeline(options: RawPipelineOptions): Promise<RawPipelineResult> {
  const prefetch = options.prefetch ?? 10;
  const name = `bench_raw_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const inbox = `ackproof.${name}.in`;
  const receipts = `ackproof.${name}.receipts`;
  const connection = await amqp.connect(options.amqpUrl, { noDelay: true });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: `-c search_path=${name} -c synchronous_commit=on` });
  try {
    const admin = await connection.createChannel();
    await admin.assertQueue(inbox, { durable: true, arguments: QUEUE_ARGUMENTS });
    await admin.assertQueue(receipts, { durable: true, arguments: QUEUE_ARGUMENTS });
    await pool.query(`CREATE SCHEMA ${name}`);
    await pool.query(`CREATE TABLE ${name}.sak (melding_id text PRIMARY KEY, payload bytea NOT NULL, mottatt_at timestamptz NOT NULL DEFAULT now())`);

    const total = options.payloads.length;
    let answered = 0;
    let finish: () => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });

    const receiptChannel = await connection.createConfirmChannel();
    const consumer = await connection.createChannel();
    await consumer.prefetch(prefetch);
    await consumer.consume(inbox, (message) => {
      if (message === null) return;
      const meldingId = String(message.properties.messageId);
      void (async () => {
        await pool.query(`INSERT INTO ${name}.sak (melding_id, payload) VALUES ($1, $2) ON CONFLICT (melding_id) DO NOTHING`, [meldingId, message.content]);
        await new Promise<void>((resolve, reject) => {
          receiptChannel.sendToQueue(receipts, Buffer.alloc(0), { persistent: true, messageId: randomUUID(), headers: { 'svar-til': meldingId } }, (error) =>
            error ? reject(error as Error) : resolve(),
          );
        });
        consumer.ack(message);
      })().catch(fail);
    });
    const sender = await connection.createChannel();
    await sender.consume(receipts, (message) => {
      if (message === null) return;
      sender.ack(message);
      answered += 1;
      if (answered === total) finish();
    });

    const publisher = await connection.createConfirmChannel();
    const started = performance.now();
    options.payloads.forEach((payload, index) => {
      publisher.sendToQueue(inbox, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), { persistent: true, messageId: `raw-${index}` });
    });
    await publisher.waitForConfirms();
    await done;
    const ms = performance.now() - started;
    const [{ stored } = { stored: 0 }] = (await pool.query<{ stored: number }>(`SELECT count(*)::int AS stored FROM ${name}.sak`)).rows;
    await admin.deleteQueue(inbox);
    await admin.deleteQueue(receipts);
    return { messages: total, ms: Math.round(ms), perSecond: Math.round((total / ms) * 1000 * 10) / 10, stored };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`).catch(() => undefined);
    await pool.end().catch(() => undefined);
    const cleanup = await connection.createChannel().catch(() => undefined);
    await cleanup?.deleteQueue(inbox).catch(() => undefined);
    await cleanup?.deleteQueue(receipts).catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
}
