// The services transport: real RabbitMQ through amqplib. Account queues are durable quorum
// queues (they fsync before confirming) with the delivery limit, TTL and dead-lettering that Fiks
// IO has; every name carries the run's prefix so parallel runs never meet, and close() deletes
// everything this transport declared. What RabbitMQ 3.10.8 was measured to do is written down at
// the top of embedded-transport.ts.
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { explainConnectFailure, redactAmqpUrl } from './amqp-connection-error.ts';
import { applicationHeaders, bodyOf, decodeDeadLetter, deliveryCountOf, expirationOf } from './amqp-message.ts';
import { DELIVERY_LIMIT, UnroutableError } from './queue-transport.ts';
import type { ConsumeOptions, DeadLetter, Delivery, QueueMessage, QueueTransport, Subscription } from './queue-transport.ts';
import {
  alreadySettledError,
  checkConsumeOptions,
  checkMessage,
  checkQueueName,
  closedTransportError,
  noSuchQueueError,
  reservedNameStart,
  rethrowOutside,
  settledAfterCloseError,
} from './transport-guards.ts';

export interface AmqpTransportOptions {
  /** e.g. amqp://guest:guest@127.0.0.1:5672 */
  readonly url: string;
  /** Put before every queue and exchange name, e.g. `ackproof.<runId>.`; unique per run. */
  readonly namePrefix: string;
  readonly connectTimeoutMs?: number;
  /**
   * RabbitMQ deletes a queue nobody consumed, declared or read for this long (`x-expires`; on
   * 3.10.8 quorum queues it happens some seconds late). A safety net for test runs that die before
   * close(); leave it out where a receiver may stay away longer.
   */
  readonly expireUnusedAfterMs?: number;
  /**
   * For a receiver consuming a queue someone else declared (a launched receiver, whose queue
   * ackproof made): declares nothing, not even the dead-letter queue, so close() deletes nothing
   * that belongs to the run. namePrefix may then be ''.
   */
  readonly consumeOnly?: boolean;
  /** Called once when the connection is lost other than by close() (a reset, a broker restart). */
  readonly onConnectionLost?: (error: Error) => void;
}

export interface AmqpQueueTransport extends QueueTransport {
  readonly kind: 'services';
  /** Every broker-side name this transport ever declared (kept after close, for leak checks). */
  declaredNames(): { readonly queues: readonly string[]; readonly exchanges: readonly string[] };
  /**
   * Cuts the TCP connection as a network failure would (no AMQP close): for tests and the
   * "connection loss to the broker" fault. Resolves once amqplib has noticed. The transport is
   * unusable afterwards; close() still removes what it declared, over a fresh connection.
   */
  severConnection(): Promise<void>;
}

