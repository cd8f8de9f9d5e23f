// The services tier: the same conformance suite against the real PostgreSQL, plus what only a shared
// server has — runs isolated from each other, and nothing left behind.
import { describe, expect, test } from '@jest/globals';
import { once } from 'node:events';
import { type Socket, connect as connectTcp, createServer } from 'node:net';
import { describeDatabaseConformance } from './database-conformance.ts';
import { DEFAULT_DATABASE_URL, openDatabaseAtUrl, openServicesDatabase, schemaForRun } from './services-database.ts';
import { testRunId } from './test-run-id.ts';

const url = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
const open = (runId = testRunId()) => openServicesDatabase({ url, runId });

describeDatabaseConformance('PostgreSQL (pg) in its own schema', () => open());

describe('PostgreSQL runs are kept apart', () => {
  test("two runs' tables of the same name never meet", async () => {
    const first = await open();
    const second = await open();
    try {
      await first.query('CREATE TABLE shared_name (label text)');
      await second.query('CREATE TABLE shared_name (label text)');
      await first.query("INSERT INTO shared_name VALUES ('first run')");
      expect(await second.query('SELECT label FROM shared_name')).toEqual([]);
      expect(await first.query('SELECT label FROM shared_name')).toEqual([{ label: 'first run' }]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('close() drops the run schema and everything in it', async () => {
    const runId = testRunId();
    const db = await open(runId);
    await db.query('CREATE TABLE left_behind (label text)');
    await db.close();
    const observer = await open();
    try {
      const schemas = await observer.query('SELECT nspname FROM pg_namespace WHERE nspname = $1', [schemaForRun(runId)]);
      expect(schemas).toEqual([]);
    } finally {
      await observer.close();
    }
  });

  test('a runId already in use is refused instead of shared', async () => {
    const runId = testRunId();
    const db = await open(runId);
    try {
      await expect(open(runId)).rejects.toThrow(/another run may be using runId/);
    } finally {
      await db.close();
    }
  });

  test('commits ask for synchronous_commit = on', async () => {
    const db = await open();
    try {
      const setting = await db.transaction((tx) => tx.query("SELECT current_setting('synchronous_commit') AS value"));
      expect(setting).toEqual([{ value: 'on' }]);
    } finally {
      await db.close();
    }
  });
});

describe("a receiver's own database, at the URL it was given", () => {
  test('keeps what was stored across close() and a fresh open on the same URL (the URL chooses the schema)', async () => {
    const owner = await open();
    const [{ schema } = { schema: '' }] = await owner.query<{ schema: string }>('SELECT current_schema() AS schema');
    const own = new URL(url);
    own.searchParams.set('options', `-c search_path=${schema}`);
    try {
      const first = await openDatabaseAtUrl({ url: own.toString() });
      await first.transaction((tx) => tx.query("CREATE TABLE kept (label text)").then(() => tx.query("INSERT INTO kept VALUES ('stored before a restart')")));
      await first.close();
      await first.close();
      const second = await openDatabaseAtUrl({ url: own.toString() });
      try {
        expect(await second.query('SELECT label FROM kept')).toEqual([{ label: 'stored before a restart' }]);
        expect(await owner.query('SELECT label FROM kept')).toEqual([{ label: 'stored before a restart' }]);
      } finally {
        await second.close();
      }
    } finally {
      await owner.close();
    }
  });

  test('an unreachable server is named, without a password', async () => {
    await expect(openDatabaseAtUrl({ url: 'postgres://postgres:hemmelig@127.0.0.1:1/postgres' })).rejects.toThrow(/openDatabaseAtUrl: cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1/);
  });
});

describe('a connection reset in the middle of a transaction', () => {
  test('rejects that transaction and leaves the process and the next transaction unharmed (no unhandled error event)', async () => {
    const target = new URL(url);
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = connectTcp({ host: target.hostname, port: Number(target.port || 5432) });
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        sockets.add(from);
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
        from.pipe(to);
      }
    });
    relay.listen(0, '127.0.0.1');
    await once(relay, 'listening');
    const address = relay.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const owner = await open();
    const [{ schema } = { schema: '' }] = await owner.query<{ schema: string }>('SELECT current_schema() AS schema');
    const relayed = new URL(url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(address.port);
    relayed.searchParams.set('options', `-c search_path=${schema}`);
    const db = await openDatabaseAtUrl({ url: relayed.toString() });
    try {
      const inFlight = db.transaction((tx) => tx.query('SELECT pg_sleep(5)'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const socket of [...sockets]) socket.resetAndDestroy();
      await expect(inFlight).rejects.toThrow();
      expect(await db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await owner.close();
      for (const socket of [...sockets]) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  });
});
