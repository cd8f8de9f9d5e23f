// The broker's view of a receiver, for a receiver that runs in-process on the run's transport:
// every delivery handed to it and every ack it gave, recorded as the broker sees them, before the
// receiver's own code runs. That order is what lets the checker tell a receipt for a message the
// receiver had seen from one it made up. Nacks are not recorded here: the platform reports each
// one (Fiks IO's dropped-silently, mapped by fromFiksIoEvent), in every environment.
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import type { Delivery, QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import { withSettlement } from '../../providers/fiks-io/transport/with-settlement.ts';
import type { HistoryEventBody } from './history-event.ts';

export interface DeliveryRecorderOptions {
  /** Record only consumers of these queues (e.g. the case system's account); all when absent. */
  readonly queues?: readonly string[];
}

/** The same transport, except that consume() records deliveries and acks through `record`. */
export function recordDeliveries(transport: QueueTransport, record: (event: HistoryEventBody) => void, options: DeliveryRecorderOptions = {}): QueueTransport {
  const watched = options.queues === undefined ? undefined : new Set(options.queues);
  const observe = (delivery: Delivery): Delivery => {
    const meldingId = delivery.headers[HEADER.meldingId];
    // Without a melding-id nothing can answer it, so nothing can be attributed to it either.
    if (meldingId === undefined) return delivery;
    record({ event: 'delivered', meldingId, deliveryCount: delivery.deliveryCount, redelivered: delivery.redelivered });
    return withSettlement(delivery, {
      ack() {
        delivery.ack();
        record({ event: 'acked', meldingId });
      },
    });
  };
  return {
    kind: transport.kind,
    declareQueue: (queue) => transport.declareQueue(queue),
    publish: (queue, message) => transport.publish(queue, message),
    consume: (queue, consumeOptions, onDelivery) =>
      transport.consume(queue, consumeOptions, watched === undefined || watched.has(queue) ? (delivery) => onDelivery(observe(delivery)) : onDelivery),
    onDeadLetter: (handler) => transport.onDeadLetter(handler),
    depth: (queue) => transport.depth(queue),
    close: () => transport.close(),
  };
}
