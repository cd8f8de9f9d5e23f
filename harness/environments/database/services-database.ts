// The services mode's database: a real PostgreSQL through a pg Pool. Every run gets its own schema
// (ackproof_<runId>) and every connection's search_path is that schema alone, so parallel runs on
// one server never see each other's tables; close() drops the schema. Commits wait for the WAL
// flush (synchronous_commit = on, set on each transaction), which is what makes a "stored" claim
// mean durable here, unlike PGlite.
import pg from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import type { Database, Queryable } from './database.ts';
import { BYTEA_OID, INT8_OID, parseInt8 } from './int8-parser.ts';
import { ServicesUnavailableError, redactUrl } from './services-unavailable-error.ts';

export interface ServicesDatabaseOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/postgres */
  readonly url: string;
  /** Letters, digits, "_" and "-" (up to 54); the schema is ackproof_<runId> in lower case, "-" as "_". */
  readonly runId: string;
  /** How long to wait for the first connection before giving up; 5000 ms unless told. */
  readonly connectTimeoutMs?: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const START_HINT = 'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (README, "Set up"), or point DATABASE_URL at a running server';

// A DatabaseError means the server is up and answered, but refused (no such user or database, too many
// connections, still starting): starting it again would not help.
const REFUSED_HINT = 'the server is running but refused the connection: check the user and database named in the URL (DATABASE_URL), or retry once it has finished starting';

export function schemaForRun(runId: string): string {
  if (!/^[A-Za-z0-9_-]{1,54}$/.test(runId)) {
    throw new TypeError(`openServicesDatabase: runId ${JSON.stringify(runId)} cannot name a schema; use 1 to 54 letters, digits, "_" or "-".`);
  }
  return `ackproof_${runId.toLowerCase().replaceAll('-', '_')}`;
}

export async function openServicesDatabase(options: ServicesDatabaseOptions): Promise<Database> {
  const schema = schemaForRun(options.runId);
  const shownUrl = redactUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // The schema name is [a-z0-9_] only (schemaForRun), so it needs no quoting here.
    options: `-c search_path=${schema} -c synchronous_commit=on`,
    types: { getTypeParser },
  });
  // An idle connection that dies (the server restarts: a storage-outage fault) is reported here;
  // without a listener it would crash the process. The next query fails and says so instead.
  pool.on('error', () => undefined);

  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new ServicesUnavailableError(
      'postgresql',
      shownUrl,
      `openServicesDatabase: cannot connect to PostgreSQL at ${shownUrl} (${describe(error)}); ${error instanceof pg.DatabaseError ? REFUSED_HINT : START_HINT}.`,
      { cause: error },
    );
  }
  try {
    // Not IF NOT EXISTS: a schema that is already there belongs to another run (or to a crashed
    // one), and close() would drop it from under that run.
    await client.query(`CREATE SCHEMA "${schema}"`);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw new Error(
      `openServicesDatabase: cannot create schema ${schema} in ${shownUrl} (${describe(error)}); another run may be using runId ${options.runId}, or an earlier one crashed: choose a new runId, or DROP SCHEMA ${schema} CASCADE if nothing uses it.`,
      { cause: error },
    );
  }
  client.release();

  let closed = false;
  return poolDatabase(pool, async () => {
    if (closed) return;
    closed = true;
    try {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await pool.end();
    }
  });
}

/**
 * A receiver's own database, exactly as its URL names it (a launched receiver gets one from the
 * launch contract): no schema of its own, nothing dropped on close(), which only ends the
 * connections, so a receiver started again on the same URL finds what it stored.
 */
export async function openDatabaseAtUrl(options: { readonly url: string; readonly connectTimeoutMs?: number }): Promise<Database> {
  const shownUrl = redactUrl(options.url);
  const pool = new pg.Pool({ connectionString: options.url, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000, types: { getTypeParser } });
  pool.on('error', () => undefined);
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new ServicesUnavailableError(
      'postgresql',
      shownUrl,
      `openDatabaseAtUrl: cannot connect to PostgreSQL at ${shownUrl} (${describe(error)}); ${error instanceof pg.DatabaseError ? REFUSED_HINT : START_HINT}.`,
      { cause: error },
    );
  }
  let ended: Promise<void> | undefined;
  return poolDatabase(pool, () => (ended ??= pool.end()));
}

/** One Database over a pg Pool; close runs `close`. Commits wait for the WAL flush. */
function poolDatabase(pool: pg.Pool, close: () => Promise<void>): Database {
  const over = (session: Pick<pg.Pool, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await session.query(sql, [...params]);
      return result.rows as Row[];
    },
  });
  return {
    kind: 'postgres',
    ...over(pool),
    async transaction(work) {
      const session = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no listener of the pool's: a connection reset mid-transaction
      // (a fault proxy, a server restart) would be an unhandled 'error' event and end the process.
      // The statement in flight rejects with it anyway; the client is not to be reused.
      const onSessionError = (error: Error): void => {
        broken ??= error;
      };
      session.on('error', onSessionError);
      try {
        // One round trip, not two: a simple query may hold both statements (a round trip is the
        // unit of cost here; most of a services run's CPU is writing queries to sockets).
        await session.query('BEGIN; SET LOCAL synchronous_commit TO on');
        const result = await work(over(session));
        const commit: QueryResult = await session.query('COMMIT');
        if (commit.command === 'ROLLBACK') {
          throw new Error('database transaction: COMMIT was turned into ROLLBACK because a statement inside the transaction failed and its error was caught; nothing was stored.');
        }
        return result;
      } catch (error) {
        await session.query('ROLLBACK').catch((rollbackError: unknown) => {
          // The connection is in an unknown state: the pool must not hand it out again.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        session.removeListener('error', onSessionError);
        session.release(broken);
      }
    },
    close,
  };
}

function getTypeParser(oid: number, format?: string): (text: string) => unknown {
  if (oid === INT8_OID) return parseInt8;
  const parse = pg.types.getTypeParser(oid, format as 'text') as (text: string) => unknown;
  if (oid === BYTEA_OID) {
    // pg gives a Buffer, often a view into a shared slab; copy it into a plain Uint8Array.
    return (text) => new Uint8Array(parse(text) as Buffer);
  }
  return parse;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message !== '' ? error.message : (error as { code?: string }).code ?? error.name;
  return String(error);
}
