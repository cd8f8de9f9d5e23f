// The broker's view of a black box, from the frames the proxy saw: deliveries and acks become the
// history's delivered/acked events; what is delivered and not settled is its work in hand, and
// goes back (is no longer held) when its channel or connection closes.
import { describe, expect, test } from '@jest/globals';
import type { BrokerObservation } from '../run/run-adapters.ts';
import { createBrokerObserver } from './broker-observer.ts';

const deliver = (connectionId: number, channel: number, tag: number, meldingId: string | undefined, extra: Record<string, unknown> = {}) =>
  ({
    kind: 'deliver',
    connectionId,
    channel,
    deliveryTag: BigInt(tag),
    redelivered: extra['x-delivery-count'] !== undefined,
    consumerTag: 'c',
    exchange: '',
    routingKey: 'q',
    bodySize: 1n,
    headers: { ...(meldingId === undefined ? {} : { 'melding-id': meldingId }), ...extra },
  }) as const;

const settle = (kind: 'ack' | 'nack' | 'reject', connectionId: number, channel: number, tag: number, multiple = false) => ({ kind, connectionId, channel, deliveryTag: BigInt(tag), multiple }) as const;

describe('createBrokerObserver', () => {
  test('deliveries and acks as the history records them; an ack with multiple settles every tag up to its own', () => {
    const recorded: BrokerObservation[] = [];
    const observer = createBrokerObserver((observation) => recorded.push(observation));
    observer.observe(deliver(1, 1, 1, 'm1'));
    observer.observe(deliver(1, 1, 2, 'm2'));
    observer.observe(deliver(1, 2, 1, 'm3'));
    observer.observe(deliver(1, 1, 3, 'm4'));
    expect(observer.unacked()).toEqual(['m1', 'm2', 'm4', 'm3']);
    observer.observe(settle('ack', 1, 1, 2, true));
    expect(observer.unacked()).toEqual(['m4', 'm3']);
    observer.observe(settle('ack', 1, 2, 1));
    expect(recorded).toEqual([
      { event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false },
      { event: 'delivered', meldingId: 'm2', deliveryCount: 0, redelivered: false },
      { event: 'delivered', meldingId: 'm3', deliveryCount: 0, redelivered: false },
      { event: 'delivered', meldingId: 'm4', deliveryCount: 0, redelivered: false },
      { event: 'acked', meldingId: 'm1' },
      { event: 'acked', meldingId: 'm2' },
      { event: 'acked', meldingId: 'm3' },
    ]);
    expect(observer.unacked()).toEqual(['m4']);
  });

  test('a redelivery carries the broker count; a nack or reject settles without an ack; a delivery with no melding-id is not recorded', () => {
    const recorded: BrokerObservation[] = [];
    const observer = createBrokerObserver((observation) => recorded.push(observation));
    observer.observe(deliver(2, 1, 7, 'm1', { 'x-delivery-count': 2 }));
    observer.observe(deliver(2, 1, 8, undefined));
    observer.observe(deliver(2, 1, 9, 'm2'));
    expect(observer.redelivered('m1')).toBe(true);
    observer.observe(settle('nack', 2, 1, 7));
    observer.observe(settle('reject', 2, 1, 9));
    expect(observer.unacked()).toEqual([]);
    expect(recorded).toEqual([
      { event: 'delivered', meldingId: 'm1', deliveryCount: 2, redelivered: true },
      { event: 'delivered', meldingId: 'm2', deliveryCount: 0, redelivered: false },
    ]);
  });

  test('what a closed channel or a closed connection held is no longer held (the broker takes it back)', () => {
    const observer = createBrokerObserver(() => undefined);
    observer.observe(deliver(1, 1, 1, 'a'));
    observer.observe(deliver(1, 2, 1, 'b'));
    observer.observe(deliver(2, 1, 1, 'c'));
    observer.observe({ kind: 'channel-close', connectionId: 1, channel: 2, from: 'client', replyCode: 200, replyText: 'OK' });
    expect(observer.unacked()).toEqual(['a', 'c']);
    observer.observe({ kind: 'connection-closed', connectionId: 1, by: 'client' });
    expect(observer.unacked()).toEqual(['c']);
  });
});
