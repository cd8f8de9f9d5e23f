// The embedded database's queries, spoken to PGlite in the wire protocol (pglite-wire.ts) instead of
// through PGlite's query(). PGlite's query() makes six calls into WebAssembly for every statement
// (parse, describe, bind, describe, execute, sync), parses and plans the SQL each time, decodes
// every answer through a general protocol parser, and returns bytea as hex text. A certification
// runs some 11,000 statements, so that was most of its time.
//
// Here each SQL text is prepared once, as a named statement, and its parameter and column types
// kept (one call: Parse, Describe, Sync); every query after that is ONE call (Bind, Execute, Sync)
// that skips PostgreSQL's parsing and analysis, and asks for bytea columns in binary, so bytes come
// back as bytes. Measured on the case store's work per report (store, outbox, read-back twice):
// about half the CPU of PGlite's query().
//
// What does not change: values are serialized and parsed by PGlite's own type table (with the
// int8 and bytea rules of database.ts), one statement per call, one session for the whole database
// (a transaction holds it until it ends; a query outside waits), and COMMIT that comes back as
// ROLLBACK throws. A statement's result columns are fixed when it is prepared, so after an ALTER or
// a DROP every prepared statement is forgotten: a table dropped and made again with other columns
// is read in its new shape, as a driver that parses every time would. Should a table still change
// shape under a prepared statement (DDL run inside a function), PostgreSQL refuses the statement
// ("cached plan must not change result type", 0A000) rather than answering in a shape the kept
// types do not describe; it is then forgotten and prepared again (at once, outside a transaction).
import type { PGlite } from '@electric-sql/pglite';
import type { Queryable } from './database.ts';
import { BYTEA_OID } from './int8-parser.ts';
import {
  BINARY_FORMAT,
  type BackendAnswer,
  FrontendMessages,
  TEXT_FORMAT,
  type WireColumn,
  type WireErrorFields,
  type WireField,
  type WireValue,
  readBackendMessages,
} from './pglite-wire.ts';

/** A query error from PGlite, with the fields PostgreSQL's drivers give (code is the SQLSTATE). */
export class PgliteQueryError extends Error {
  // `error`, as pg's and PGlite's own DatabaseError are named: a message reads the same in both modes.
  override readonly name = 'error';
  readonly code: string | undefined;
  readonly severity: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly position: string | undefined;
  readonly where: string | undefined;
  readonly schema: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly dataType: string | undefined;
  readonly constraint: string | undefined;
  readonly routine: string | undefined;
  /** The statement that failed. */
  readonly query: string;

  constructor(fields: WireErrorFields, query: string) {
    super(fields['M'] ?? 'PGlite reported an error without a message');
    this.code = fields['C'];
    this.severity = fields['S'];
    this.detail = fields['D'];
    this.hint = fields['H'];
    this.position = fields['P'];
    this.where = fields['W'];
    this.schema = fields['s'];
    this.table = fields['t'];
    this.column = fields['c'];
    this.dataType = fields['d'];
    this.constraint = fields['n'];
    this.routine = fields['R'];
    this.query = query;
  }
}

/** PostgreSQL's SQLSTATE for "cached plan must not change result type". */
const RESULT_TYPE_CHANGED = '0A000';
/** Command tags of statements after which a table may have another shape: every prepared statement is forgotten. */
const CHANGES_TABLES = /^(?:ALTER|DROP) /;
/** Distinct SQL texts kept prepared; beyond this (generated SQL, say) a statement is prepared for one use. */
const MAX_PREPARED = 1000;

interface Prepared {
  /** '' for a statement prepared for one use only. */
  readonly name: string;
  readonly parameterTypes: readonly number[];
  readonly fields: readonly WireField[];
  readonly resultFormats: readonly number[];
  readonly binaryColumns: ReadonlySet<number>;
}

export type Parsers = Readonly<Record<number, (text: string, typeOid: number) => unknown>>;
export type Serializers = Readonly<Record<number, (value: unknown) => string | Uint8Array>>;

