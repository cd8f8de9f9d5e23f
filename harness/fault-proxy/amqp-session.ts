// Follows one AMQP 0-9-1 connection frame by frame (type, channel, size, payload, 0xCE), both
// ways. From the broker: Basic.Deliver / Basic.GetOk, whose event is emitted with its content
// header (the message's headers) and completes with its last body frame. From the receiver:
// Basic.Ack, Basic.Nack, Basic.Reject. Either way: Channel.Close and Connection.Close.
import { AmqpReader } from './amqp-reader.ts';
import { pendingEvent, unitWithEvents } from './proxy-unit.ts';
import type { PendingEvent, ProtocolSession, ProxyUnit } from './proxy-unit.ts';
import type { ProxyEvent } from './proxy-types.ts';

const FRAME_END = 0xce;
const FRAME_HEADER = 7;
const PROTOCOL_HEADER = Buffer.from('AMQP', 'latin1');

export const AMQP_FRAME = { method: 1, header: 2, body: 3, heartbeat: 8 } as const;

const METHOD_NAMES: Readonly<Record<string, string>> = {
  '10.10': 'Connection.Start', '10.11': 'Connection.StartOk', '10.30': 'Connection.Tune', '10.31': 'Connection.TuneOk',
  '10.40': 'Connection.Open', '10.41': 'Connection.OpenOk', '10.50': 'Connection.Close', '10.51': 'Connection.CloseOk',
  '20.10': 'Channel.Open', '20.11': 'Channel.OpenOk', '20.40': 'Channel.Close', '20.41': 'Channel.CloseOk',
  '60.10': 'Basic.Qos', '60.11': 'Basic.QosOk', '60.20': 'Basic.Consume', '60.21': 'Basic.ConsumeOk',
  '60.40': 'Basic.Publish', '60.60': 'Basic.Deliver', '60.70': 'Basic.Get', '60.71': 'Basic.GetOk', '60.72': 'Basic.GetEmpty',
  '60.80': 'Basic.Ack', '60.90': 'Basic.Reject', '60.120': 'Basic.Nack', '85.10': 'Confirm.Select', '85.11': 'Confirm.SelectOk',
};

/** One frame as read off the wire. */
export interface AmqpFrame {
  readonly type: number;
  readonly channel: number;
  readonly payload: Buffer;
  /** The whole frame, header and end octet included, as it is forwarded. */
  readonly bytes: Buffer;
}

/** Cuts a byte stream into frames; a protocol header ('AMQP' + 4 octets) comes out as a frame of type 0. */
export class AmqpFrameSplitter {
  #buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): AmqpFrame[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const frames: AmqpFrame[] = [];
    for (;;) {
      const buffered = this.#buffered;
      if (buffered.length >= 4 && buffered.subarray(0, 4).equals(PROTOCOL_HEADER)) {
        if (buffered.length < 8) break;
        frames.push({ type: 0, channel: 0, payload: buffered.subarray(4, 8), bytes: buffered.subarray(0, 8) });
        this.#buffered = buffered.subarray(8);
        continue;
      }
      if (buffered.length < FRAME_HEADER) break;
      const size = buffered.readUInt32BE(3);
      const total = FRAME_HEADER + size + 1;
      if (buffered.length < total) break;
      if (buffered[total - 1] !== FRAME_END) {
        throw new RangeError(`AMQP: frame of type ${String(buffered[0])} and size ${String(size)} does not end in 0xCE`);
      }
      frames.push({ type: buffered.readUInt8(0), channel: buffered.readUInt16BE(1), payload: buffered.subarray(FRAME_HEADER, total - 1), bytes: buffered.subarray(0, total) });
      this.#buffered = buffered.subarray(total);
    }
    return frames;
  }
}

interface DeliveryInProgress {
  readonly method: Omit<Extract<ProxyEvent, { kind: 'deliver' }>, 'kind' | 'connectionId' | 'bodySize' | 'headers'>;
  pending?: PendingEvent;
  bodyLeft: bigint;
}

