// Reads AMQP 0-9-1's wire types from one frame's payload, big-endian, including field tables in
// RabbitMQ's dialect (the one amqplib and pika write: 's' is a signed 16-bit integer, not a string).
// A payload that ends early throws: the proxy then forwards the stream as bytes and says so.

export class AmqpReader {
  #buffer: Buffer;
  #offset: number;

  constructor(buffer: Buffer, offset = 0) {
    this.#buffer = buffer;
    this.#offset = offset;
  }

  get offset(): number {
    return this.#offset;
  }

  #take(length: number, what: string): number {
    const at = this.#offset;
    if (at + length > this.#buffer.length) {
      throw new RangeError(`AMQP: ${what} needs ${String(length)} bytes at offset ${String(at)}, the payload has ${String(this.#buffer.length)}`);
    }
    this.#offset += length;
    return at;
  }

  octet(): number {
    return this.#buffer.readUInt8(this.#take(1, 'an octet'));
  }

  short(): number {
    return this.#buffer.readUInt16BE(this.#take(2, 'a short'));
  }

  long(): number {
    return this.#buffer.readUInt32BE(this.#take(4, 'a long'));
  }

  longlong(): bigint {
    return this.#buffer.readBigUInt64BE(this.#take(8, 'a long long'));
  }

  shortstr(): string {
    const length = this.octet();
    const at = this.#take(length, 'a short string');
    return this.#buffer.toString('utf8', at, at + length);
  }

  longstrBytes(): Buffer {
    const length = this.long();
    const at = this.#take(length, 'a long string');
    return this.#buffer.subarray(at, at + length);
  }

  table(): Record<string, unknown> {
    const length = this.long();
    const end = this.#take(length, 'a field table') + length;
    const inner = new AmqpReader(this.#buffer.subarray(0, end), end - length);
    const table: Record<string, unknown> = {};
    while (inner.offset < end) {
      const name = inner.shortstr();
      table[name] = inner.fieldValue();
    }
    return table;
  }

  array(): unknown[] {
    const length = this.long();
    const end = this.#take(length, 'a field array') + length;
    const inner = new AmqpReader(this.#buffer.subarray(0, end), end - length);
    const values: unknown[] = [];
    while (inner.offset < end) values.push(inner.fieldValue());
    return values;
  }

  fieldValue(): unknown {
    const type = String.fromCharCode(this.octet());
    const buffer = this.#buffer;
    switch (type) {
      case 't':
        return this.octet() !== 0;
      case 'b':
        return buffer.readInt8(this.#take(1, 'an int8'));
      case 'B':
        return this.octet();
      case 's':
        return buffer.readInt16BE(this.#take(2, 'an int16'));
      case 'u':
        return this.short();
      case 'I':
        return buffer.readInt32BE(this.#take(4, 'an int32'));
      case 'i':
        return this.long();
      case 'l':
        return buffer.readBigInt64BE(this.#take(8, 'an int64'));
      case 'f':
        return buffer.readFloatBE(this.#take(4, 'a float'));
      case 'd':
        return buffer.readDoubleBE(this.#take(8, 'a double'));
      case 'D': {
        const scale = this.octet();
        const unscaled = buffer.readInt32BE(this.#take(4, 'a decimal'));
        return unscaled / 10 ** scale;
      }
      case 'S':
        return this.longstrBytes().toString('utf8');
      case 'x':
        return Buffer.from(this.longstrBytes());
      case 'A':
        return this.array();
      case 'T':
        return this.longlong();
      case 'F':
        return this.table();
      case 'V':
        return null;
      default:
        throw new RangeError(`AMQP: unknown field type ${JSON.stringify(type)} at offset ${String(this.#offset - 1)}`);
    }
  }
}
