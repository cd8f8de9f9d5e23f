// A delivery seen through a wrapper (a recorder, a fault, a receiver generation that can die):
// the same message, with some of its settle functions replaced. The ones not replaced settle the
// original, so a wrapper names only what it changes.
import type { Delivery } from './queue-transport.ts';

export type Settlement = Partial<Pick<Delivery, 'ack' | 'nack' | 'requeue'>>;

export function withSettlement(delivery: Delivery, settlement: Settlement): Delivery {
  return {
    headers: delivery.headers,
    body: delivery.body,
    ...(delivery.expirationMs === undefined ? {} : { expirationMs: delivery.expirationMs }),
    redelivered: delivery.redelivered,
    deliveryCount: delivery.deliveryCount,
    ack: settlement.ack ?? (() => delivery.ack()),
    nack: settlement.nack ?? (() => delivery.nack()),
    requeue: settlement.requeue ?? (() => delivery.requeue()),
  };
}
