// The services tier: the same conformance suite against the real PostgreSQL, plus what only a shared
// server has — runs isolated from each other, and nothing left behind.
import { describe, expect, test } from '@jest/globals';
import { describeDatabaseConformance } from './database-conformance.ts';
import { DEFAULT_DATABASE_URL, openServicesDatabase, schemaForRun } from './services-database.ts';
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
