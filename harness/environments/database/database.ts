// The one storage interface every store in the harness is written against, so the same SQL runs on
// PGlite in the embedded mode and on a real PostgreSQL in the services mode (DESIGN.md, "Where the
// real parts come from").
//
// Values cross the boundary the same way on both:
// - bytea comes back as a plain Uint8Array (never a Node Buffer, so deep equality holds) and a
//   Uint8Array or Buffer can be passed in as a parameter;
// - int8 (bigint, count(*), identity columns) comes back as a JS number; a value beyond
//   Number.MAX_SAFE_INTEGER throws a RangeError rather than being rounded or turning into a bigint;
// - int2/int4/float8 are numbers, numeric is a string (exact), timestamptz is a Date, json/jsonb are
//   parsed, text is a string (UTF-8 both ways).
// Write one statement per query() call: PGlite's extended protocol refuses several in one string.

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` between BEGIN and COMMIT and rolls back when it throws. A transaction whose COMMIT
   * turns into a rollback (a statement inside failed and `work` swallowed the error) throws too, so
   * a caller can never believe in a commit that did not happen. On PostgreSQL the commit waits for
   * the WAL flush (synchronous_commit = on). Inside `work`, use `tx`, never the Database itself:
   * PGlite has one session and would wait for the transaction forever.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Ends the connections; in the services mode it first drops everything this run created. */
  close(): Promise<void>;
}
