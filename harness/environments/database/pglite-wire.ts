// The few messages of PostgreSQL's wire protocol (version 3) that the embedded database speaks to
// PGlite directly (pglite-session.ts): the frontend messages of the extended query protocol, written
// into one buffer so several go into WebAssembly in one call, and a reader of the backend's answer.
// https://www.postgresql.org/docs/current/protocol-message-formats.html
//
// Only what the session needs: no COPY, no notifications (a NotificationResponse is skipped), no
// authentication (PGlite's session is already started).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const TEXT_FORMAT = 0;
export const BINARY_FORMAT = 1;

/** One parameter as it goes into Bind: text, bytes (binary format), or SQL NULL. */
export type WireValue = string | Uint8Array | null;

/** Frontend messages, appended to one growing buffer. */
export class FrontendMessages {
  #bytes = new Uint8Array(512);
  #length = 0;

  /** Parse: prepares `sql` as the statement `name` ('' is the unnamed statement). */
  parse(name: string, sql: string): this {
    const start = this.#begin(0x50);
    this.#cstring(name);
    this.#cstring(sql);
    this.#int16(0); // parameter types: the server infers them; Describe tells them
    return this.#end(start);
  }

  /** Bind: the unnamed portal over statement `name`, each value in text or binary, results in `resultFormats`. */
  bind(name: string, values: readonly WireValue[], resultFormats: readonly number[]): this {
    const start = this.#begin(0x42);
    this.#cstring('');
    this.#cstring(name);
    this.#int16(values.length);
    for (const value of values) this.#int16(value instanceof Uint8Array ? BINARY_FORMAT : TEXT_FORMAT);
    this.#int16(values.length);
    for (const value of values) {
      if (value === null) {
        this.#int32(-1);
        continue;
      }
      const bytes = typeof value === 'string' ? encoder.encode(value) : value;
      this.#int32(bytes.length);
      this.#append(bytes);
    }
    this.#int16(resultFormats.length);
    for (const format of resultFormats) this.#int16(format);
    return this.#end(start);
  }

  /** Describe of a prepared statement: its parameter types and the columns it returns. */
  describeStatement(name: string): this {
    const start = this.#begin(0x44);
    this.#byte(0x53);
    this.#cstring(name);
    return this.#end(start);
  }

  /** Execute the unnamed portal to the end. */
  execute(): this {
    const start = this.#begin(0x45);
    this.#cstring('');
    this.#int32(0);
    return this.#end(start);
  }

  /** Close a prepared statement. */
  closeStatement(name: string): this {
    const start = this.#begin(0x43);
    this.#byte(0x53);
    this.#cstring(name);
    return this.#end(start);
  }

  /** Sync: ends the extended query; after an error the server skipped everything up to here. */
  sync(): this {
    return this.#end(this.#begin(0x53));
  }

  /** A simple Query (no parameters, its own Sync): BEGIN, COMMIT, ROLLBACK. */
  query(sql: string): this {
    const start = this.#begin(0x51);
    this.#cstring(sql);
    return this.#end(start);
  }

  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #begin(type: number): number {
    this.#byte(type);
    const at = this.#length;
    this.#int32(0);
    return at;
  }

  #end(lengthAt: number): this {
    new DataView(this.#bytes.buffer, this.#bytes.byteOffset).setInt32(lengthAt, this.#length - lengthAt);
    return this;
  }

  #reserve(count: number): void {
    if (this.#length + count <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + count));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  #byte(value: number): void {
    this.#reserve(1);
    this.#bytes[this.#length++] = value;
  }

  #int16(value: number): void {
    this.#reserve(2);
    new DataView(this.#bytes.buffer, this.#bytes.byteOffset).setInt16(this.#length, value);
    this.#length += 2;
  }

  #int32(value: number): void {
    this.#reserve(4);
    new DataView(this.#bytes.buffer, this.#bytes.byteOffset).setInt32(this.#length, value);
    this.#length += 4;
  }

  #append(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  #cstring(text: string): void {
    this.#append(encoder.encode(text));
    this.#byte(0);
  }
}

/** A column of a result, as RowDescription gives it. */
export interface WireField {
  readonly name: string;
  readonly typeOid: number;
}

/** An ErrorResponse's fields by their one-letter codes (C: SQLSTATE, M: message, D: detail …). */
export type WireErrorFields = Readonly<Record<string, string>>;

/** A column value as it came: text, bytes (a column asked for in binary), or SQL NULL. */
export type WireColumn = string | Uint8Array | null;

