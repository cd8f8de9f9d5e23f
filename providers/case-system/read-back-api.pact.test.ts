// Provider: the reference case system's read-back API, verified against the portal's pact
// (contracts/pacts/portal-case-system-read-back.json). Each provider state stores, through the
// real store, exactly the report the consumer's interaction asks about.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openEmbeddedDatabase, type Database } from '../../harness/environments/database/index.ts';
import { missingProviderCode, verifyCommittedPact } from '../pact-verification.ts';
import { startReadBackServer, type StartedReadBackServer } from './read-back-server.ts';
import { migrate, readBack, storeReport } from './reference/case-store.ts';
import { testReport } from './reference/case-store-test-report.ts';

let db: Database;
let server: StartedReadBackServer;

beforeAll(async () => {
  db = await openEmbeddedDatabase();
  await migrate(db);
  server = await startReadBackServer({ host: '127.0.0.1', port: 0, readBack: (id) => readBack(db, id) });
}, 60_000);
afterAll(async () => {
  // Either may be missing when beforeAll failed; the failure is reported there.
  await (server as StartedReadBackServer | undefined)?.close();
  await (db as Database | undefined)?.close();
}, 60_000);

function stateParameters<Name extends string>(parameters: unknown, names: readonly Name[]): Record<Name, string> {
  const given = (parameters ?? {}) as Record<string, unknown>;
  const missing = names.filter((name) => typeof given[name] !== 'string');
  if (missing.length > 0) throw new Error(`provider state: the pact gives no ${missing.join(', ')}`);
  return given as Record<Name, string>;
}

async function forgetEverything(): Promise<void> {
  for (const table of ['kvittering_utboks', 'sak', 'mottak']) await db.query(`DELETE FROM ${table}`);
}

const stateHandlers = {
  'a private v2 report is stored': async (parameters?: unknown): Promise<void> => {
    const { bekymringsmeldingId, kommunenummer, bydelsnummer } = stateParameters(parameters, ['bekymringsmeldingId', 'kommunenummer', 'bydelsnummer']);
    await forgetEverything();
    const report = testReport(`read-back-state-${bekymringsmeldingId}`, { type: 'no.ks.fiks.bekymringsmelding.privat.v2' });
    const content = { ...report.content, kommunenummer, bydelsnummer };
    await storeReport(db, { ...report, bekymringsmeldingId, content, contentJson: JSON.stringify(content) }, new Date(0));
  },
  'no report is stored under this id': async (): Promise<void> => {
    await forgetEverything();
  },
};

describe('case system read-back API ← portal pact', () => {
  test('every interaction of the committed pact holds against the reference case system', async () => {
    await verifyCommittedPact({ pactFile: 'portal-case-system-read-back.json', stateHandlers, providerBaseUrl: server.url });
  }, 120_000);

  test('a consumer state without a handler is an error, not a warning', () => {
    const pact = {
      provider: { name: 'case-system-read-back' },
      interactions: [{ type: 'Synchronous/HTTP', description: 'x', providerStates: [{ name: 'a state nobody handles' }] }],
    };
    expect(missingProviderCode(pact, { stateHandlers })).toEqual(['state "a state nobody handles" (interaction "x") has no state handler']);
  });
});
