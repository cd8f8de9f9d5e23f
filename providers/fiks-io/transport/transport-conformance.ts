// One suite, run on both transports: whatever the embedded broker does here, real RabbitMQ does
// too (and where they differed, the embedded broker was fixed; see embedded-transport.ts). No
// timing assertions: conditions are polled a bounded number of times, and absences are checked
// after letting time pass.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { DELIVERY_LIMIT, UnroutableError } from './queue-transport.ts';
import type { DeadLetter, Delivery, QueueMessage, QueueTransport, Subscription } from './queue-transport.ts';

export interface TransportFixture {
  /** A fresh transport with nothing declared. */
  readonly transport: QueueTransport;
  /** Lets ms of time pass: a real sleep on services, a VirtualClock advance on embedded. */
  readonly wait: (ms: number) => Promise<void>;
  /** Lets deliveries and dead letters already under way arrive. */
  readonly settle: () => Promise<void>;
  /** After transport.close(): what it left behind (queues, exchanges, timers); empty when nothing. */
  readonly leftovers: () => Promise<readonly string[]>;
  /** The fixture's own teardown, after transport.close(). */
  readonly dispose?: () => Promise<void>;
}

/** Polls: 200 steps of 50 ms, 10 s of (virtual or real) time. */
const pollStepMs = 50;
const pollSteps = 200;
/** Services tests wait for real time: TTLs and absences take seconds. */
const testTimeoutMs = 60_000;
/** Long enough for a broker to have done what it was going to do. */
const quietMs = 600;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function message(text: string, extra: { headers?: Record<string, string>; expirationMs?: number } = {}): QueueMessage {
  return {
    headers: { 'melding-id': `melding-${text}`, type: 'no.ks.fiks.bekymringsmelding.privat.v2', ...extra.headers },
    body: encoder.encode(text),
    ...(extra.expirationMs === undefined ? {} : { expirationMs: extra.expirationMs }),
  };
}

const textOf = (item: { readonly body: Uint8Array }): string => decoder.decode(item.body);

