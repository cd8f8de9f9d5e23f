// Argument checks and error messages shared by both transports, so a misuse fails the same way
// (same error, same words) in the embedded and the services tier.
import type { ConsumeOptions, QueueMessage } from './queue-transport.ts';

/** Names starting with this are the transports' own (the dead-letter queue). */
export const reservedNameStart = '~';

/** Both transports validate the same way, so a bad argument fails alike in both tiers. */
export function checkQueueName(caller: string, queue: string): void {
  if (typeof queue !== 'string' || queue.length === 0 || queue.length > 200) {
    throw new TypeError(`${caller}: queue must be a non-empty name of at most 200 characters, got ${JSON.stringify(queue)}`);
  }
  if (queue.startsWith(reservedNameStart)) {
    throw new TypeError(`${caller}: queue names starting with '${reservedNameStart}' are reserved for the transport's own queues, got '${queue}'`);
  }
}

export function checkMessage(caller: string, message: QueueMessage): void {
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value !== 'string') {
      throw new TypeError(`${caller}: header '${name}' must be a string (Fiks IO headers are strings), got ${typeof value}`);
    }
  }
  if (!(message.body instanceof Uint8Array)) throw new TypeError(`${caller}: body must be a Uint8Array`);
  const { expirationMs } = message;
  if (expirationMs !== undefined && (!Number.isSafeInteger(expirationMs) || expirationMs < 0)) {
    throw new RangeError(`${caller}: expirationMs must be a whole number of milliseconds ≥ 0, got ${String(expirationMs)}`);
  }
}

export function checkConsumeOptions(caller: string, options: ConsumeOptions): void {
  if (!Number.isSafeInteger(options.prefetch) || options.prefetch < 1 || options.prefetch > 65535) {
    throw new RangeError(`${caller}: prefetch must be a whole number from 1 to 65535, got ${String(options.prefetch)}`);
  }
}

/** Settling a delivery twice is a bug in the caller; RabbitMQ would close the channel for it. */
export function alreadySettledError(caller: string, how: string): Error {
  return new Error(`${caller}: this delivery was already settled (${how}); settle each delivery exactly once`);
}

export function settledAfterCloseError(caller: string): Error {
  return new Error(
    `${caller}: the subscription was closed (by its owner, the broker or a lost connection), so this delivery went back to the queue and will be redelivered; it can no longer be settled here`,
  );
}

export function closedTransportError(caller: string, kind: string): Error {
  return new Error(`${caller}: the ${kind} transport is closed; create a new one`);
}

/** A handler's exception must not vanish inside the broker's dispatch loop, nor break it. */
export function rethrowOutside(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export function noSuchQueueError(caller: string, queue: string): Error {
  return new Error(`${caller}: no queue named '${queue}' exists; declare it first (declareQueue)`);
}