export interface BackendAnswer {
  /** ParameterDescription's type OIDs, when the answer had one. */
  readonly parameterTypes?: readonly number[];
  /** RowDescription's columns; [] for NoData (a statement that returns no rows). */
  readonly fields?: readonly WireField[];
  /** DataRows, each column decoded as text unless its index is in `binaryColumns`. */
  readonly rows: readonly (readonly WireColumn[])[];
  /** The last CommandComplete's tag ("INSERT 0 1", "COMMIT", "ROLLBACK" …). */
  readonly commandTag?: string;
  /** The first ErrorResponse: after it the server skipped to the Sync. */
  readonly error?: WireErrorFields;
}

/** Reads the backend messages of one call; columns listed in `binaryColumns` are kept as bytes (copied). */
export function readBackendMessages(data: Uint8Array, binaryColumns: ReadonlySet<number> = NO_COLUMNS): BackendAnswer {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const rows: WireColumn[][] = [];
  let parameterTypes: number[] | undefined;
  let fields: WireField[] | undefined;
  let commandTag: string | undefined;
  let error: Record<string, string> | undefined;
  let at = 0;
  while (at + 5 <= data.length) {
    const type = data[at];
    const body = at + 5;
    const end = at + 1 + view.getInt32(at + 1);
    if (end > data.length) throw new Error(`pglite wire: a backend message of type ${String.fromCharCode(type ?? 0)} runs past the end of the answer (${end} > ${data.length} bytes).`);
    switch (type) {
      case 0x44: // DataRow
        rows.push(dataRow(data, view, body, binaryColumns));
        break;
      case 0x54: // RowDescription
        fields = rowDescription(data, view, body);
        break;
      case 0x6e: // NoData
        fields = [];
        break;
      case 0x74: {
        // ParameterDescription
        const count = view.getInt16(body);
        parameterTypes = Array.from({ length: count }, (_, index) => view.getUint32(body + 2 + 4 * index));
        break;
      }
      case 0x43: // CommandComplete
        commandTag = decoder.decode(data.subarray(body, end - 1));
        break;
      case 0x45: // ErrorResponse
        error ??= errorFields(data, body, end);
        break;
      default:
        // ParseComplete, BindComplete, CloseComplete, ReadyForQuery, NoticeResponse, … carry nothing needed here.
        break;
    }
    at = end;
  }
  return {
    rows,
    ...(parameterTypes === undefined ? {} : { parameterTypes }),
    ...(fields === undefined ? {} : { fields }),
    ...(commandTag === undefined ? {} : { commandTag }),
    ...(error === undefined ? {} : { error }),
  };
}

const NO_COLUMNS: ReadonlySet<number> = new Set();

function dataRow(data: Uint8Array, view: DataView, body: number, binaryColumns: ReadonlySet<number>): WireColumn[] {
  const count = view.getInt16(body);
  const columns: WireColumn[] = new Array<WireColumn>(count);
  let at = body + 2;
  for (let index = 0; index < count; index += 1) {
    const length = view.getInt32(at);
    at += 4;
    if (length < 0) {
      columns[index] = null;
      continue;
    }
    // A copy, never a view: the answer's buffer belongs to the call.
    columns[index] = binaryColumns.has(index) ? data.slice(at, at + length) : decoder.decode(data.subarray(at, at + length));
    at += length;
  }
  return columns;
}

function rowDescription(data: Uint8Array, view: DataView, body: number): WireField[] {
  const count = view.getInt16(body);
  const fields: WireField[] = [];
  let at = body + 2;
  for (let index = 0; index < count; index += 1) {
    const nameEnd = data.indexOf(0, at);
    const name = decoder.decode(data.subarray(at, nameEnd));
    // After the name: table OID (4), column number (2), type OID (4), size (2), modifier (4), format (2).
    fields.push({ name, typeOid: view.getUint32(nameEnd + 1 + 6) });
    at = nameEnd + 1 + 18;
  }
  return fields;
}

function errorFields(data: Uint8Array, body: number, end: number): Record<string, string> {
  const fields: Record<string, string> = {};
  let at = body;
  while (at < end && data[at] !== 0) {
    const code = String.fromCharCode(data[at] ?? 0);
    const valueEnd = data.indexOf(0, at + 1);
    fields[code] = decoder.decode(data.subarray(at + 1, valueEnd));
    at = valueEnd + 1;
  }
  return fields;
}
