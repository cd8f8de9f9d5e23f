// The embedded broker: Fiks IO's RabbitMQ semantics in-process, on an injected Clock, no I/O.
// Deliveries and dead letters are dispatched in a microtask after the call that caused them, in a
// fixed order, so a run on a VirtualClock replays exactly.
//
// Where RabbitMQ 3.10.8 (quorum queues, as the services transport declares them) behaves in a way
// a naive broker would not, measured against the real one; the conformance suite checks each:
// - Delivery limit: `x-delivery-limit: N` dead-letters on the return AFTER delivery N+1, so
//   "dead-lettered after 3 deliveries without ack" is x-delivery-limit 2. A requeue (nack with
//   requeue) counts exactly like a closed channel; both raise x-delivery-count by one.
// - x-delivery-count is absent on the first delivery, then 1, 2 ...; `redelivered` is true from the
//   second delivery on, whether it came back by requeue or by a closed channel.
// - Returned messages (requeue or closed channel) go to the FRONT of the queue, ahead of every
//   message never delivered, in the order they went back; a channel that closes returns its
//   unacked messages in the order they were (last) delivered. So after deliveries A, B, C, a
//   requeue of B (which comes straight back), and a close: A, C, B, then the rest.
// - TTL is checked only at the head: a short-TTL message behind one without TTL waits (and does
//   not count as expired) until it reaches the head; then it is dead-lettered, not delivered. A
//   message whose TTL ran out while it was delivered but unacked is dead-lettered 'expired' when
//   it comes back. TTL 0 still reaches a consumer that is waiting; with none it expires.
// - Dead-lettered messages lose their `expiration` (RabbitMQ moves it to x-death's
//   original-expiration); both transports report the message as published, expiration included.
// - x-first-death-reason is 'expired', 'rejected' or 'delivery_limit' (underscore).
// - depth counts ready messages only, not delivered-but-unacked ones. RabbitMQ may briefly still
//   count an expired head that it has not dead-lettered yet; here expiry happens exactly on time.
// - A publish to a missing queue with `mandatory` is returned AND confirmed; the transport turns
//   it into an UnroutableError in both brokers.
import type { Clock } from '../../../harness/time/clock.ts';
import { EmbeddedQueue } from './embedded-queue.ts';
import type { EmbeddedConsumer, StoredMessage } from './embedded-queue.ts';
import { DELIVERY_LIMIT, UnroutableError } from './queue-transport.ts';
import type { DeadLetter, DeadLetterReason, Delivery, QueueMessage, QueueTransport, Subscription } from './queue-transport.ts';
import {
  alreadySettledError,
  checkConsumeOptions,
  checkMessage,
  checkQueueName,
  closedTransportError,
  noSuchQueueError,
  rethrowOutside,
  settledAfterCloseError,
} from './transport-guards.ts';

export interface EmbeddedTransportOptions {
  readonly clock: Clock;
}

export interface EmbeddedQueueTransport extends QueueTransport {
  readonly kind: 'embedded';
  /** The queues that exist now (none after close), for leak checks. */
  queueNames(): readonly string[];
}

export function createEmbeddedTransport(options: EmbeddedTransportOptions): EmbeddedQueueTransport {
  return new EmbeddedBroker(options.clock);
}

type Settlement = 'ack' | 'nack' | 'requeue';

class EmbeddedBroker implements EmbeddedQueueTransport {
  readonly kind = 'embedded';
  readonly #clock: Clock;
  readonly #queues = new Map<string, EmbeddedQueue>();
  readonly #dirty = new Set<EmbeddedQueue>();
  readonly #deadLetters: DeadLetter[] = [];
  readonly #deadLetterHandlers = new Set<(letter: DeadLetter) => void>();
  #nextDeliveryTag = 1;
  #pumpScheduled = false;
  #closed = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  queueNames(): readonly string[] {
    return [...this.#queues.keys()];
  }

