// The initdb template: kept on disk for the next process, a database started from it is empty and
// fresh (nothing of an earlier database leaks in), and a broken file is replaced, not trusted.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openEmbeddedDatabase } from './embedded-database.ts';
import { discardPgliteTemplate, pgliteTemplate, pgliteTemplatePath } from './pglite-template.ts';

let folder: string;
const previous = process.env['ACKPROOF_PGLITE_TEMPLATE_DIR'];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ackproof-template-test-'));
  process.env['ACKPROOF_PGLITE_TEMPLATE_DIR'] = folder;
  await discardPgliteTemplate();
});

afterAll(async () => {
  await discardPgliteTemplate();
  if (previous === undefined) delete process.env['ACKPROOF_PGLITE_TEMPLATE_DIR'];
  else process.env['ACKPROOF_PGLITE_TEMPLATE_DIR'] = previous;
  await rm(folder, { recursive: true, force: true });
});

describe('the PGlite template', () => {
  test('is kept on disk, whole, under a name with PGlite’s version; no partial file is left', async () => {
    const template = await pgliteTemplate();
    const path = pgliteTemplatePath();
    expect(path.startsWith(folder)).toBe(true);
    expect(path).toMatch(/ackproof-pglite-\d+\.\d+\.\d+-template-v\d+\.tar$/);
    expect((await stat(path)).size).toBe(template.size);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  test('a database started from it is fresh: what one database wrote is not in the next', async () => {
    const first = await openEmbeddedDatabase();
    await first.query('CREATE TABLE sak (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, navn text)');
    await first.query("INSERT INTO sak (navn) VALUES ('Åse')");
    await first.close();
    const second = await openEmbeddedDatabase();
    expect(await second.query("SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([{ tables: 0 }]);
    await second.query('CREATE TABLE sak (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, navn text)');
    expect(await second.query("INSERT INTO sak (navn) VALUES ('Ørjan') RETURNING id, navn")).toEqual([{ id: 1, navn: 'Ørjan' }]);
    await second.close();
  }, 60_000);

  test('a file cut short is not trusted: the start still works and the file is made again, whole', async () => {
    const path = pgliteTemplatePath();
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, 4096));
    await discardPgliteTemplateInProcessOnly();
    const db = await openEmbeddedDatabase();
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
    expect((await stat(path)).size).toBe(whole.length);
  }, 60_000);
});

/** Forgets the in-process copy only, as a new process would start: by reading the file. */
async function discardPgliteTemplateInProcessOnly(): Promise<void> {
  const path = pgliteTemplatePath();
  const kept = await readFile(path);
  await discardPgliteTemplate();
  await writeFile(path, kept);
}
