// The embedded mode's database: PGlite (PostgreSQL compiled to WebAssembly) in memory, in this
// process, nothing to install. PGlite runs with fsync off: a committed row survives a killed
// receiver (the process that holds the memory is the harness, not the receiver) but would not
// survive a power cut. Durability claims therefore need the services mode (openServicesDatabase).
// A start loads a template of initdb's data directory (pglite-template.ts): about 0.7 s of CPU
// instead of the 2.5–5 s that initdb takes.
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { BYTEA_OID, INT8_OID, parseInt8 } from './int8-parser.ts';
import { discardPgliteTemplate, pgliteTemplate } from './pglite-template.ts';

async function startPglite(options: PGliteOptions): Promise<PGlite> {
  try {
    return await PGlite.create({ ...options, loadDataDir: await pgliteTemplate() });
  } catch {
    // A template that does not load (a file cut short, another PGlite's) is made again once.
    await discardPgliteTemplate();
    return PGlite.create({ ...options, loadDataDir: await pgliteTemplate() });
  }
}

export async function openEmbeddedDatabase(): Promise<Database> {
  // int8 would arrive as number or bigint by size. PGlite's own bytea codec goes byte by byte through
  // strings (about 1 ms per 4 KB each way); Buffer's hex codec is some fifty times faster. Bytea
  // parameters go in binary: an insert of a 9 KB PDF 0.8 ms of CPU instead of 1.9 ms as hex text.
  const pglite = await startPglite({
    parsers: { [INT8_OID]: parseInt8, [BYTEA_OID]: parseByteaHex },
    // PGlite's types say a serializer returns a string; its bind sends a Uint8Array as binary (0.5.16).
    serializers: { [BYTEA_OID]: serializeBytea as unknown as (value: unknown) => string },
  });
  const over = (session: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await session.query<Row>(sql, [...params]);
      return result.rows;
    },
  });
  let closed = false;
  return {
    kind: 'pglite',
    ...over(pglite),
    // PGlite's own transaction() takes its session lock, rolls back on throw and throws when COMMIT
    // comes back as ROLLBACK (TransactionAbortedError): the contract in database.ts.
    transaction: (work) => pglite.transaction((tx) => work(over(tx))),
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

/** bytea in PostgreSQL's hex output format ("\\x0aff…") to a plain Uint8Array (a copy, never a pooled Buffer). */
function parseByteaHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/**
 * A bytea parameter goes as the bytes themselves, in PostgreSQL's binary parameter format (PGlite
 * sends a Uint8Array that way): no hex text twice the size to build, measure and decode again.
 */
function serializeBytea(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`database: a bytea parameter must be a Uint8Array or Buffer, got ${value === null ? 'null' : typeof value}.`);
  }
  return value;
}
