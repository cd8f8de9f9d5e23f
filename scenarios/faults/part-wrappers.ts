// Small builders for what a fault puts between the receiver and a part: the same part, with one
// call intercepted. Everything not intercepted passes through unchanged.
import type { Database, Queryable } from '../../harness/environments/database/index.ts';
import type { SendApi, SendRequest, SendResult } from '../../providers/fiks-io/index.ts';
import type { Delivery, QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import { withSettlement } from '../../providers/fiks-io/transport/with-settlement.ts';

export type TransactionInterceptor = <T>(work: (tx: Queryable) => Promise<T>, commit: <U>(work: (tx: Queryable) => Promise<U>) => Promise<U>) => Promise<T>;

/** The database, whose transaction() goes through `intercept` (which may call the real one, or not). */
export function interceptTransactions(db: Database, intercept: TransactionInterceptor): Database {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    transaction: (work) => intercept(work, (inner) => db.transaction(inner)),
    close: () => db.close(),
  };
}

/** The send API, whose send() goes through `intercept`. */
export function interceptSends(sendApi: SendApi, intercept: (request: SendRequest, send: (request: SendRequest) => Promise<SendResult>) => Promise<SendResult>): SendApi {
  return { send: (request) => intercept(request, (inner) => sendApi.send(inner)) };
}

/** The transport, with every delivery it hands to a consumer passed through `observe` first. */
export function interceptDeliveries(transport: QueueTransport, observe: (delivery: Delivery) => Delivery): QueueTransport {
  return {
    kind: transport.kind,
    declareQueue: (queue) => transport.declareQueue(queue),
    publish: (queue, message) => transport.publish(queue, message),
    consume: (queue, options, onDelivery) => transport.consume(queue, options, (delivery) => onDelivery(observe(delivery))),
    onDeadLetter: (handler) => transport.onDeadLetter(handler),
    depth: (queue) => transport.depth(queue),
    close: () => transport.close(),
  };
}

/** The delivery, with its ack() followed by `afterAck`. */
export function afterAck(delivery: Delivery, then: () => void): Delivery {
  return withSettlement(delivery, {
    ack() {
      delivery.ack();
      then();
    },
  });
}