export async function createAmqpTransport(options: AmqpTransportOptions): Promise<AmqpQueueTransport> {
  if (typeof options.namePrefix !== 'string' || (options.namePrefix.length === 0 && options.consumeOnly !== true)) {
    throw new TypeError('createAmqpTransport: namePrefix must be a non-empty per-run prefix such as "ackproof.<runId>.", so parallel runs never share queues');
  }
  const expires = options.expireUnusedAfterMs;
  if (expires !== undefined && (!Number.isSafeInteger(expires) || expires < 1)) {
    throw new RangeError(`createAmqpTransport: expireUnusedAfterMs must be a whole number of milliseconds ≥ 1, got ${String(expires)}`);
  }
  let model: ChannelModel;
  try {
    model = await connect(options.url, {
      timeout: options.connectTimeoutMs ?? 5000,
      // Without it Nagle's algorithm meets the broker's delayed ACK and every publish that waits
      // for its confirm costs ~44 ms instead of ~1 ms (measured here, one publish at a time).
      noDelay: true,
      clientProperties: { connection_name: `ackproof ${options.namePrefix}` },
    });
  } catch (error) {
    throw explainConnectFailure(options.url, error);
  }
  const transport = new AmqpBroker(model, options.url, options.namePrefix, expires === undefined ? {} : { 'x-expires': expires }, options.onConnectionLost);
  if (options.consumeOnly === true) return transport;
  try {
    await transport.declareDeadLettering();
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
  return transport;
}

/**
 * x-delivery-limit N lets a message be delivered N+1 times (measured on 3.10.8); at-least-once
 * dead-lettering keeps a dying message in its queue until the dead-letter queue confirmed it.
 */
function accountQueueArguments(deadLetterExchange: string, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    ...extra,
    'x-queue-type': 'quorum',
    'x-delivery-limit': DELIVERY_LIMIT - 1,
    'x-dead-letter-exchange': deadLetterExchange,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

type Settlement = 'ack' | 'nack' | 'requeue';

class AmqpBroker implements AmqpQueueTransport {
  readonly kind = 'services';
  readonly #model: ChannelModel;
  readonly #url: string;
  readonly #prefix: string;
  readonly #deadLetterName: string;
  readonly #extraQueueArguments: Readonly<Record<string, unknown>>;
  readonly #queues = new Set<string>();
  readonly #exchanges = new Set<string>();
  readonly #subscriptionClosers = new Set<() => Promise<void>>();
  readonly #deadLetterHandlers = new Set<(letter: DeadLetter) => void>();
  /** messageIds the broker returned as unroutable; their confirm arrives after the return. */
  readonly #returned = new Set<string>();
  #admin: Promise<Channel> | undefined;
  #publisher: Promise<ConfirmChannel> | undefined;
  #deadLetterConsumer: Promise<Channel> | undefined;
  #publishSequence = 0;
  #closing: Promise<void> | undefined;
  #connectionLost: Error | undefined;

  constructor(
    model: ChannelModel,
    url: string,
    prefix: string,
    extraQueueArguments: Readonly<Record<string, unknown>>,
    onConnectionLost: ((error: Error) => void) | undefined,
  ) {
    this.#model = model;
    this.#extraQueueArguments = extraQueueArguments;
    this.#url = url;
    this.#prefix = prefix;
    this.#deadLetterName = `${prefix}${reservedNameStart}dead-letters`;
    model.on('error', (error: Error) => {
      this.#connectionLost = error;
    });
    model.on('close', (error?: Error) => {
      if (this.#closing !== undefined) return;
      this.#connectionLost ??= error ?? new Error('closed by the broker');
      onConnectionLost?.(this.#connectionLost);
    });
  }

  declaredNames(): { readonly queues: readonly string[]; readonly exchanges: readonly string[] } {
    return { queues: [...this.#queues], exchanges: [...this.#exchanges] };
  }

  async severConnection(): Promise<void> {
    const connection: unknown = this.#model.connection;
    const stream: unknown = typeof connection === 'object' && connection !== null && 'stream' in connection ? connection.stream : undefined;
    if (!(typeof stream === 'object' && stream !== null && 'destroy' in stream && typeof stream.destroy === 'function')) {
      throw new Error('amqpTransport.severConnection: this amqplib version keeps its socket elsewhere (connection.stream); update severConnection');
    }
    const closed = new Promise<void>((resolve) => this.#model.once('close', () => resolve()));
    // A socket error, as a reset would raise: amqplib then closes every channel and the connection.
    (stream.destroy as (error: Error) => void).call(stream, new Error('connection severed on purpose (severConnection)'));
    await closed;
  }

  /** One fanout exchange and one quorum queue per transport collect the dead letters of all its queues. */
  async declareDeadLettering(): Promise<void> {
    const admin = await this.#adminChannel();
    this.#exchanges.add(this.#deadLetterName);
    this.#queues.add(this.#deadLetterName);
    // autoDelete: goes with the dead-letter queue's binding, so a queue expired by x-expires
    // does not leave its exchange behind.
    await admin.assertExchange(this.#deadLetterName, 'fanout', { durable: true, autoDelete: true });
    await admin.assertQueue(this.#deadLetterName, { durable: true, arguments: { ...this.#extraQueueArguments, 'x-queue-type': 'quorum' } });
    await admin.bindQueue(this.#deadLetterName, this.#deadLetterName, '');
  }

  async declareQueue(queue: string): Promise<void> {
    this.#checkOpen('declareQueue');
    checkQueueName('amqpTransport.declareQueue', queue);
    const physical = this.#physical(queue);
    this.#queues.add(physical);
    const admin = await this.#adminChannel();
    await this.#brokerCall('declareQueue', admin.assertQueue(physical, { durable: true, arguments: accountQueueArguments(this.#deadLetterName, this.#extraQueueArguments) }));
  }

  async publish(queue: string, message: QueueMessage): Promise<void> {
    this.#checkOpen('publish');
    checkQueueName('amqpTransport.publish', queue);
    checkMessage('amqpTransport.publish', message);
    const channel = await this.#publisherChannel();
    const messageId = `${this.#prefix}publish.${this.#publishSequence++}`;
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        '',
        this.#physical(queue),
        Buffer.from(message.body),
        {
          mandatory: true,
          persistent: true,
          messageId,
          headers: { ...message.headers },
          ...(message.expirationMs === undefined ? {} : { expiration: String(message.expirationMs) }),
        },
        (error: unknown) => {
          const returned = this.#returned.delete(messageId);
          if (error !== null && error !== undefined) {
            reject(
              new Error(
                `amqpTransport.publish: RabbitMQ did not confirm the message to '${queue}' (${messageOf(error)}); it may or may not be queued, so treat the send as unknown`,
              ),
            );
          } else if (returned) reject(new UnroutableError('amqpTransport.publish', queue));
          else resolve();
        },
      );
    });
  }

  async consume(queue: string, options: ConsumeOptions, onDelivery: (delivery: Delivery) => void): Promise<Subscription> {
    this.#checkOpen('consume');
    checkQueueName('amqpTransport.consume', queue);
    checkConsumeOptions('amqpTransport.consume', options);
    const channel = await this.#openChannel('consume');
    const state = { closed: false };
    channel.on('close', () => {
      state.closed = true;
    });
    try {
      await channel.prefetch(options.prefetch);
      await channel.consume(
        this.#physical(queue),
        (message) => {
          // null: the broker cancelled the consumer (its queue was deleted).
          if (message !== null) this.#deliver(channel, state, message, onDelivery);
        },
        { noAck: false },
      );
    } catch (error) {
      await closeQuietly(channel);
      if (isNotFound(error)) throw noSuchQueueError('amqpTransport.consume', queue);
      throw this.#failure('consume', error);
    }
    const close = async (): Promise<void> => {
      this.#subscriptionClosers.delete(close);
      if (state.closed) return;
      state.closed = true;
      await closeQuietly(channel);
    };
    this.#subscriptionClosers.add(close);
    return { close };
  }

  async onDeadLetter(handler: (letter: DeadLetter) => void): Promise<Subscription> {
    this.#checkOpen('onDeadLetter');
    // Wrapped so that one function registered twice still counts as two subscriptions.
    const registered = (letter: DeadLetter): void => handler(letter);
    this.#deadLetterHandlers.add(registered);
    try {
      this.#deadLetterConsumer ??= this.#startDeadLetterConsumer();
      await this.#deadLetterConsumer;
    } catch (error) {
      this.#deadLetterHandlers.delete(registered);
      this.#deadLetterConsumer = undefined;
      throw this.#failure('onDeadLetter', error);
    }
    return {
      close: async () => {
        this.#deadLetterHandlers.delete(registered);
        if (this.#deadLetterHandlers.size === 0) await this.#stopDeadLetterConsumer();
      },
    };
  }

  async depth(queue: string): Promise<number> {
    this.#checkOpen('depth');
    checkQueueName('amqpTransport.depth', queue);
    const admin = await this.#adminChannel();
    try {
      return (await admin.checkQueue(this.#physical(queue))).messageCount;
    } catch (error) {
      if (isNotFound(error)) throw noSuchQueueError('amqpTransport.depth', queue);
      throw this.#failure('depth', error);
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    for (const close of [...this.#subscriptionClosers]) await close();
    await this.#stopDeadLetterConsumer();
    const publisher = this.#publisher;
    this.#publisher = undefined;
    if (publisher !== undefined) await closeQuietly(await publisher.catch(() => undefined));
    let failure: unknown;
    try {
      await this.#deleteDeclared(await this.#adminChannel());
    } catch (error) {
      failure = error;
    }
    await this.#model.close().catch(() => undefined);
    if (failure === undefined) return;
    // The connection may have died under us; the names must still go, or parallel runs pile up.
    try {
      const fresh = await connect(this.#url, { timeout: 5000 });
      try {
        await this.#deleteDeclared(await fresh.createChannel());
      } finally {
        await fresh.close().catch(() => undefined);
      }
    } catch (error) {
      throw new Error(
        `amqpTransport.close: could not delete what this transport declared on ${redactAmqpUrl(this.#url)} ` +
          `(${messageOf(failure)}; then, on a fresh connection, ${messageOf(error)}); ` +
          `delete them by hand with rabbitmqctl delete_queue: queues ${[...this.#queues].join(', ')}; exchanges ${[...this.#exchanges].join(', ')}`,
        { cause: error },
      );
    }
  }

  async #deleteDeclared(channel: Channel): Promise<void> {
    channel.on('error', () => undefined);
    for (const queue of this.#queues) await channel.deleteQueue(queue);
    for (const exchange of this.#exchanges) await channel.deleteExchange(exchange);
  }

  #deliver(channel: Channel, state: { closed: boolean }, message: ConsumeMessage, onDelivery: (delivery: Delivery) => void): void {
    let settledBy: Settlement | undefined;
    const settle = (how: Settlement): void => {
      const caller = `amqpTransport.delivery.${how}`;
      if (settledBy !== undefined) throw alreadySettledError(caller, settledBy);
      if (state.closed) throw settledAfterCloseError(caller);
      settledBy = how;
      if (how === 'ack') channel.ack(message);
      else channel.nack(message, false, how === 'requeue');
    };
    const expirationMs = expirationOf(message.properties.expiration);
    const delivery: Delivery = {
      headers: applicationHeaders(message.properties.headers),
      body: bodyOf(message),
      ...(expirationMs === undefined ? {} : { expirationMs }),
      redelivered: message.fields.redelivered,
      deliveryCount: deliveryCountOf(message),
      ack: () => settle('ack'),
      nack: () => settle('nack'),
      requeue: () => settle('requeue'),
    };
    try {
      onDelivery(delivery);
    } catch (error) {
      rethrowOutside(error);
    }
  }

  async #startDeadLetterConsumer(): Promise<Channel> {
    const channel = await this.#openChannel('onDeadLetter');
    await channel.prefetch(100);
    await channel.consume(
      this.#deadLetterName,
      (message) => {
        // With no handler left the letter stays unacked and goes back when this channel closes.
        if (message === null || this.#deadLetterHandlers.size === 0) return;
        let letter: DeadLetter;
        try {
          const decoded = decodeDeadLetter(message);
          letter = Object.freeze({ queue: this.#logical(decoded.physicalQueue), message: decoded.message, reason: decoded.reason });
        } catch (error) {
          channel.ack(message);
          rethrowOutside(error);
          return;
        }
        for (const handler of [...this.#deadLetterHandlers]) {
          try {
            handler(letter);
          } catch (error) {
            rethrowOutside(error);
          }
        }
        channel.ack(message);
      },
      { noAck: false },
    );
    return channel;
  }

  async #stopDeadLetterConsumer(): Promise<void> {
    const consumer = this.#deadLetterConsumer;
    this.#deadLetterConsumer = undefined;
    if (consumer !== undefined) await closeQuietly(await consumer.catch(() => undefined));
  }

  /** For declarations and queue checks; a 404 closes it, so it is reopened on demand. */
  #adminChannel(): Promise<Channel> {
    if (this.#admin === undefined) {
      const opening = this.#openChannel('admin');
      this.#admin = opening;
      void opening.then(
        (channel) => channel.on('close', () => {
          if (this.#admin === opening) this.#admin = undefined;
        }),
        () => {
          if (this.#admin === opening) this.#admin = undefined;
        },
      );
    }
    return this.#admin;
  }

  #publisherChannel(): Promise<ConfirmChannel> {
    if (this.#publisher === undefined) {
      const opening = (async () => {
        const channel = await this.#model.createConfirmChannel().catch((error: unknown) => {
          throw this.#failure('publish', error);
        });
        channel.on('error', () => undefined);
        channel.on('return', (returned: { properties: { messageId?: unknown } }) => {
          if (typeof returned.properties.messageId === 'string') this.#returned.add(returned.properties.messageId);
        });
        channel.on('close', () => {
          if (this.#publisher === opening) this.#publisher = undefined;
        });
        return channel;
      })();
      this.#publisher = opening;
      opening.catch(() => {
        if (this.#publisher === opening) this.#publisher = undefined;
      });
    }
    return this.#publisher;
  }

  async #openChannel(purpose: string): Promise<Channel> {
    try {
      const channel = await this.#model.createChannel();
      // A channel error (a 404, a broker-side close) also rejects the call that caused it; the
      // event must be handled or amqplib turns it into an uncaught exception.
      channel.on('error', () => undefined);
      return channel;
    } catch (error) {
      throw this.#failure(purpose, error);
    }
  }

  async #brokerCall<T>(method: string, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw this.#failure(method, error);
    }
  }

  #failure(method: string, error: unknown): Error {
    if (this.#connectionLost !== undefined) {
      return new Error(
        `amqpTransport.${method}: the connection to ${redactAmqpUrl(this.#url)} was lost (${messageOf(this.#connectionLost)}); this transport cannot be used any more, create a new one`,
        { cause: error },
      );
    }
    return new Error(`amqpTransport.${method}: RabbitMQ at ${redactAmqpUrl(this.#url)} failed: ${messageOf(error)}`, { cause: error });
  }

  #checkOpen(method: string): void {
    if (this.#closing !== undefined) throw closedTransportError(`amqpTransport.${method}`, 'services');
    if (this.#connectionLost !== undefined) throw this.#failure(method, this.#connectionLost);
  }

  #physical(queue: string): string {
    return `${this.#prefix}${queue}`;
  }

  #logical(physical: string): string {
    return physical.startsWith(this.#prefix) ? physical.slice(this.#prefix.length) : physical;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 404;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function closeQuietly(channel: Channel | undefined): Promise<void> {
  if (channel === undefined) return;
  try {
    await channel.close();
  } catch {
    // Already closed by the broker or with the connection: the goal is reached.
  }
}
