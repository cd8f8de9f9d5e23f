// Between amqplib's messages and the transport's: only application headers reach callers, as
// strings, and a dead letter is reported as the message that was published.
import type { ConsumeMessage, MessagePropertyHeaders } from 'amqplib';
import type { DeadLetterReason, QueueMessage } from './queue-transport.ts';

/** Headers RabbitMQ adds on delivery and dead-lettering; callers never see them. */
const brokerHeaders = new Set([
  'x-delivery-count',
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-last-death-exchange',
  'x-last-death-queue',
  'x-last-death-reason',
]);

export function applicationHeaders(headers: MessagePropertyHeaders | undefined): Readonly<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (brokerHeaders.has(name) || value === undefined || value === null) continue;
    result[name] = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return Object.freeze(result);
}

/** A view, not a Buffer: both transports hand out plain Uint8Arrays. */
export function bodyOf(message: ConsumeMessage): Uint8Array {
  return new Uint8Array(message.content.buffer, message.content.byteOffset, message.content.byteLength);
}

export function expirationOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function deliveryCountOf(message: ConsumeMessage): number {
  const raw: unknown = message.properties.headers?.['x-delivery-count'];
  const count = Number(raw ?? 0);
  return Number.isSafeInteger(count) && count >= 0 ? count : 0;
}

const reasons: Readonly<Record<string, DeadLetterReason>> = {
  expired: 'expired',
  rejected: 'rejected',
  delivery_limit: 'delivery-limit',
};

export interface DecodedDeadLetter {
  readonly physicalQueue: string;
  readonly message: QueueMessage;
  readonly reason: DeadLetterReason;
}

/** Reads the first death: our messages die once, and x-death lists the latest first. */
export function decodeDeadLetter(message: ConsumeMessage): DecodedDeadLetter {
  const headers = message.properties.headers ?? {};
  const rawReason: unknown = headers['x-first-death-reason'];
  const reason = typeof rawReason === 'string' ? reasons[rawReason] : undefined;
  const physicalQueue: unknown = headers['x-first-death-queue'];
  if (reason === undefined || typeof physicalQueue !== 'string') {
    throw new Error(
      `amqpTransport.onDeadLetter: a dead letter without a known x-first-death-reason/queue (${JSON.stringify({ rawReason, physicalQueue })}); ` +
        'something other than this transport dead-lettered into its queue',
    );
  }
  const deaths: unknown = headers['x-death'];
  const firstDeath: unknown = Array.isArray(deaths) ? deaths.at(-1) : undefined;
  const originalExpiration: unknown =
    typeof firstDeath === 'object' && firstDeath !== null && 'original-expiration' in firstDeath ? firstDeath['original-expiration'] : undefined;
  const expirationMs = expirationOf(originalExpiration ?? message.properties.expiration);
  return {
    physicalQueue,
    reason,
    message: Object.freeze({
      headers: applicationHeaders(headers),
      body: bodyOf(message),
      ...(expirationMs === undefined ? {} : { expirationMs }),
    }),
  };
}