export interface PgliteSession {
  /** One statement outside any transaction: waits while a transaction holds the session. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** BEGIN … COMMIT around `work`, holding the session; ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `work` holding the session (no transaction), e.g. to end the database. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function pgliteSession(pglite: PGlite, parsers: Parsers, serializers: Serializers): PgliteSession {
  const statements = new Map<string, Prepared>();
  let named = 0;
  let held: Promise<unknown> = Promise.resolve();

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = held.then(work);
    held = turn.catch(() => undefined);
    return turn;
  };

  // One call into WebAssembly. The chunks PGlite hands over are views into its memory: copied.
  async function call(messages: FrontendMessages): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    // syncToFs: the data directory is in memory (the template is loaded, nothing is on disk).
    await pglite.execProtocolRawStream(messages.bytes(), { syncToFs: false, onRawData: (chunk) => void chunks.push(chunk.slice()) });
    if (chunks.length === 1) return chunks[0] ?? new Uint8Array(0);
    return concat(chunks);
  }

  async function answer(messages: FrontendMessages, sql: string, binaryColumns?: ReadonlySet<number>): Promise<BackendAnswer> {
    const read = readBackendMessages(await call(messages), binaryColumns);
    if (read.error !== undefined) throw new PgliteQueryError(read.error, sql);
    return read;
  }

  async function prepare(sql: string): Promise<Prepared> {
    const keep = statements.size < MAX_PREPARED;
    const name = keep ? `ackproof_${(named += 1)}` : '';
    const described = await answer(new FrontendMessages().parse(name, sql).describeStatement(name).sync(), sql);
    const fields = described.fields ?? [];
    const binaryColumns = new Set(fields.flatMap((field, index) => (field.typeOid === BYTEA_OID ? [index] : [])));
    const prepared: Prepared = {
      name,
      parameterTypes: described.parameterTypes ?? [],
      fields,
      resultFormats: fields.map((_, index) => (binaryColumns.has(index) ? BINARY_FORMAT : TEXT_FORMAT)),
      binaryColumns,
    };
    if (keep) statements.set(sql, prepared);
    return prepared;
  }

  async function forget(sql: string, prepared: Prepared): Promise<void> {
    if (statements.get(sql) !== prepared) return;
    statements.delete(sql);
    await call(new FrontendMessages().closeStatement(prepared.name).sync());
  }

  async function run<Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> {
    const prepared = statements.get(sql) ?? (await prepare(sql));
    const values = params.map((value, index) => serialize(value, prepared.parameterTypes[index]));
    const messages = new FrontendMessages().bind(prepared.name, values, prepared.resultFormats).execute().sync();
    let read: BackendAnswer;
    try {
      read = await answer(messages, sql, prepared.binaryColumns);
    } catch (error) {
      if (error instanceof PgliteQueryError && error.code === RESULT_TYPE_CHANGED && prepared.name !== '') {
        await forget(sql, prepared);
        // Outside a transaction nothing ran: the same query again, prepared for the table as it is now.
        if (!inTransaction) return run(sql, params, inTransaction);
      }
      throw error;
    }
    if (read.commandTag !== undefined && CHANGES_TABLES.test(read.commandTag)) await forgetAll();
    return read.rows.map((row) => rowObject<Row>(row, prepared.fields));
  }

  // Prepared statements are not transactional, and DEALLOCATE may run inside a transaction.
  async function forgetAll(): Promise<void> {
    statements.clear();
    await simple('DEALLOCATE ALL');
  }

  function serialize(value: unknown, typeOid: number | undefined): WireValue {
    if (value === null || value === undefined) return null;
    const serializer = typeOid === undefined ? undefined : serializers[typeOid];
    // A type PGlite has no serializer for (numeric, uuid …) goes as the value's own text, as PGlite's query() sends it.
    return serializer === undefined ? (value as { toString(): string }).toString() : serializer(value);
  }

  function rowObject<Row>(columns: readonly WireColumn[], fields: readonly WireField[]): Row {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < fields.length; index += 1) {
      const field = fields[index];
      if (field === undefined) continue;
      const column = columns[index] ?? null;
      if (typeof column !== 'string') {
        row[field.name] = column;
        continue;
      }
      const parse = parsers[field.typeOid];
      row[field.name] = parse === undefined ? column : parse(column, field.typeOid);
    }
    return row as Row;
  }

  async function simple(sql: string): Promise<string | undefined> {
    return (await answer(new FrontendMessages().query(sql), sql)).commandTag;
  }

  return {
    query: (sql, params = []) => exclusive(() => run(sql, params, false)),
    transaction: (work) =>
      exclusive(async () => {
        await simple('BEGIN');
        let open = true;
        const tx: Queryable = {
          query(sql, params = []) {
            if (!open) {
              return Promise.reject(new Error(`database transaction: a query after the transaction ended (${sql.slice(0, 60)}); use tx only inside the work.`));
            }
            return run(sql, params, true);
          },
        };
        try {
          const result = await work(tx);
          open = false;
          if ((await simple('COMMIT')) === 'ROLLBACK') {
            // A statement inside failed and `work` swallowed the error: nothing was stored.
            throw new PgliteQueryError({ C: '25P02', S: 'ERROR', M: 'Transaction was rolled back instead of committed' }, 'COMMIT');
          }
          return result;
        } catch (error) {
          if (open) {
            open = false;
            await simple('ROLLBACK');
          }
          throw error;
        }
      }),
    exclusive,
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