export function amqpSession(connectionId: number): ProtocolSession {
  const fromClient = new AmqpFrameSplitter();
  const fromServer = new AmqpFrameSplitter();
  const deliveries = new Map<number, DeliveryInProgress>();

  const closeEvent = (frame: AmqpFrame, reader: AmqpReader, from: 'client' | 'server'): ProxyEvent => ({
    kind: frame.channel === 0 ? 'connection-close' : 'channel-close',
    connectionId,
    channel: frame.channel,
    from,
    replyCode: reader.short(),
    replyText: reader.shortstr(),
  });

  const clientUnit = (frame: AmqpFrame): ProxyUnit => {
    if (frame.type !== AMQP_FRAME.method) return unitWithEvents(frame.bytes, frameLabel(frame), []);
    const reader = new AmqpReader(frame.payload);
    const method = `${String(reader.short())}.${String(reader.short())}`;
    const label = frameLabel(frame);
    const settle = (kind: 'ack' | 'nack' | 'reject'): ProxyUnit => {
      const deliveryTag = reader.longlong();
      const bits = reader.octet();
      const event: ProxyEvent =
        kind === 'ack'
          ? { kind, connectionId, channel: frame.channel, deliveryTag, multiple: (bits & 1) !== 0 }
          : kind === 'nack'
            ? { kind, connectionId, channel: frame.channel, deliveryTag, multiple: (bits & 1) !== 0, requeue: (bits & 2) !== 0 }
            : { kind, connectionId, channel: frame.channel, deliveryTag, multiple: false, requeue: (bits & 1) !== 0 };
      return unitWithEvents(frame.bytes, `${label} tag ${String(deliveryTag)}`, [event]);
    };
    switch (method) {
      case '60.80':
        return settle('ack');
      case '60.120':
        return settle('nack');
      case '60.90':
        return settle('reject');
      case '20.40':
      case '10.50':
        return unitWithEvents(frame.bytes, label, [closeEvent(frame, reader, 'client')]);
      default:
        return unitWithEvents(frame.bytes, label, []);
    }
  };

  const serverUnit = (frame: AmqpFrame): ProxyUnit => {
    const label = frameLabel(frame);
    if (frame.type === AMQP_FRAME.method) {
      const reader = new AmqpReader(frame.payload);
      const method = `${String(reader.short())}.${String(reader.short())}`;
      if (method === '60.60' || method === '60.71') {
        const consumerTag = method === '60.60' ? reader.shortstr() : '';
        const deliveryTag = reader.longlong();
        const redelivered = (reader.octet() & 1) !== 0;
        const exchange = reader.shortstr();
        const routingKey = reader.shortstr();
        deliveries.set(frame.channel, { method: { channel: frame.channel, deliveryTag, redelivered, consumerTag, exchange, routingKey }, bodyLeft: 0n });
        return unitWithEvents(frame.bytes, `${label} tag ${String(deliveryTag)}`, []);
      }
      if (method === '20.40' || method === '10.50') return unitWithEvents(frame.bytes, label, [closeEvent(frame, reader, 'server')]);
      return unitWithEvents(frame.bytes, label, []);
    }
    const delivery = deliveries.get(frame.channel);
    if (frame.type === AMQP_FRAME.header && delivery !== undefined && delivery.pending === undefined) {
      const header = readContentHeader(frame.payload);
      const pending = pendingEvent({ kind: 'deliver', connectionId, ...delivery.method, bodySize: header.bodySize, headers: header.headers });
      delivery.pending = pending;
      delivery.bodyLeft = header.bodySize;
      if (header.bodySize === 0n) deliveries.delete(frame.channel);
      return { bytes: frame.bytes, label: `${label} of tag ${String(delivery.method.deliveryTag)}`, events: [pending], completes: header.bodySize === 0n ? [pending] : [] };
    }
    if (frame.type === AMQP_FRAME.body && delivery?.pending !== undefined) {
      delivery.bodyLeft -= BigInt(frame.payload.length);
      if (delivery.bodyLeft > 0n) return { bytes: frame.bytes, label, events: [], completes: [] };
      deliveries.delete(frame.channel);
      return { bytes: frame.bytes, label: `last ${label} of tag ${String(delivery.method.deliveryTag)}`, events: [], completes: [delivery.pending] };
    }
    return unitWithEvents(frame.bytes, label, []);
  };

  return {
    fromClient: (chunk) => fromClient.push(chunk).map(clientUnit),
    fromServer: (chunk) => fromServer.push(chunk).map(serverUnit),
  };
}

export interface ContentHeader {
  readonly classId: number;
  readonly bodySize: bigint;
  readonly headers: Record<string, unknown>;
}

/** A content header's class, body size and (of Basic's properties) the headers table. */
export function readContentHeader(payload: Buffer): ContentHeader {
  const reader = new AmqpReader(payload);
  const classId = reader.short();
  reader.short(); // weight, always 0
  const bodySize = reader.longlong();
  let flags = reader.short();
  // Bit 0 of a flags word says another word follows; Basic uses only the first.
  let more = flags;
  while ((more & 1) !== 0) more = reader.short();
  flags &= 0xfffe;
  let headers: Record<string, unknown> = {};
  if ((flags & 0x8000) !== 0) reader.shortstr(); // content-type
  if ((flags & 0x4000) !== 0) reader.shortstr(); // content-encoding
  if ((flags & 0x2000) !== 0) headers = reader.table();
  return { classId, bodySize, headers };
}

function frameLabel(frame: AmqpFrame): string {
  const channel = `ch${String(frame.channel)}`;
  switch (frame.type) {
    case 0:
      return 'protocol header';
    case AMQP_FRAME.method: {
      const key = frame.payload.length >= 4 ? `${String(frame.payload.readUInt16BE(0))}.${String(frame.payload.readUInt16BE(2))}` : '?';
      return `${METHOD_NAMES[key] ?? `method ${key}`} ${channel}`;
    }
    case AMQP_FRAME.header:
      return `content header ${channel}`;
    case AMQP_FRAME.body:
      return `body frame ${channel}`;
    case AMQP_FRAME.heartbeat:
      return 'heartbeat';
    default:
      return `frame type ${String(frame.type)} ${channel}`;
  }
}
