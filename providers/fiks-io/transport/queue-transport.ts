// The queue layer under the Fiks IO simulator: what RabbitMQ does for Fiks IO, as far as the
// simulator relies on it. Two transports implement it — an in-process broker on a virtual clock
// (embedded) and real RabbitMQ (services) — and one conformance suite
// (transport-conformance.ts) holds them to the same observable behaviour.

export interface QueueMessage {
  /** Application headers only; the broker's own (x-death, x-delivery-count, ...) never appear here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** AMQP `expiration`: counted from publish, and only checked while the message is at the head of its queue. */
  readonly expirationMs?: number;
}

export interface Delivery extends QueueMessage {
  /** Delivered before (and not acked), as the AMQP `redelivered` flag says. */
  readonly redelivered: boolean;
  /** Deliveries before this one: 0 on the first. */
  readonly deliveryCount: number;
  /** Message done: gone from the queue for good. */
  ack(): void;
  /** Reject without requeue: dead-lettered with reason 'rejected' (Fiks IO drops it silently). */
  nack(): void;
  /** Reject with requeue: back to the front of the queue; counts towards the delivery limit. */
  requeue(): void;
}

export type DeadLetterReason = 'expired' | 'delivery-limit' | 'rejected';

export interface DeadLetter {
  /** The queue name as the caller declared it (without any transport prefix). */
  readonly queue: string;
  /** The message as it was published (headers, body, expirationMs). */
  readonly message: QueueMessage;
  readonly reason: DeadLetterReason;
}

export interface Subscription {
  /** Closes the consumer's channel: its unacked messages go back to the queue, redelivered. Idempotent. */
  close(): Promise<void>;
}

export interface ConsumeOptions {
  /** At most this many unacked deliveries at a time (AMQP basic.qos); a positive integer. */
  readonly prefetch: number;
}

export interface QueueTransport {
  readonly kind: 'embedded' | 'services';
  /** Idempotent; dead-lettering wired: after DELIVERY_LIMIT deliveries without ack, and on TTL at the head. */
  declareQueue(queue: string): Promise<void>;
  /**
   * Resolves when the broker confirmed the message. Rejects with UnroutableError if the queue does
   * not exist (RabbitMQ confirms an unroutable message too; the transport turns its return into
   * the rejection).
   */
  publish(queue: string, message: QueueMessage): Promise<void>;
  /**
   * onDelivery must settle each delivery with ack, nack or requeue, at most once; settling twice,
   * or after the subscription closed, throws. If onDelivery throws, the delivery stays unacked and
   * the error is rethrown outside the broker (an uncaught exception), never swallowed.
   */
  consume(queue: string, options: ConsumeOptions, onDelivery: (delivery: Delivery) => void): Promise<Subscription>;
  /**
   * Every handler subscribed when a dead letter is dispatched sees it. Dead letters of this
   * transport's queues that die while no handler listens wait, and go to whoever subscribes next.
   */
  onDeadLetter(handler: (letter: DeadLetter) => void): Promise<Subscription>;
  /** Ready messages (not the delivered-but-unacked ones), for tests and the checker. */
  depth(queue: string): Promise<number>;
  /** Removes everything this transport declared and closes its connections. Idempotent. */
  close(): Promise<void>;
}

/** Fiks IO: "after 3 failed deliveries the message goes to the dead-letter queue". */
export const DELIVERY_LIMIT = 3;

/** The publish went nowhere: no queue of that name exists (never declared, or deleted). */
export class UnroutableError extends Error {
  readonly queue: string;

  constructor(caller: string, queue: string) {
    super(`${caller}: no queue named '${queue}' exists, so the broker returned the message unrouted; declare the queue first (declareQueue)`);
    this.name = 'UnroutableError';
    this.queue = queue;
  }
}
