// The portal's basic flow on a real PostgreSQL (services tier): the same SQL as on PGlite, with
// real row locks and commits that wait for the WAL flush.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type Database, DEFAULT_DATABASE_URL, openServicesDatabase } from '../../harness/environments/database/index.ts';
import { DAY_MS, receiptFor, startTestPortal, testReport } from './portal-test-kit.ts';

const url = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
let counter = 0;
let db: Database;

beforeEach(async () => {
  counter += 1;
  db = await openServicesDatabase({ url, runId: `portal_${Date.now().toString(36)}_${process.pid}_${counter}` });
});
afterEach(async () => {
  await db.close();
});

describe('the simulated portal on PostgreSQL', () => {
  test('mottatt, feilet and silence each end in LEVERT, by the right cause; a redelivered receipt changes nothing', async () => {
    const { portal, sendApi, random, clock, advance } = await startTestPortal(db, { seed: 'services', retention: { kind: 'days-after-mottatt', days: 14 } });
    const [received, refused, unanswered] = [testReport('services-1'), testReport('services-2'), testReport('services-3')];
    for (const report of [received, refused, unanswered]) await portal.accept(report);
    expect(await portal.dispatch()).toMatchObject({ failed: [] });
    const [first, second] = sendApi.sends;
    if (first === undefined || second === undefined) throw new Error('expected three sends');

    const mottatt = receiptFor(first, 'mottatt', random);
    expect(await portal.handleReceipt(mottatt)).toMatchObject({ outcome: 'applied' });
    expect(await portal.handleReceipt(mottatt)).toMatchObject({ outcome: 'ignored', reason: 'duplicate' });
    await portal.handleReceipt(receiptFor(second, 'feilet', random));
    await advance(((await portal.nextDueAt()) ?? 0) - clock.now());

    expect(await portal.report(received.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'mottatt' });
    expect(await portal.report(refused.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: 'feilet' });
    expect(await portal.report(unanswered.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: 'deadline' });
    expect(await portal.states()).toEqual({ AKSEPTERT: 0, SENDT_FAGSYSTEM: 0, AVVIST_FAGSYSTEM: 0, SENDT_PRINT: 0, LEVERT: 3 });

    await advance(14 * DAY_MS);
    expect(await portal.report(received.bekymringsmeldingId)).toMatchObject({ purged: true, holdsContent: false });
  });
});
