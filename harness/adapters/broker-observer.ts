// The broker's view of a black-box receiver, read off the AMQP frames that cross the fault proxy:
// each Basic.Deliver with its headers, each ack, nack and reject, each closed channel. It becomes
// the same `delivered` / `acked` history events recordDeliveries makes for a receiver in process,
// and tells the run what the receiver holds unsettled (its work in hand, and what a crash hits).
//
// Delivery tags count per channel; an ack with `multiple` settles every tag up to its own; a
// channel or connection that closes hands its unsettled deliveries back to the broker.
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import type { ProxyEvent } from '../fault-proxy/index.ts';
import type { BrokerObservation } from '../run/run-adapters.ts';

interface Held {
  readonly meldingId: string;
  readonly tag: bigint;
}

export interface BrokerObserver {
  /** Feed it every event of the broker proxy. */
  observe(event: ProxyEvent): void;
  /** melding-ids delivered and not yet settled, oldest first. */
  unacked(): string[];
  /** Was the latest delivery of this melding-id a redelivery? */
  redelivered(meldingId: string): boolean;
}

export function createBrokerObserver(record: (observation: BrokerObservation) => void): BrokerObserver {
  /** `${connectionId}/${channel}` → what it holds unsettled, in delivery order. */
  const channels = new Map<string, Held[]>();
  const lastRedelivered = new Map<string, boolean>();
  const key = (connectionId: number, channel: number): string => `${connectionId}/${channel}`;
  const settle = (connectionId: number, channel: number, tag: bigint, multiple: boolean): Held[] => {
    const held = channels.get(key(connectionId, channel)) ?? [];
    const settled = held.filter((each) => (multiple ? each.tag <= tag : each.tag === tag));
    channels.set(
      key(connectionId, channel),
      held.filter((each) => !settled.includes(each)),
    );
    return settled;
  };
  return {
    observe(event) {
      switch (event.kind) {
        case 'deliver': {
          const meldingId = text(event.headers[HEADER.meldingId]);
          // Without a melding-id nothing can answer it, so nothing can be attributed to it either.
          if (meldingId === undefined) return;
          const count = Number(event.headers['x-delivery-count'] ?? 0);
          lastRedelivered.set(meldingId, event.redelivered);
          const held = channels.get(key(event.connectionId, event.channel)) ?? [];
          held.push({ meldingId, tag: event.deliveryTag });
          channels.set(key(event.connectionId, event.channel), held);
          record({ event: 'delivered', meldingId, deliveryCount: Number.isSafeInteger(count) && count >= 0 ? count : 0, redelivered: event.redelivered });
          return;
        }
        case 'ack':
          for (const { meldingId } of settle(event.connectionId, event.channel, event.deliveryTag, event.multiple)) record({ event: 'acked', meldingId });
          return;
        case 'nack':
        case 'reject':
          // Fiks IO reports a nack itself (dropped silently); here it only ends the work in hand.
          settle(event.connectionId, event.channel, event.deliveryTag, event.multiple);
          return;
        case 'channel-close':
          channels.delete(key(event.connectionId, event.channel));
          return;
        case 'connection-close':
        case 'connection-closed':
          for (const name of [...channels.keys()]) if (name.startsWith(`${event.connectionId}/`)) channels.delete(name);
          return;
        default:
          return;
      }
    },
    unacked: () => [...channels.values()].flat().map((each) => each.meldingId),
    redelivered: (meldingId) => lastRedelivered.get(meldingId) ?? false,
  };
}

/** An AMQP header value as text: a long string may come as a string or as bytes. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}
