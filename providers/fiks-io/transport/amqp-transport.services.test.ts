// Real RabbitMQ (AMQP_URL, default amqp://guest:guest@127.0.0.1:5672): the conformance suite, plus
// what only a real broker can show (isolation by prefix, connection errors).
import { describe, expect, test } from '@jest/globals';
import { connect } from 'amqplib';
import { createAmqpTransport } from './amqp-transport.ts';
import type { Delivery } from './queue-transport.ts';
import { describeTransportConformance } from './transport-conformance.ts';

const url = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** If a test process dies before close(), RabbitMQ removes its queues after this long unused. */
const safetyNetMs = 15 * 60 * 1000;

let runs = 0;
/** Unique per test, so parallel jest workers and parallel CI jobs never share a queue. */
const uniquePrefix = (): string => `ackproof.test.${process.pid}.${Date.now().toString(36)}.${(runs += 1)}.`;

/** Names that still exist on the broker, checked one by one on fresh channels (a 404 closes a channel). */
async function stillOnBroker(names: { readonly queues: readonly string[]; readonly exchanges: readonly string[] }): Promise<string[]> {
  const model = await connect(url);
  try {
    const found: string[] = [];
    const exists = async (check: (channel: Awaited<ReturnType<typeof model.createChannel>>) => Promise<unknown>): Promise<boolean> => {
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      try {
        await check(channel);
        await channel.close();
        return true;
      } catch {
        return false;
      }
    };
    for (const queue of names.queues) if (await exists((channel) => channel.checkQueue(queue))) found.push(`queue ${queue}`);
    for (const exchange of names.exchanges) if (await exists((channel) => channel.checkExchange(exchange))) found.push(`exchange ${exchange}`);
    return found;
  } finally {
    await model.close();
  }
}

describeTransportConformance('amqp (RabbitMQ)', async () => {
  const transport = await createAmqpTransport({ url, namePrefix: uniquePrefix(), expireUnusedAfterMs: safetyNetMs });
  return {
    transport,
    wait: sleep,
    settle: () => sleep(100),
    leftovers: async () => {
      const names = transport.declaredNames();
      // Guards the check itself: a transport that recorded nothing would pass it vacuously.
      if (names.queues.length === 0) return ['(the transport recorded no declared queues)'];
      return stillOnBroker(names);
    },
  };
});

