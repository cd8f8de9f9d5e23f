// One queue of the embedded broker: its messages and its consumers. Messages that went back
// (requeue, or a closed subscription) wait in `returned`, ahead of the never-delivered ones:
// RabbitMQ's quorum queues serve returns first, in the order they went back.
import type { TimerHandle } from '../../../harness/time/clock.ts';
import { Fifo } from './fifo.ts';
import type { Delivery, QueueMessage } from './queue-transport.ts';

export interface StoredMessage {
  /** The broker's own copy: later changes to the publisher's buffer must not reach consumers. */
  readonly message: QueueMessage;
  /** Expired once the clock is past this (so TTL 0 still reaches a consumer that is waiting, as in RabbitMQ). */
  readonly expiresAt: number | undefined;
  /** How often it has been delivered so far. */
  deliveries: number;
}

export interface EmbeddedConsumer {
  readonly prefetch: number;
  readonly onDelivery: (delivery: Delivery) => void;
  /** Delivery tag → message, in the order delivered: the order they go back on close. */
  readonly unacked: Map<number, StoredMessage>;
  closed: boolean;
}

export class EmbeddedQueue {
  readonly name: string;
  readonly consumers: EmbeddedConsumer[] = [];
  /** The timer that wakes the queue when its head's TTL runs out. */
  expiry: { readonly handle: TimerHandle; readonly at: number } | undefined;
  readonly #returned = new Fifo<StoredMessage>();
  readonly #fresh = new Fifo<StoredMessage>();
  #nextConsumer = 0;

  constructor(name: string) {
    this.name = name;
  }

  get depth(): number {
    return this.#returned.length + this.#fresh.length;
  }

  head(): StoredMessage | undefined {
    return this.#returned.peek() ?? this.#fresh.peek();
  }

  takeHead(): StoredMessage | undefined {
    return this.#returned.shift() ?? this.#fresh.shift();
  }

  enqueue(stored: StoredMessage): void {
    this.#fresh.push(stored);
  }

  putBack(stored: StoredMessage): void {
    this.#returned.push(stored);
  }

  /** Round robin over the consumers that have room under their prefetch, deterministically. */
  nextConsumerWithRoom(): EmbeddedConsumer | undefined {
    const count = this.consumers.length;
    for (let step = 0; step < count; step += 1) {
      const index = (this.#nextConsumer + step) % count;
      const consumer = this.consumers[index];
      if (consumer !== undefined && consumer.unacked.size < consumer.prefetch) {
        this.#nextConsumer = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  removeConsumer(consumer: EmbeddedConsumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index < 0) return;
    this.consumers.splice(index, 1);
    if (this.#nextConsumer > index) this.#nextConsumer -= 1;
  }

  clear(): void {
    this.#returned.clear();
    this.#fresh.clear();
    this.consumers.length = 0;
  }
}
