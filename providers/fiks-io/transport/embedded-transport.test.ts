import { describe, expect, test } from '@jest/globals';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { VirtualClock } from '../../../harness/time/virtual-clock.ts';
import { createEmbeddedTransport } from './embedded-transport.ts';
import type { DeadLetter, Delivery } from './queue-transport.ts';
import { describeTransportConformance } from './transport-conformance.ts';

const start = Date.UTC(2024, 0, 1);
const day = 24 * 60 * 60 * 1000;

describeTransportConformance('embedded', () => {
  const clock = new VirtualClock(start);
  const transport = createEmbeddedTransport({ clock });
  return Promise.resolve({
    transport,
    wait: (ms: number) => clock.advance(ms),
    settle: async () => {
      await nextMacrotask();
    },
    leftovers: () => {
      const timers = clock.pendingTimers();
      return Promise.resolve([...transport.queueNames(), ...(timers > 0 ? [`${timers} pending clock timer(s)`] : [])]);
    },
  });
});

const body = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('embedded transport', () => {
  test('delivers after the publishing call returns, never inside it', async () => {
    const transport = createEmbeddedTransport({ clock: new VirtualClock(start) });
    await transport.declareQueue('q');
    const log: string[] = [];
    await transport.consume('q', { prefetch: 1 }, () => log.push('delivered'));
    const publishing = transport.publish('q', { headers: {}, body: body('x') });
    log.push('publish returned');
    await publishing;
    await nextMacrotask();
    expect(log).toEqual(['publish returned', 'delivered']);
    await transport.close();
  });

  test('a 30-day TTL expires after 30 virtual days, in no real time', async () => {
    const clock = new VirtualClock(start);
    const transport = createEmbeddedTransport({ clock });
    const letters: DeadLetter[] = [];
    await transport.onDeadLetter((letter) => letters.push(letter));
    await transport.declareQueue('fiksio.konto.lang');
    await transport.publish('fiksio.konto.lang', { headers: {}, body: body('x'), expirationMs: 30 * day });
    await clock.advance(30 * day);
    expect(letters).toHaveLength(0);
    await clock.advance(1);
    expect(letters.map((letter) => letter.reason)).toEqual(['expired']);
    expect(clock.pendingTimers()).toBe(0);
    await transport.close();
  });

  test('a message with TTL 0 reaches a waiting consumer, and expires with none', async () => {
    const clock = new VirtualClock(start);
    const transport = createEmbeddedTransport({ clock });
    const letters: DeadLetter[] = [];
    await transport.onDeadLetter((letter) => letters.push(letter));
    await transport.declareQueue('waiting');
    await transport.declareQueue('nobody');
    const received: string[] = [];
    await transport.consume('waiting', { prefetch: 1 }, (delivery) => received.push(text(delivery.body)));
    await transport.publish('waiting', { headers: {}, body: body('now'), expirationMs: 0 });
    await transport.publish('nobody', { headers: {}, body: body('never'), expirationMs: 0 });
    await clock.advance(1);
    expect(received).toEqual(['now']);
    expect(letters.map((letter) => [letter.queue, letter.reason])).toEqual([['nobody', 'expired']]);
    await transport.close();
  });

  test('changing the published buffer afterwards changes nothing in the queue', async () => {
    const transport = createEmbeddedTransport({ clock: new VirtualClock(start) });
    await transport.declareQueue('q');
    const bytes = body('original');
    await transport.publish('q', { headers: {}, body: bytes });
    bytes.fill(0);
    const received: string[] = [];
    await transport.consume('q', { prefetch: 1 }, (delivery) => received.push(text(delivery.body)));
    await nextMacrotask();
    expect(received).toEqual(['original']);
    await transport.close();
  });

  test('spreads deliveries over consumers in turn', async () => {
    const transport = createEmbeddedTransport({ clock: new VirtualClock(start) });
    await transport.declareQueue('q');
    const seen: string[] = [];
    for (const name of ['one', 'two']) {
      await transport.consume('q', { prefetch: 10 }, (delivery) => {
        seen.push(`${name}:${text(delivery.body)}`);
        delivery.ack();
      });
    }
    for (const item of ['a', 'b', 'c', 'd']) await transport.publish('q', { headers: {}, body: body(item) });
    await nextMacrotask();
    expect(seen).toEqual(['one:a', 'two:b', 'one:c', 'two:d']);
    await transport.close();
  });

  test('the same operations on the same seedless schedule replay to the same history', async () => {
    const run = async (): Promise<string[]> => {
      const clock = new VirtualClock(start);
      const transport = createEmbeddedTransport({ clock });
      const history: string[] = [];
      await transport.onDeadLetter((letter) => history.push(`dead ${text(letter.message.body)} ${letter.reason} @${clock.now() - start}`));
      await transport.declareQueue('q');
      for (let index = 0; index < 12; index += 1) {
        await transport.publish('q', { headers: {}, body: body(`m${index}`), expirationMs: 100 * (index % 4) + 50 });
      }
      let turn = 0;
      await transport.consume('q', { prefetch: 3 }, (delivery: Delivery) => {
        history.push(`got ${text(delivery.body)} #${delivery.deliveryCount} @${clock.now() - start}`);
        turn += 1;
        clock.setTimer(turn * 7, () => {
          if (turn % 3 === 0) delivery.nack();
          else if (turn % 3 === 1) delivery.requeue();
          else delivery.ack();
        });
      });
      await clock.runUntilIdle();
      await transport.close();
      return history;
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(12);
    expect(await run()).toEqual(first);
  });

  test('an exception in a delivery handler is not swallowed by the broker', async () => {
    const transport = createEmbeddedTransport({ clock: new VirtualClock(start) });
    await transport.declareQueue('q');
    const escaped = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (callback) =>
        original(() => {
          try {
            callback();
          } catch (error) {
            globalThis.queueMicrotask = original;
            resolve(error);
          }
        });
    });
    await transport.consume('q', { prefetch: 1 }, () => {
      throw new Error('handler broke');
    });
    await transport.publish('q', { headers: {}, body: body('x') });
    expect(await escaped).toEqual(new Error('handler broke'));
    await transport.close();
  });
});
