// The pool of PGlite databases: a database comes back empty (tables and their ids gone), is lent
// again without a second start, and a closed lease can no longer be used.
import { afterAll, describe, expect, test } from '@jest/globals';
import { createEmbeddedDatabasePool } from './embedded-database-pool.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

describe('createEmbeddedDatabasePool', () => {
  test('a returned database is lent again, empty, with identity columns starting from 1; no second PGlite is started', async () => {
    const first = await pool.borrow();
    await first.query('CREATE TABLE sak (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, navn text)');
    await first.transaction(async (tx) => {
      await tx.query("INSERT INTO sak (navn) VALUES ('Åse'), ('Ørjan')");
    });
    await first.close();
    await expect(first.query('SELECT 1')).rejects.toThrow(/closed \(returned to its pool\)/);

    const second = await pool.borrow();
    expect(pool.started()).toBe(1);
    expect(await second.query("SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([{ tables: 0 }]);
    await second.query('CREATE TABLE sak (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, navn text)');
    expect(await second.query("INSERT INTO sak (navn) VALUES ('Bjørn') RETURNING id")).toEqual([{ id: 1 }]);
    await second.close();
  }, 60_000);

  test('two borrowed at once are two databases', async () => {
    const [a, b] = await Promise.all([pool.borrow(), pool.borrow()]);
    await a.query('CREATE TABLE bare_i_a (x int)');
    expect(await b.query("SELECT count(*) AS tables FROM information_schema.tables WHERE table_name = 'bare_i_a'")).toEqual([{ tables: 0 }]);
    await Promise.all([a.close(), b.close()]);
    await pool.close();
    await expect(pool.borrow()).rejects.toThrow(/the pool is closed/);
  }, 60_000);
});
