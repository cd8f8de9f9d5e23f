// PostgreSQL's frontend/backend protocol (v3) cut into messages: a type octet and an Int32 length
// that counts itself. The client's first message has no type octet (startup, SSLRequest,
// GSSENCRequest, CancelRequest); every later one, and every one from the server, has.

export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

export interface PostgresMessage {
  /** The type octet as a character; '' for an untyped startup-phase message. */
  readonly type: string;
  /** The body after the length. */
  readonly body: Buffer;
  /** The whole message as forwarded. */
  readonly bytes: Buffer;
}

export class PostgresMessageSplitter {
  #buffered: Buffer = Buffer.alloc(0);
  /** Until the startup message has passed, client messages are untyped. */
  #untyped: boolean;

  constructor(untypedFirst: boolean) {
    this.#untyped = untypedFirst;
  }

  push(chunk: Buffer): PostgresMessage[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const messages: PostgresMessage[] = [];
    for (;;) {
      const buffered = this.#buffered;
      const typeLength = this.#untyped ? 0 : 1;
      if (buffered.length < typeLength + 4) break;
      const length = buffered.readInt32BE(typeLength);
      if (length < 4) throw new RangeError(`PostgreSQL: message length ${String(length)} is below 4`);
      const total = typeLength + length;
      if (buffered.length < total) break;
      const type = this.#untyped ? '' : String.fromCharCode(buffered.readUInt8(0));
      const message = { type, body: buffered.subarray(typeLength + 4, total), bytes: buffered.subarray(0, total) };
      messages.push(message);
      this.#buffered = buffered.subarray(total);
      // SSLRequest and GSSENCRequest are followed by another untyped message (the startup).
      if (this.#untyped && !isEncryptionRequest(message)) this.#untyped = false;
    }
    return messages;
  }
}

export function isEncryptionRequest(message: PostgresMessage): boolean {
  if (message.type !== '' || message.body.length !== 4) return false;
  const code = message.body.readInt32BE(0);
  return code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE;
}

/** Reads NUL-terminated strings from a message body in order. */
export function cstrings(body: Buffer, count: number): string[] {
  const values: string[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    const end = body.indexOf(0, at);
    if (end < 0) throw new RangeError('PostgreSQL: a string in a message has no terminating NUL');
    values.push(body.toString('utf8', at, end));
    at = end + 1;
  }
  return values;
}

/** The first keyword of each statement in a SQL text, upper-cased, skipping quotes and comments. */
export function statementKeywords(sql: string): string[] {
  const keywords: string[] = [];
  let statement = '';
  let index = 0;
  const flush = (): void => {
    const word = /^\s*([A-Za-z]+)/.exec(statement)?.[1];
    if (word !== undefined) keywords.push(word.toUpperCase());
    statement = '';
  };
  while (index < sql.length) {
    const char = sql[index] ?? '';
    const rest = sql.slice(index);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
      statement += ' ';
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
      statement += ' ';
    } else if (char === "'" || char === '"') {
      const end = sql.indexOf(char, index + 1);
      index = end < 0 ? sql.length : end + 1;
      statement += 'x';
    } else if (char === ';') {
      flush();
      index += 1;
    } else {
      statement += char;
      index += 1;
    }
  }
  flush();
  return keywords;
}
