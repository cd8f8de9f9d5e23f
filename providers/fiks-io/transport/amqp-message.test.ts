import { describe, expect, test } from '@jest/globals';
import type { ConsumeMessage } from 'amqplib';
import { applicationHeaders, decodeDeadLetter, deliveryCountOf } from './amqp-message.ts';

/** Shaped like what RabbitMQ 3.10.8 sent in the measurements (see embedded-transport.ts). */
function deadLetter(reason: string, extraDeath: Record<string, unknown> = {}, properties: Record<string, unknown> = {}): ConsumeMessage {
  return {
    content: Buffer.from('innhold'),
    fields: { deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'x', consumerTag: 'c' },
    properties: {
      headers: {
        'melding-id': 'm-1',
        'x-death': [{ count: 1, reason, queue: 'run.fiksio.konto.a', exchange: '', 'routing-keys': ['run.fiksio.konto.a'], ...extraDeath }],
        'x-first-death-exchange': '',
        'x-first-death-queue': 'run.fiksio.konto.a',
        'x-first-death-reason': reason,
      },
      ...properties,
    },
  } as unknown as ConsumeMessage;
}

describe('decodeDeadLetter', () => {
  test.each([
    ['expired', 'expired'],
    ['rejected', 'rejected'],
    ['delivery_limit', 'delivery-limit'],
  ])("maps RabbitMQ's %s to %s and restores the message as published", (raw, reason) => {
    const decoded = decodeDeadLetter(deadLetter(raw, { 'original-expiration': '200' }));
    expect(decoded).toEqual({
      physicalQueue: 'run.fiksio.konto.a',
      reason,
      message: { headers: { 'melding-id': 'm-1' }, body: new Uint8Array(Buffer.from('innhold')), expirationMs: 200 },
    });
  });

  test('a message published without TTL comes back without one', () => {
    expect(decodeDeadLetter(deadLetter('rejected')).message.expirationMs).toBeUndefined();
  });

  test('refuses a letter it cannot explain, rather than guessing a reason', () => {
    expect(() => decodeDeadLetter(deadLetter('maxlen'))).toThrow(/without a known x-first-death-reason/);
  });
});

describe('headers', () => {
  test('only application headers reach callers, as strings', () => {
    expect(applicationHeaders({ 'x-delivery-count': 2, 'x-death': [], type: 't', tall: 7, rå: Buffer.from('æøå') })).toEqual({ type: 't', tall: '7', rå: 'æøå' });
  });

  test('deliveryCount is 0 when RabbitMQ leaves x-delivery-count out (the first delivery)', () => {
    const first = { properties: { headers: {} } } as unknown as ConsumeMessage;
    const third = { properties: { headers: { 'x-delivery-count': 2 } } } as unknown as ConsumeMessage;
    expect([deliveryCountOf(first), deliveryCountOf(third)]).toEqual([0, 2]);
  });
});
