// What every Database must do, as one jest suite that each implementation's test file runs: the
// embedded one in the unit tier, the PostgreSQL one in the services tier. A store written against
// the interface can then trust the same behaviour in both modes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Database } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

export function describeDatabaseConformance(name: string, open: () => Promise<Database>): void {
  describe(`${name} conforms to Database`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
      await db.query('CREATE TABLE conformance (id int8 PRIMARY KEY, label text NOT NULL, data bytea, at timestamptz)');
    });
    afterAll(async () => {
      await db.close();
    });

    test('a committed transaction is visible afterwards, and returns what the work returned', async () => {
      const returned = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [1, 'committed']);
        return 'done';
      });
      expect(returned).toBe('done');
      expect(await db.query('SELECT label FROM conformance WHERE id = $1', [1])).toEqual([{ label: 'committed' }]);
    });

    test('a transaction whose work throws is rolled back and the error reaches the caller', async () => {
      const failure = new Error('injected failure');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [2, 'rolled back']);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db.query('SELECT id FROM conformance WHERE id = $1', [2])).toEqual([]);
    });

    test('a transaction that swallowed a failed statement does not pretend to have committed', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [3, 'before the failure']);
          await tx.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [1, 'duplicate']).catch(() => undefined);
        }),
      ).rejects.toThrow();
      expect(await db.query('SELECT id FROM conformance WHERE id = $1', [3])).toEqual([]);
    });

    test('a unique violation is recognised by isUniqueViolation, other errors are not', async () => {
      const duplicate = await db.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [1, 'again']).catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
      const notNull = await db.query('INSERT INTO conformance (id, label) VALUES ($1, NULL)', [4]).catch((error: unknown) => error);
      expect(notNull).toBeInstanceOf(Error);
      expect(isUniqueViolation(notNull)).toBe(false);
    });

    test('bytea round-trips byte for byte as a plain Uint8Array, from a Uint8Array or a Buffer', async () => {
      const every = Uint8Array.from({ length: 256 * 40 }, (_, index) => (index * 7 + (index >> 8)) % 256);
      await db.query('INSERT INTO conformance (id, label, data) VALUES ($1, $2, $3)', [10, 'bytes', every]);
      await db.query('INSERT INTO conformance (id, label, data) VALUES ($1, $2, $3)', [11, 'buffer', Buffer.from([0, 1, 254, 255])]);
      await db.query('INSERT INTO conformance (id, label, data) VALUES ($1, $2, $3)', [12, 'empty', new Uint8Array(0)]);
      const rows = await db.query<{ id: number; data: Uint8Array }>('SELECT id, data FROM conformance WHERE id IN (10, 11, 12) ORDER BY id');
      expect(rows.map((row) => Object.getPrototypeOf(row.data) === Uint8Array.prototype)).toEqual([true, true, true]);
      expect(rows).toEqual([
        { id: 10, data: every },
        { id: 11, data: Uint8Array.from([0, 1, 254, 255]) },
        { id: 12, data: new Uint8Array(0) },
      ]);
    });

    test('UTF-8 text with æøå and characters outside the BMP round-trips exactly', async () => {
      const text = 'Bekymring for Åse Ødegård på Ærøy — «sitat» 🙂 ÆØÅ æøå';
      await db.query('INSERT INTO conformance (id, label) VALUES ($1, $2)', [20, text]);
      const rows = await db.query<{ label: string; length: number }>('SELECT label, char_length(label) AS length FROM conformance WHERE id = $1', [20]);
      expect(rows).toEqual([{ label: text, length: [...text].length }]);
    });

    test('int8 comes back as a number, timestamptz as a Date, numeric as a string', async () => {
      const at = new Date('2026-03-16T12:29:33.123Z');
      await db.query('INSERT INTO conformance (id, label, at) VALUES ($1, $2, $3)', [9_007_199_254_740_991, 'max safe', at]);
      const rows = await db.query('SELECT id, at, count(*) OVER () AS total, 1.50::numeric AS exact FROM conformance WHERE id = $1', [9_007_199_254_740_991]);
      expect(rows).toEqual([{ id: 9_007_199_254_740_991, at, total: 1, exact: '1.50' }]);
    });

    test('a table dropped and made again with other columns is read in its new shape, inside a transaction too', async () => {
      // The same SQL text before and after: a driver that keeps statements prepared must not answer in the old shape.
      await db.query('CREATE TABLE reshaped (id int8 PRIMARY KEY, label text)');
      await db.query('INSERT INTO reshaped (id, label) VALUES ($1, $2)', [1, 'before']);
      expect(await db.query('SELECT * FROM reshaped')).toEqual([{ id: 1, label: 'before' }]);
      await db.transaction(async (tx) => {
        await tx.query('DROP TABLE reshaped');
        await tx.query('CREATE TABLE reshaped (id int8 PRIMARY KEY, data bytea, at timestamptz)');
        await tx.query('INSERT INTO reshaped (id, data, at) VALUES ($1, $2, $3)', [2, Uint8Array.from([7, 8]), new Date('2026-03-16T12:00:00.000Z')]);
        expect(await tx.query('SELECT * FROM reshaped')).toEqual([{ id: 2, data: Uint8Array.from([7, 8]), at: new Date('2026-03-16T12:00:00.000Z') }]);
      });
      await db.query('ALTER TABLE reshaped ADD COLUMN note text');
      expect(await db.query('SELECT * FROM reshaped')).toEqual([{ id: 2, data: Uint8Array.from([7, 8]), at: new Date('2026-03-16T12:00:00.000Z'), note: null }]);
    });

    test('an int8 beyond 2^53 fails loudly instead of being rounded', async () => {
      await expect(db.query('SELECT 9007199254740993::int8 AS too_big')).rejects.toThrow(RangeError);
    });
  });
}