describe('amqp transport on real RabbitMQ', () => {
  test('queues with the same name in two runs are separate', async () => {
    const one = await createAmqpTransport({ url, namePrefix: uniquePrefix(), expireUnusedAfterMs: safetyNetMs });
    const two = await createAmqpTransport({ url, namePrefix: uniquePrefix(), expireUnusedAfterMs: safetyNetMs });
    try {
      await one.declareQueue('fiksio.konto.felles');
      await two.declareQueue('fiksio.konto.felles');
      await one.publish('fiksio.konto.felles', { headers: {}, body: new Uint8Array([1]) });
      expect([await one.depth('fiksio.konto.felles'), await two.depth('fiksio.konto.felles')]).toEqual([1, 0]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  test('a lost connection gives clear errors, and close() still removes everything over a fresh connection', async () => {
    const transport = await createAmqpTransport({ url, namePrefix: uniquePrefix(), expireUnusedAfterMs: safetyNetMs });
    try {
      await transport.declareQueue('fiksio.konto.brudd');
      await transport.publish('fiksio.konto.brudd', { headers: {}, body: new Uint8Array([1]) });
      const held: Delivery[] = [];
      await transport.consume('fiksio.konto.brudd', { prefetch: 1 }, (delivery) => held.push(delivery));
      for (let poll = 0; poll < 100 && held.length === 0; poll += 1) await sleep(50);
      expect(held).toHaveLength(1);
      await transport.severConnection();
      await expect(transport.publish('fiksio.konto.brudd', { headers: {}, body: new Uint8Array([2]) })).rejects.toThrow(
        /amqpTransport.publish: the connection to amqp:\/\/.* was lost .*create a new one/,
      );
      expect(() => held[0]?.ack()).toThrow(/subscription was closed \(by its owner, the broker or a lost connection\)/);
    } finally {
      await transport.close();
    }
    expect(await stillOnBroker(transport.declaredNames())).toEqual([]);
  });

  test('an unreachable broker is reported with the URL, without the password, and what to try', async () => {
    const attempt = createAmqpTransport({ url: 'amqp://guest:hemmelig@127.0.0.1:1', namePrefix: uniquePrefix() });
    await expect(attempt).rejects.toThrow('amqpTransport: cannot connect to RabbitMQ at amqp://guest:***@127.0.0.1:1');
    await expect(attempt).rejects.toThrow(/Is RabbitMQ running\?/);
    await expect(attempt).rejects.not.toThrow(/hemmelig/);
  });

  test('a refused login says to check the credentials', async () => {
    const parsed = new URL(url);
    parsed.password = 'feil-passord';
    const attempt = createAmqpTransport({ url: parsed.toString(), namePrefix: uniquePrefix() });
    await expect(attempt).rejects.toThrow(/refused the login\. Check the user name and password/);
    await expect(attempt).rejects.not.toThrow(/feil-passord/);
  });

  test('with expireUnusedAfterMs, RabbitMQ removes queues (and with them the exchange) left unused, so a crashed run leaves nothing for good', async () => {
    const transport = await createAmqpTransport({ url, namePrefix: uniquePrefix(), expireUnusedAfterMs: 500 });
    try {
      await transport.declareQueue('fiksio.konto.glemt');
      await transport.publish('fiksio.konto.glemt', { headers: {}, body: new Uint8Array([1]) });
      let remaining = await stillOnBroker(transport.declaredNames());
      expect(remaining).toContain(`queue ${transport.declaredNames().queues.at(-1) ?? ''}`);
      for (let poll = 0; poll < 60 && remaining.length > 0; poll += 1) {
        await sleep(500);
        remaining = await stillOnBroker(transport.declaredNames());
      }
      expect(remaining).toEqual([]);
    } finally {
      await transport.close();
    }
  }, 60_000);

  test('consumeOnly consumes a queue another transport declared, declares nothing and deletes nothing; a lost connection is reported once', async () => {
    const prefix = uniquePrefix();
    const owner = await createAmqpTransport({ url, namePrefix: prefix, expireUnusedAfterMs: safetyNetMs });
    try {
      await owner.declareQueue('fiksio.konto.lant');
      await owner.publish('fiksio.konto.lant', { headers: {}, body: new Uint8Array([7]) });
      const lost: Error[] = [];
      const consumer = await createAmqpTransport({ url, namePrefix: '', consumeOnly: true, onConnectionLost: (error) => lost.push(error) });
      const received: number[] = [];
      await consumer.consume(`${prefix}fiksio.konto.lant`, { prefetch: 1 }, (delivery) => {
        received.push(delivery.body[0] ?? -1);
        delivery.ack();
      });
      for (let poll = 0; poll < 100 && received.length === 0; poll += 1) await sleep(50);
      expect(received).toEqual([7]);
      expect(consumer.declaredNames()).toEqual({ queues: [], exchanges: [] });
      await consumer.severConnection();
      expect(lost).toHaveLength(1);
      await consumer.close();
      expect(lost).toHaveLength(1);
      expect(await stillOnBroker(owner.declaredNames())).toHaveLength(owner.declaredNames().queues.length + owner.declaredNames().exchanges.length);
    } finally {
      await owner.close();
    }
  });

  test('refuses to run without a name prefix', async () => {
    await expect(createAmqpTransport({ url, namePrefix: '' })).rejects.toThrow(/namePrefix must be a non-empty per-run prefix/);
  });
});
