// The AMQP parser on byte sequences built by hand from the 0-9-1 spec (not by a client library, so
// a shared misunderstanding cannot hide): frames split anywhere, deliveries with their headers,
// acks, nacks, rejects and closes, and a stream it cannot follow.
import { describe, expect, it } from '@jest/globals';
import { AmqpReader } from './amqp-reader.ts';
import { amqpSession } from './amqp-session.ts';
import type { ProxyUnit } from './proxy-unit.ts';

const u8 = (value: number): Buffer => Buffer.from([value]);
const u16 = (value: number): Buffer => Buffer.from([value >> 8, value & 0xff]);
const u32 = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};
const u64 = (value: bigint): Buffer => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(value);
  return buffer;
};
const shortstr = (text: string): Buffer => Buffer.concat([u8(Buffer.byteLength(text)), Buffer.from(text)]);
const longstr = (text: string): Buffer => Buffer.concat([u32(Buffer.byteLength(text)), Buffer.from(text)]);
const frame = (type: number, channel: number, payload: Buffer): Buffer => Buffer.concat([u8(type), u16(channel), u32(payload.length), payload, u8(0xce)]);
const method = (channel: number, classId: number, methodId: number, ...args: Buffer[]): Buffer => frame(1, channel, Buffer.concat([u16(classId), u16(methodId), ...args]));

function table(entries: Array<[string, string, Buffer]>): Buffer {
  const body = Buffer.concat(entries.map(([name, type, value]) => Buffer.concat([shortstr(name), Buffer.from(type), value])));
  return Buffer.concat([u32(body.length), body]);
}

const headersTable = table([
  ['type', 'S', longstr('no.ks.fiks.bekymringsmelding.v2')],
  ['svar-til', 'S', longstr('æøå-id')],
  ['count', 'I', u32(7)],
  ['small', 's', u16(0xfffe)],
  ['flag', 't', u8(1)],
  ['nested', 'F', table([['inner', 'l', u64(5n)]])],
  ['list', 'A', (() => {
    const items = Buffer.concat([Buffer.from('S'), longstr('a'), Buffer.from('V')]);
    return Buffer.concat([u32(items.length), items]);
  })()],
]);

const deliver = method(1, 60, 60, shortstr('ctag-1'), u64(42n), u8(1), shortstr(''), shortstr('queue-x'));
const contentHeader = (bodySize: bigint): Buffer =>
  frame(2, 1, Buffer.concat([u16(60), u16(0), u64(bodySize), u16(0x8000 | 0x2000), shortstr('application/zip'), headersTable]));

function events(units: ProxyUnit[]): unknown[] {
  return units.flatMap((unit) => unit.events.map((pending) => pending.event));
}

describe('AMQP session', () => {
  it('emits a delivery with its headers at the content header, completed by the last body frame', () => {
    const session = amqpSession(9);
    const wire = Buffer.concat([deliver, contentHeader(6n), frame(3, 1, Buffer.from('abc')), frame(3, 1, Buffer.from('def'))]);
    // Split at every offset, one byte at a time: frames must not depend on how TCP chunks them.
    const units = [...wire].flatMap((byte) => session.fromServer(Buffer.from([byte])));
    expect(units.map((unit) => unit.label)).toEqual(['Basic.Deliver ch1 tag 42', 'content header ch1 of tag 42', 'body frame ch1', 'last body frame ch1 of tag 42']);
    expect(Buffer.concat(units.map((unit) => unit.bytes))).toEqual(wire);
    expect(events(units)).toEqual([
      {
        kind: 'deliver', connectionId: 9, channel: 1, deliveryTag: 42n, redelivered: true, consumerTag: 'ctag-1', exchange: '', routingKey: 'queue-x', bodySize: 6n,
        headers: { type: 'no.ks.fiks.bekymringsmelding.v2', 'svar-til': 'æøå-id', count: 7, small: -2, flag: true, nested: { inner: 5n }, list: ['a', null] },
      },
    ]);
    expect(units[1]?.completes).toEqual([]);
    expect(units[3]?.completes).toEqual(units[1]?.events);
  });

  it('a delivery with an empty body completes with its header', () => {
    const session = amqpSession(1);
    const units = session.fromServer(Buffer.concat([deliver, contentHeader(0n)]));
    expect(units[1]?.completes).toHaveLength(1);
    expect(units[1]?.completes).toEqual(units[1]?.events);
  });

  it('reads Basic.Ack, Nack and Reject from the client with their flags', () => {
    const session = amqpSession(3);
    const units = session.fromClient(
      Buffer.concat([
        Buffer.from('AMQP\x00\x00\x09\x01', 'latin1'),
        method(2, 60, 80, u64(5n), u8(1)),
        method(2, 60, 120, u64(6n), u8(2)),
        method(2, 60, 90, u64(7n), u8(0)),
        frame(8, 0, Buffer.alloc(0)),
      ]),
    );
    expect(units.map((unit) => unit.label)).toEqual(['protocol header', 'Basic.Ack ch2 tag 5', 'Basic.Nack ch2 tag 6', 'Basic.Reject ch2 tag 7', 'heartbeat']);
    expect(events(units)).toEqual([
      { kind: 'ack', connectionId: 3, channel: 2, deliveryTag: 5n, multiple: true },
      { kind: 'nack', connectionId: 3, channel: 2, deliveryTag: 6n, multiple: false, requeue: true },
      { kind: 'reject', connectionId: 3, channel: 2, deliveryTag: 7n, multiple: false, requeue: false },
    ]);
  });

  it('notes channel and connection closes from either side', () => {
    const session = amqpSession(4);
    const fromServer = session.fromServer(method(1, 20, 40, u16(406), shortstr('PRECONDITION_FAILED - unknown delivery tag 9'), u16(60), u16(80)));
    const fromClient = session.fromClient(method(0, 10, 50, u16(200), shortstr('bye'), u16(0), u16(0)));
    expect(events([...fromServer, ...fromClient])).toEqual([
      { kind: 'channel-close', connectionId: 4, channel: 1, from: 'server', replyCode: 406, replyText: 'PRECONDITION_FAILED - unknown delivery tag 9' },
      { kind: 'connection-close', connectionId: 4, channel: 0, from: 'client', replyCode: 200, replyText: 'bye' },
    ]);
  });

  it('refuses a frame that does not end in 0xCE', () => {
    const broken = method(1, 60, 80, u64(1n), u8(0));
    broken[broken.length - 1] = 0;
    expect(() => amqpSession(1).fromClient(broken)).toThrow(/does not end in 0xCE/);
  });

  it('says where a truncated payload ends', () => {
    expect(() => new AmqpReader(Buffer.from([0, 0, 0, 9, 1])).table()).toThrow(/field table needs 9 bytes at offset 4/);
  });
});
