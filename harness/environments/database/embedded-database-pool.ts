// PGlite costs about 2.5 s to start and an embedded environment needs two, while a scenario of a
// few dozen reports runs in well under a second: a certification of twenty scenarios would spend
// most of its time starting databases. A pool keeps the started ones. A database borrowed from it
// is the same interface as a fresh one; its close() empties it (the public schema dropped and made
// again: tables, their sequences and indexes go, so ids start from 1 as on a fresh one) and gives
// it back instead of ending it. Measured on the project's 2-core machine: PGlite.create 2.2–4.5 s,
// clone() 0.6–1.3 s, the reset about 25 ms.
//
// Only what lives in the public schema is reset; the stores here create nothing elsewhere.
import type { Database } from './database.ts';
import { openEmbeddedDatabase } from './embedded-database.ts';

export interface EmbeddedDatabasePool {
  /** A started, empty database; close() empties it and returns it to the pool. */
  borrow(): Promise<Database>;
  /** Databases started so far (for tests and measurements). */
  started(): number;
  /** Ends every database in the pool; borrowed ones are ended when they come back. Idempotent. */
  close(): Promise<void>;
}

const RESET = ['DROP SCHEMA public CASCADE', 'CREATE SCHEMA public'] as const;

export function createEmbeddedDatabasePool(): EmbeddedDatabasePool {
  const idle: Database[] = [];
  let started = 0;
  let closed = false;

  const lend = (db: Database): Database => {
    let returned: Promise<void> | undefined;
    let usable = true;
    const refused = (method: string): Promise<never> =>
      Promise.reject(new Error(`embeddedDatabasePool: ${method} on a database that was closed (returned to its pool); borrow another`));
    // Not async functions: the database's own promise is handed on as it is, so a lent database
    // answers in the same number of microtask turns as a fresh one, and a run replays the same on either.
    return {
      kind: db.kind,
      query: (sql, params) => (usable ? db.query(sql, params) : refused('query')),
      transaction: (work) => (usable ? db.transaction(work) : refused('transaction')),
      close() {
        returned ??= (async () => {
          usable = false;
          if (closed) {
            await db.close();
            return;
          }
          try {
            for (const statement of RESET) await db.query(statement);
          } catch {
            // A database that cannot be emptied is not lent again.
            await db.close().catch(() => undefined);
            return;
          }
          idle.push(db);
        })();
        return returned;
      },
    };
  };

  return {
    async borrow() {
      if (closed) throw new Error('embeddedDatabasePool.borrow: the pool is closed; create a new one');
      const reused = idle.pop();
      if (reused !== undefined) return lend(reused);
      started += 1;
      return lend(await openEmbeddedDatabase());
    },
    started: () => started,
    async close() {
      closed = true;
      for (const db of idle.splice(0)) await db.close();
    },
  };
}
