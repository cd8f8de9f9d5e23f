// What the embedded database's own session adds to the Database contract (database-conformance.ts
// holds the contract itself): statements prepared once, one session shared in turn, errors that
// carry their SQLSTATE, and no answer in a table's old shape.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { BYTEA_OID, INT8_OID, parseInt8 } from './int8-parser.ts';
import { PgliteQueryError, type PgliteSession, type Serializers, pgliteSession } from './pglite-session.ts';
import { pgliteTemplate } from './pglite-template.ts';

describe('the embedded database session', () => {
  let pglite: PGlite;
  let session: PgliteSession;
  let calls = 0;

  beforeAll(async () => {
    pglite = await PGlite.create({ loadDataDir: await pgliteTemplate(), parsers: { [INT8_OID]: parseInt8 } });
    const serializers: Serializers = { ...(pglite.serializers as Serializers), [BYTEA_OID]: (value) => value as Uint8Array };
    session = pgliteSession(pglite, pglite.parsers, serializers);
    const stream = pglite.execProtocolRawStream.bind(pglite);
    pglite.execProtocolRawStream = (message, options) => {
      calls += 1;
      return stream(message, options);
    };
    await session.query('CREATE TABLE item (id int8 PRIMARY KEY, label text NOT NULL, data bytea)');
  });
  afterAll(async () => {
    await session.exclusive(() => pglite.close());
  });

  test('a SQL text is prepared once: every later query with it is one call into PGlite', async () => {
    const insert = 'INSERT INTO item (id, label, data) VALUES ($1, $2, $3) RETURNING id, data';
    calls = 0;
    expect(await session.query(insert, [1, 'first', Uint8Array.from([1, 2, 3])])).toEqual([{ id: 1, data: Uint8Array.from([1, 2, 3]) }]);
    expect(calls).toBe(2); // prepare (Parse, Describe, Sync), then Bind, Execute, Sync
    calls = 0;
    expect(await session.query(insert, [2, 'second', null])).toEqual([{ id: 2, data: null }]);
    expect(calls).toBe(1);
  });

  test('a query outside a transaction waits for the transaction to end, and sees what it committed', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const transaction = session.transaction(async (tx) => {
      await tx.query('INSERT INTO item (id, label) VALUES ($1, $2)', [10, 'in the transaction']);
      await held;
      order.push('committing');
    });
    const outside = session.query<{ label: string }>('SELECT label FROM item WHERE id = $1', [10]).then((rows) => {
      order.push('read outside');
      return rows;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await transaction;
    expect(await outside).toEqual([{ label: 'in the transaction' }]);
    expect(order).toEqual(['committing', 'read outside']);
  });

  test('a tx kept beyond its transaction is refused instead of running outside it', async () => {
    let kept: { query: (sql: string) => Promise<unknown> } | undefined;
    await session.transaction(async (tx) => {
      kept = tx;
      await tx.query('SELECT 1');
    });
    await expect(kept?.query('SELECT 1')).rejects.toThrow('a query after the transaction ended');
  });

  test('an error carries its SQLSTATE and the statement, and the session goes on', async () => {
    const duplicate = await session.query('INSERT INTO item (id, label) VALUES ($1, $2)', [1, 'again']).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(PgliteQueryError);
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'item_pkey', table: 'item', query: 'INSERT INTO item (id, label) VALUES ($1, $2)' });
    expect(String(duplicate)).toBe('error: duplicate key value violates unique constraint "item_pkey"');
    await expect(session.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    expect(await session.query('SELECT count(*) AS n FROM item')).toEqual([{ n: 3 }]);
  });

  test('a table changed where the session cannot see it (inside a function) is still read in its new shape', async () => {
    const select = 'SELECT * FROM item WHERE id = $1';
    expect(await session.query(select, [2])).toEqual([{ id: 2, label: 'second', data: null }]);
    // A DO block's tag is DO, not ALTER: the prepared statement is kept until PostgreSQL refuses it (0A000).
    await session.query("DO $$ BEGIN EXECUTE 'ALTER TABLE item ADD COLUMN note text'; END $$");
    expect(await session.query(select, [2])).toEqual([{ id: 2, label: 'second', data: null, note: null }]);
  });
});