  async declareQueue(queue: string): Promise<void> {
    this.#checkOpen('declareQueue');
    checkQueueName('embeddedTransport.declareQueue', queue);
    if (!this.#queues.has(queue)) this.#queues.set(queue, new EmbeddedQueue(queue));
    await Promise.resolve();
  }

  async publish(queue: string, message: QueueMessage): Promise<void> {
    this.#checkOpen('publish');
    checkQueueName('embeddedTransport.publish', queue);
    checkMessage('embeddedTransport.publish', message);
    const target = this.#queues.get(queue);
    if (target === undefined) throw new UnroutableError('embeddedTransport.publish', queue);
    const copy = copyMessage(message);
    target.enqueue({
      message: copy,
      expiresAt: copy.expirationMs === undefined ? undefined : this.#clock.now() + copy.expirationMs,
      deliveries: 0,
    });
    this.#schedulePump(target);
    await Promise.resolve();
  }

  async consume(queue: string, options: { readonly prefetch: number }, onDelivery: (delivery: Delivery) => void): Promise<Subscription> {
    this.#checkOpen('consume');
    checkQueueName('embeddedTransport.consume', queue);
    checkConsumeOptions('embeddedTransport.consume', options);
    const source = this.#queues.get(queue);
    if (source === undefined) throw noSuchQueueError('embeddedTransport.consume', queue);
    const consumer: EmbeddedConsumer = { prefetch: options.prefetch, onDelivery, unacked: new Map(), closed: false };
    source.consumers.push(consumer);
    this.#schedulePump(source);
    await Promise.resolve();
    return {
      close: async () => {
        if (!consumer.closed) {
          consumer.closed = true;
          source.removeConsumer(consumer);
          for (const stored of consumer.unacked.values()) this.#putBack(source, stored);
          consumer.unacked.clear();
          this.#schedulePump(source);
        }
        await Promise.resolve();
      },
    };
  }

  async onDeadLetter(handler: (letter: DeadLetter) => void): Promise<Subscription> {
    this.#checkOpen('onDeadLetter');
    // Wrapped so that one function registered twice still counts as two subscriptions.
    const registered = (letter: DeadLetter): void => handler(letter);
    this.#deadLetterHandlers.add(registered);
    this.#schedulePump();
    await Promise.resolve();
    return {
      close: async () => {
        this.#deadLetterHandlers.delete(registered);
        await Promise.resolve();
      },
    };
  }

  async depth(queue: string): Promise<number> {
    this.#checkOpen('depth');
    checkQueueName('embeddedTransport.depth', queue);
    const source = this.#queues.get(queue);
    if (source === undefined) throw noSuchQueueError('embeddedTransport.depth', queue);
    await Promise.resolve();
    return source.depth;
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      for (const queue of this.#queues.values()) {
        if (queue.expiry !== undefined) this.#clock.clearTimer(queue.expiry.handle);
        queue.expiry = undefined;
        for (const consumer of queue.consumers) consumer.closed = true;
        queue.clear();
      }
      this.#queues.clear();
      this.#dirty.clear();
      this.#deadLetters.length = 0;
      this.#deadLetterHandlers.clear();
    }
    await Promise.resolve();
  }

  #checkOpen(method: string): void {
    if (this.#closed) throw closedTransportError(`embeddedTransport.${method}`, 'embedded');
  }

