// The embedded mode's database: PGlite (PostgreSQL compiled to WebAssembly) in memory, in this
// process, nothing to install. PGlite runs with fsync off: a committed row survives a killed
// receiver (the process that holds the memory is the harness, not the receiver) but would not
// survive a power cut. Durability claims therefore need the services mode (openServicesDatabase).
// A start loads a template of initdb's data directory (pglite-template.ts): about 0.7 s of CPU
// instead of the 2.5–5 s that initdb takes. Queries go to PGlite in the wire protocol, each SQL text
// prepared once (pglite-session.ts).
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Database } from './database.ts';
import { BYTEA_OID, INT8_OID, parseInt8 } from './int8-parser.ts';
import { type Serializers, pgliteSession } from './pglite-session.ts';
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
  // int8 would arrive as number or bigint by size. bytea parameters go in binary and bytea columns
  // come back in binary (pglite-session.ts): no hex text twice the size to build, scan and decode.
  const pglite = await startPglite({
    parsers: { [INT8_OID]: parseInt8 },
    // PGlite's types say a serializer returns a string; its bind sends a Uint8Array as binary, and so does the session.
    serializers: { [BYTEA_OID]: serializeBytea as unknown as (value: unknown) => string },
  });
  // The session reads PGlite's own type table (its defaults, the two rules above, array types).
  const session = pgliteSession(pglite, pglite.parsers, pglite.serializers as Serializers);
  let closed = false;
  return {
    kind: 'pglite',
    query: (sql, params) => session.query(sql, params),
    transaction: (work) => session.transaction(work),
    async close() {
      if (closed) return;
      closed = true;
      // After a transaction that is still running, never in its middle.
      await session.exclusive(() => pglite.close());
    },
  };
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