export function describeTransportConformance(name: string, makeFixture: () => Promise<TransportFixture>): void {
  describe(`${name}: queue transport conformance`, () => {
    let fixture: TransportFixture | undefined;
    const open: Subscription[] = [];

    beforeEach(async () => {
      fixture = await makeFixture();
    });

    afterEach(async () => {
      const current = fixture;
      fixture = undefined;
      for (const subscription of open.splice(0)) await subscription.close().catch(() => undefined);
      if (current === undefined) return;
      try {
        await current.transport.close();
      } finally {
        await current.dispose?.();
      }
    });

    const use = (): TransportFixture => {
      if (fixture === undefined) throw new Error('conformance: no fixture; makeFixture failed (see the beforeEach error)');
      return fixture;
    };

    const eventually = async (what: string, condition: () => boolean | Promise<boolean>, seen: () => unknown): Promise<void> => {
      const { settle, wait } = use();
      for (let step = 0; step < pollSteps; step += 1) {
        await settle();
        if (await condition()) return;
        await wait(pollStepMs);
      }
      throw new Error(
        `conformance (${name}): ${what} did not happen within ${pollSteps} polls ${pollStepMs} ms apart; last seen: ${JSON.stringify(seen())}`,
      );
    };

    const quietly = async (): Promise<void> => {
      const { settle, wait } = use();
      await settle();
      await wait(quietMs);
      await settle();
    };

    /** Subscribes and keeps every delivery, to settle by hand. */
    const collect = async (queue: string, prefetch: number): Promise<{ deliveries: Delivery[]; subscription: Subscription }> => {
      const deliveries: Delivery[] = [];
      const subscription = await use().transport.consume(queue, { prefetch }, (delivery) => deliveries.push(delivery));
      open.push(subscription);
      return { deliveries, subscription };
    };

    const receiveCount = (deliveries: readonly Delivery[], count: number): Promise<void> =>
      eventually(`${count} deliveries`, () => deliveries.length >= count, () => deliveries.map(textOf));

    const collectDeadLetters = async (): Promise<DeadLetter[]> => {
      const letters: DeadLetter[] = [];
      open.push(await use().transport.onDeadLetter((letter) => letters.push(letter)));
      return letters;
    };

    const deadLetterCount = (letters: readonly DeadLetter[], count: number): Promise<void> =>
      eventually(`${count} dead letter(s)`, () => letters.length >= count, () => letters.map((letter) => [letter.reason, textOf(letter.message)]));

    const depthBecomes = (queue: string, depth: number): Promise<void> => {
      let last: number | undefined;
      return eventually(
        `depth ${depth} on ${queue}`,
        async () => (last = await use().transport.depth(queue)) === depth,
        () => last,
      );
    };

    const publishAll = async (queue: string, texts: readonly string[]): Promise<void> => {
      for (const text of texts) await use().transport.publish(queue, message(text));
    };

    test(
      'publish, consume, ack: the message arrives as published, once, and is gone',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.a');
        const sent = message('rapport-æøå', { headers: { 'egendefinert-header.klientMeldingId': 'k-1' }, expirationMs: 3_600_000 });
        await transport.publish('fiksio.konto.a', sent);
        const first = await collect('fiksio.konto.a', 10);
        await receiveCount(first.deliveries, 1);
        const [delivery] = first.deliveries;
        expect(delivery).toBeDefined();
        if (delivery === undefined) return;
        expect(delivery.headers).toEqual(sent.headers);
        expect(textOf(delivery)).toBe('rapport-æøå');
        expect(delivery.expirationMs).toBe(3_600_000);
        expect([delivery.redelivered, delivery.deliveryCount]).toEqual([false, 0]);
        delivery.ack();
        await first.subscription.close();
        expect(await transport.depth('fiksio.konto.a')).toBe(0);
        const second = await collect('fiksio.konto.a', 10);
        await quietly();
        expect(second.deliveries).toHaveLength(0);
        expect(first.deliveries).toHaveLength(1);
      },
      testTimeoutMs,
    );

    test(
      'delivers in publish order (FIFO)',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.fifo');
        const texts = ['1', '2', '3', '4', '5', '6', '7', '8'];
        await publishAll('fiksio.konto.fifo', texts);
        const received: string[] = [];
        open.push(
          await transport.consume('fiksio.konto.fifo', { prefetch: 1 }, (delivery) => {
            received.push(textOf(delivery));
            delivery.ack();
          }),
        );
        await eventually('all 8 messages', () => received.length === texts.length, () => received);
        expect(received).toEqual(texts);
      },
      testTimeoutMs,
    );

    test(
      'a subscription that closes with unacked messages sends them back, redelivered',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.b');
        await publishAll('fiksio.konto.b', ['acked', 'unacked']);
        const first = await collect('fiksio.konto.b', 5);
        await receiveCount(first.deliveries, 2);
        first.deliveries[0]?.ack();
        await first.subscription.close();
        await depthBecomes('fiksio.konto.b', 1);
        const second = await collect('fiksio.konto.b', 5);
        await receiveCount(second.deliveries, 1);
        await quietly();
        expect(second.deliveries.map((delivery) => [textOf(delivery), delivery.redelivered, delivery.deliveryCount])).toEqual([['unacked', true, 1]]);
      },
      testTimeoutMs,
    );

    test(
      'requeue puts the message back at the front: it comes again before the next one',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.c');
        await publishAll('fiksio.konto.c', ['first', 'second']);
        const { deliveries } = await collect('fiksio.konto.c', 1);
        await receiveCount(deliveries, 1);
        deliveries[0]?.requeue();
        await receiveCount(deliveries, 2);
        deliveries[1]?.ack();
        await receiveCount(deliveries, 3);
        deliveries[2]?.ack();
        await depthBecomes('fiksio.konto.c', 0);
        expect(deliveries.map((delivery) => [textOf(delivery), delivery.redelivered, delivery.deliveryCount])).toEqual([
          ['first', false, 0],
          ['first', true, 1],
          ['second', false, 0],
        ]);
      },
      testTimeoutMs,
    );

    test(
      'messages that went back come first, in the order they were last delivered',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.order');
        await publishAll('fiksio.konto.order', ['A', 'B', 'C', 'D', 'E']);
        const first = await collect('fiksio.konto.order', 3);
        await receiveCount(first.deliveries, 3);
        expect(first.deliveries.map(textOf)).toEqual(['A', 'B', 'C']);
        first.deliveries[1]?.requeue();
        await receiveCount(first.deliveries, 4);
        expect(textOf(first.deliveries[3] ?? message('missing'))).toBe('B');
        await first.subscription.close();
        await depthBecomes('fiksio.konto.order', 5);
        const second = await collect('fiksio.konto.order', 10);
        await receiveCount(second.deliveries, 5);
        expect(second.deliveries.map((delivery) => `${textOf(delivery)}:${delivery.deliveryCount}`)).toEqual(['A:1', 'C:1', 'B:2', 'D:0', 'E:0']);
      },
      testTimeoutMs,
    );

    test(
      'prefetch 2 with 5 messages: exactly 2 arrive before any ack, one more per ack',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.d');
        await publishAll('fiksio.konto.d', ['1', '2', '3', '4', '5']);
        const { deliveries } = await collect('fiksio.konto.d', 2);
        await receiveCount(deliveries, 2);
        await quietly();
        expect(deliveries.map(textOf)).toEqual(['1', '2']);
        expect(await transport.depth('fiksio.konto.d')).toBe(3);
        deliveries[0]?.ack();
        await receiveCount(deliveries, 3);
        await quietly();
        expect(deliveries.map(textOf)).toEqual(['1', '2', '3']);
      },
      testTimeoutMs,
    );

    test(
      'a message whose TTL runs out at the head is dead-lettered as expired; a long TTL behind it is not expired early',
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.e');
        const short = message('short', { expirationMs: 200 });
        await transport.publish('fiksio.konto.e', short);
        await transport.publish('fiksio.konto.e', message('long', { expirationMs: 3_600_000 }));
        await deadLetterCount(letters, 1);
        await quietly();
        expect(letters).toEqual([{ queue: 'fiksio.konto.e', reason: 'expired', message: short }]);
        expect(await transport.depth('fiksio.konto.e')).toBe(1);
        const { deliveries } = await collect('fiksio.konto.e', 5);
        await receiveCount(deliveries, 1);
        expect(deliveries.map((delivery) => [textOf(delivery), delivery.deliveryCount])).toEqual([['long', 0]]);
      },
      testTimeoutMs,
    );

    test(
      'TTL is checked only at the head: a short TTL behind a message without one waits, then expires instead of being delivered',
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.f');
        await transport.publish('fiksio.konto.f', message('head'));
        await transport.publish('fiksio.konto.f', message('behind', { expirationMs: 200 }));
        await use().wait(1000);
        await quietly();
        expect(letters).toEqual([]);
        expect(await transport.depth('fiksio.konto.f')).toBe(2);
        const { deliveries } = await collect('fiksio.konto.f', 1);
        await receiveCount(deliveries, 1);
        deliveries[0]?.ack();
        await deadLetterCount(letters, 1);
        await quietly();
        expect(deliveries.map(textOf)).toEqual(['head']);
        expect(letters.map((letter) => [letter.reason, textOf(letter.message), letter.message.expirationMs])).toEqual([['expired', 'behind', 200]]);
        expect(await transport.depth('fiksio.konto.f')).toBe(0);
      },
      testTimeoutMs,
    );

    test(
      'a message whose TTL ran out while it was unacked expires when it comes back',
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.g');
        await transport.publish('fiksio.konto.g', message('slow', { expirationMs: 300 }));
        const first = await collect('fiksio.konto.g', 1);
        await receiveCount(first.deliveries, 1);
        await use().wait(1000);
        await first.subscription.close();
        await deadLetterCount(letters, 1);
        const second = await collect('fiksio.konto.g', 1);
        await quietly();
        expect(letters.map((letter) => [letter.reason, textOf(letter.message)])).toEqual([['expired', 'slow']]);
        expect(second.deliveries).toHaveLength(0);
      },
      testTimeoutMs,
    );

    test(
      `dead-lettered as delivery-limit after ${DELIVERY_LIMIT} deliveries without ack, whether requeued or its subscription closed`,
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.h');
        const sent = message('giftig', { expirationMs: 3_600_000 });
        await transport.publish('fiksio.konto.h', sent);
        const first = await collect('fiksio.konto.h', 1);
        await receiveCount(first.deliveries, 1);
        first.deliveries[0]?.requeue();
        await receiveCount(first.deliveries, 2);
        await first.subscription.close();
        const second = await collect('fiksio.konto.h', 1);
        await receiveCount(second.deliveries, 1);
        expect(letters).toEqual([]);
        second.deliveries[0]?.requeue();
        await deadLetterCount(letters, 1);
        await quietly();
        const all = [...first.deliveries, ...second.deliveries];
        expect(all.map((delivery) => [delivery.redelivered, delivery.deliveryCount])).toEqual([
          [false, 0],
          [true, 1],
          [true, 2],
        ]);
        expect(letters).toEqual([{ queue: 'fiksio.konto.h', reason: 'delivery-limit', message: sent }]);
        expect(await transport.depth('fiksio.konto.h')).toBe(0);
      },
      testTimeoutMs,
    );

    test(
      'three consumers that each die holding the message: the third death dead-letters it',
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.i');
        await transport.publish('fiksio.konto.i', message('krasj'));
        const counts: number[] = [];
        for (let attempt = 0; attempt < DELIVERY_LIMIT; attempt += 1) {
          const { deliveries, subscription } = await collect('fiksio.konto.i', 1);
          await receiveCount(deliveries, 1);
          counts.push(deliveries[0]?.deliveryCount ?? -1);
          await subscription.close();
        }
        await deadLetterCount(letters, 1);
        const after = await collect('fiksio.konto.i', 1);
        await quietly();
        expect(counts).toEqual([0, 1, 2]);
        expect(letters.map((letter) => letter.reason)).toEqual(['delivery-limit']);
        expect(after.deliveries).toHaveLength(0);
      },
      testTimeoutMs,
    );

    test(
      'nack is dead-lettered as rejected and never redelivered',
      async () => {
        const { transport } = use();
        const letters = await collectDeadLetters();
        await transport.declareQueue('fiksio.konto.j');
        const sent = message('avvist', { expirationMs: 60_000 });
        await transport.publish('fiksio.konto.j', sent);
        const { deliveries } = await collect('fiksio.konto.j', 1);
        await receiveCount(deliveries, 1);
        deliveries[0]?.nack();
        await deadLetterCount(letters, 1);
        await quietly();
        expect(letters).toEqual([{ queue: 'fiksio.konto.j', reason: 'rejected', message: sent }]);
        expect(deliveries).toHaveLength(1);
        expect(await transport.depth('fiksio.konto.j')).toBe(0);
      },
      testTimeoutMs,
    );

    test(
      'dead letters wait for a listener; once listening, every listener sees each one',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.k');
        await publishAll('fiksio.konto.k', ['tidlig', 'sen']);
        const { deliveries } = await collect('fiksio.konto.k', 1);
        await receiveCount(deliveries, 1);
        deliveries[0]?.nack();
        await receiveCount(deliveries, 2);
        await quietly();
        const one = await collectDeadLetters();
        await deadLetterCount(one, 1);
        const two = await collectDeadLetters();
        deliveries[1]?.nack();
        await deadLetterCount(one, 2);
        await deadLetterCount(two, 1);
        await quietly();
        expect(one.map((letter) => textOf(letter.message))).toEqual(['tidlig', 'sen']);
        expect(two.map((letter) => textOf(letter.message))).toEqual(['sen']);
      },
      testTimeoutMs,
    );

    test(
      'a publish to a queue that does not exist rejects with UnroutableError, and the transport goes on working',
      async () => {
        const { transport } = use();
        await expect(transport.publish('fiksio.konto.finnes-ikke', message('borte'))).rejects.toBeInstanceOf(UnroutableError);
        await expect(transport.publish('fiksio.konto.finnes-ikke', message('borte'))).rejects.toThrow(/no queue named 'fiksio.konto.finnes-ikke'/);
        await transport.declareQueue('fiksio.konto.l');
        await transport.publish('fiksio.konto.l', message('fram'));
        expect(await transport.depth('fiksio.konto.l')).toBe(1);
      },
      testTimeoutMs,
    );

    test(
      'consume and depth on a queue that does not exist reject, naming it',
      async () => {
        const { transport } = use();
        await expect(transport.consume('fiksio.konto.mangler', { prefetch: 1 }, () => undefined)).rejects.toThrow(/no queue named 'fiksio.konto.mangler'/);
        await expect(transport.depth('fiksio.konto.mangler')).rejects.toThrow(/no queue named 'fiksio.konto.mangler'/);
        await transport.declareQueue('fiksio.konto.m');
        expect(await transport.depth('fiksio.konto.m')).toBe(0);
      },
      testTimeoutMs,
    );

    test(
      'declareQueue is idempotent and keeps what the queue holds',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.n');
        await transport.publish('fiksio.konto.n', message('blir'));
        await transport.declareQueue('fiksio.konto.n');
        expect(await transport.depth('fiksio.konto.n')).toBe(1);
      },
      testTimeoutMs,
    );

    test(
      'a delivery settles once; settling again, or after its subscription closed, throws',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.o');
        await publishAll('fiksio.konto.o', ['en', 'to']);
        const { deliveries, subscription } = await collect('fiksio.konto.o', 2);
        await receiveCount(deliveries, 2);
        deliveries[0]?.ack();
        expect(() => deliveries[0]?.ack()).toThrow(/already settled \(ack\)/);
        expect(() => deliveries[0]?.requeue()).toThrow(/already settled \(ack\)/);
        await subscription.close();
        expect(() => deliveries[1]?.ack()).toThrow(/subscription was closed/);
        await depthBecomes('fiksio.konto.o', 1);
      },
      testTimeoutMs,
    );

    test(
      'close() removes everything the transport declared, and the transport refuses further use',
      async () => {
        const { transport, leftovers } = use();
        await transport.declareQueue('fiksio.konto.p');
        await transport.declareQueue('fiksio.konto.q');
        await publishAll('fiksio.konto.p', ['1', '2']);
        await transport.publish('fiksio.konto.q', message('ttl', { expirationMs: 3_600_000 }));
        const { deliveries } = await collect('fiksio.konto.p', 1);
        await receiveCount(deliveries, 1);
        await collectDeadLetters();
        await transport.close();
        await transport.close();
        expect(await leftovers()).toEqual([]);
        await expect(transport.publish('fiksio.konto.p', message('etter'))).rejects.toThrow(/transport is closed/);
        await expect(transport.declareQueue('fiksio.konto.r')).rejects.toThrow(/transport is closed/);
      },
      testTimeoutMs,
    );

    test(
      'rejects malformed arguments alike',
      async () => {
        const { transport } = use();
        await transport.declareQueue('fiksio.konto.s');
        await expect(transport.declareQueue('')).rejects.toThrow(/queue must be a non-empty name/);
        await expect(transport.declareQueue('~dead-letters')).rejects.toThrow(/reserved/);
        await expect(transport.publish('fiksio.konto.s', { ...message('x'), expirationMs: -1 })).rejects.toThrow(/expirationMs must be/);
        await expect(
          transport.publish('fiksio.konto.s', { headers: { n: 1 } as unknown as Record<string, string>, body: new Uint8Array() }),
        ).rejects.toThrow(/header 'n' must be a string/);
        await expect(transport.consume('fiksio.konto.s', { prefetch: 0 }, () => undefined)).rejects.toThrow(/prefetch must be/);
        expect(await transport.depth('fiksio.konto.s')).toBe(0);
      },
      testTimeoutMs,
    );
  });
}