  #schedulePump(queue?: EmbeddedQueue): void {
    if (queue !== undefined) this.#dirty.add(queue);
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => this.#pump());
  }

  #pump(): void {
    this.#pumpScheduled = false;
    for (const queue of this.#dirty) {
      this.#dirty.delete(queue);
      if (this.#closed) return;
      this.#dispatch(queue);
    }
    if (!this.#closed) this.#deliverDeadLetters();
  }

  #dispatch(queue: EmbeddedQueue): void {
    for (;;) {
      if (this.#closed) return;
      const head = queue.head();
      if (head === undefined) break;
      if (head.expiresAt !== undefined && this.#clock.now() > head.expiresAt) {
        queue.takeHead();
        this.#deadLetter(queue, head, 'expired');
        continue;
      }
      const consumer = queue.nextConsumerWithRoom();
      if (consumer === undefined) break;
      queue.takeHead();
      this.#deliver(queue, consumer, head);
    }
    this.#armExpiry(queue);
  }

  /** TTL is checked only at the head, so one timer per queue, for whatever is at the head now. */
  #armExpiry(queue: EmbeddedQueue): void {
    if (this.#closed) return;
    const expiresAt = queue.head()?.expiresAt;
    if (queue.expiry !== undefined && queue.expiry.at === expiresAt) return;
    if (queue.expiry !== undefined) this.#clock.clearTimer(queue.expiry.handle);
    queue.expiry = undefined;
    if (expiresAt === undefined) return;
    const handle = this.#clock.setTimer(Math.max(0, expiresAt - this.#clock.now() + 1), () => {
      queue.expiry = undefined;
      this.#schedulePump(queue);
    });
    queue.expiry = { handle, at: expiresAt };
  }

  #deliver(queue: EmbeddedQueue, consumer: EmbeddedConsumer, stored: StoredMessage): void {
    const tag = this.#nextDeliveryTag++;
    const deliveryCount = stored.deliveries;
    stored.deliveries += 1;
    consumer.unacked.set(tag, stored);
    let settledBy: Settlement | undefined;
    const settle = (how: Settlement): void => {
      const caller = `embeddedTransport.delivery.${how}`;
      if (settledBy !== undefined) throw alreadySettledError(caller, settledBy);
      if (consumer.closed) throw settledAfterCloseError(caller);
      settledBy = how;
      consumer.unacked.delete(tag);
      if (how === 'nack') this.#deadLetter(queue, stored, 'rejected');
      if (how === 'requeue') this.#putBack(queue, stored);
      this.#schedulePump(queue);
    };
    const { message } = stored;
    const delivery: Delivery = {
      headers: Object.freeze({ ...message.headers }),
      body: message.body.slice(),
      ...(message.expirationMs === undefined ? {} : { expirationMs: message.expirationMs }),
      redelivered: deliveryCount > 0,
      deliveryCount,
      ack: () => settle('ack'),
      nack: () => settle('nack'),
      requeue: () => settle('requeue'),
    };
    try {
      consumer.onDelivery(delivery);
    } catch (error) {
      rethrowOutside(error);
    }
  }

  #putBack(queue: EmbeddedQueue, stored: StoredMessage): void {
    if (stored.deliveries >= DELIVERY_LIMIT) this.#deadLetter(queue, stored, 'delivery-limit');
    else queue.putBack(stored);
  }

  #deadLetter(queue: EmbeddedQueue, stored: StoredMessage, reason: DeadLetterReason): void {
    this.#deadLetters.push(Object.freeze({ queue: queue.name, message: stored.message, reason }));
    this.#schedulePump();
  }

  /** Dead letters wait until someone listens, as they wait in RabbitMQ's dead-letter queue. */
  #deliverDeadLetters(): void {
    while (this.#deadLetterHandlers.size > 0 && this.#deadLetters.length > 0 && !this.#closed) {
      const letter = this.#deadLetters.shift();
      if (letter === undefined) return;
      for (const handler of [...this.#deadLetterHandlers]) {
        try {
          handler({ ...letter, message: copyMessage(letter.message) });
        } catch (error) {
          rethrowOutside(error);
        }
      }
    }
  }
}

function copyMessage(message: QueueMessage): QueueMessage {
  return Object.freeze({
    headers: Object.freeze({ ...message.headers }),
    body: message.body.slice(),
    ...(message.expirationMs === undefined ? {} : { expirationMs: message.expirationMs }),
  });
}
