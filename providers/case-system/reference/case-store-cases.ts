// The reference case store's behaviour, as one jest suite that runs on PGlite (unit tier,
// case-store.test.ts) and on PostgreSQL (services tier, case-store.services.test.ts).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Database } from '../../../harness/environments/database/index.ts';
import { MOTTATT } from '../../../contracts/message-types.ts';
import { createReadBackClient } from '../../portal/read-back-client.ts';
import { startReadBackServer } from '../read-back-server.ts';
import {
  type CaseStoreSteps,
  caseworkerInbox,
  markReceiptSent,
  migrate,
  pendingReceipts,
  readBack,
  referenceSteps,
  sha256Hex,
  storeReport,
} from './case-store.ts';
import { OSLO_GAMLE_OSLO, TEST_PORTAL_ACCOUNT, resendOf, testReport } from './case-store-test-report.ts';

const NOW = new Date('2026-03-16T12:29:33.000Z');
const LATER = new Date('2026-03-16T12:30:00.000Z');

export function describeCaseStoreConformance(name: string, open: () => Promise<Database>): void {
  describe(`reference case store on ${name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
      await migrate(db);
      await migrate(db); // a second run must find everything in place
    });
    afterAll(async () => {
      await db.close();
    });

    const rowsFor = async (bekymringsmeldingId: string, meldingId: string) => ({
      mottak: await db.query('SELECT melding_id FROM mottak WHERE bekymringsmelding_id = $1', [bekymringsmeldingId]),
      sak: await db.query('SELECT id FROM sak WHERE bekymringsmelding_id = $1', [bekymringsmeldingId]),
      utboks: await db.query('SELECT id FROM kvittering_utboks WHERE svar_til = $1', [meldingId]),
    });

    test('a stored report reads back exactly as it was stored, and queues its mottatt receipt', async () => {
      const report = testReport('store-and-read-back');
      const result = await storeReport(db, report, NOW);
      expect(result.outcome).toBe('stored');

      expect(await readBack(db, report.bekymringsmeldingId)).toEqual({
        bekymringsmeldingId: report.bekymringsmeldingId,
        meldingstype: report.meldingstype,
        bekymringsmelding: report.content,
        pdf: { sha256: sha256Hex(report.pdf), bytes: report.pdf.length },
        synligFor: [{ kommunenummer: report.content.kommunenummer, bydelsnummer: report.content.bydelsnummer }],
        antallSaker: 1,
      });
      const [stored] = await caseworkerInbox(db, report.content.kommunenummer, report.content.bydelsnummer).then((cases) =>
        cases.filter((visible) => visible.bekymringsmeldingId === report.bekymringsmeldingId),
      );
      expect(stored).toMatchObject({ contentJson: report.contentJson, pdf: report.pdf, meldingId: report.meldingId, storedAt: NOW });

      const pending = (await pendingReceipts(db)).filter((receipt) => receipt.svarTil === report.meldingId);
      expect(pending).toEqual([
        { id: result.outboxId, svarTil: report.meldingId, mottakerKontoId: TEST_PORTAL_ACCOUNT, meldingstype: MOTTATT, body: new Uint8Array(0), createdAt: NOW },
      ]);
    });

    test('nothing is read back for a report never stored', async () => {
      expect(await readBack(db, testReport('never-stored').bekymringsmeldingId)).toBeUndefined();
    });

    test('a redelivery and a resend make no second case, yet each melding-id gets its receipt', async () => {
      const report = testReport('redelivered-and-resent');
      const resend = resendOf(report, testReport('redelivered-and-resent/resend').meldingId);

      const first = await storeReport(db, report, NOW);
      const redelivery = await storeReport(db, report, LATER);
      const resent = await storeReport(db, resend, LATER);

      expect([first.outcome, redelivery.outcome, resent.outcome]).toEqual(['stored', 'already-stored', 'already-stored']);
      // One unsent receipt per melding-id is enough: the redelivery reuses the first one's.
      expect(redelivery.outboxId).toBe(first.outboxId);
      expect(resent.outboxId).not.toBe(first.outboxId);
      const pending = (await pendingReceipts(db)).filter((receipt) => [report.meldingId, resend.meldingId].includes(receipt.svarTil));
      expect(pending.map(({ id, svarTil }) => ({ id, svarTil }))).toEqual([
        { id: first.outboxId, svarTil: report.meldingId },
        { id: resent.outboxId, svarTil: resend.meldingId },
      ]);
      expect((await readBack(db, report.bekymringsmeldingId))?.antallSaker).toBe(1);
      expect(await db.query('SELECT melding_id FROM mottak WHERE bekymringsmelding_id = $1', [report.bekymringsmeldingId])).toEqual([
        { melding_id: report.meldingId },
      ]);
    });

    test('a redelivery after the receipt went out queues a fresh receipt', async () => {
      const report = testReport('redelivered-after-receipt');
      const first = await storeReport(db, report, NOW);
      expect(await markReceiptSent(db, first.outboxId, LATER)).toBe(true);
      expect(await markReceiptSent(db, first.outboxId, LATER)).toBe(false);
      expect((await pendingReceipts(db)).some((receipt) => receipt.svarTil === report.meldingId)).toBe(false);

      const redelivery = await storeReport(db, report, LATER);
      expect(redelivery.outcome).toBe('already-stored');
      expect(redelivery.outboxId).not.toBe(first.outboxId);
      expect((await pendingReceipts(db)).filter((receipt) => receipt.svarTil === report.meldingId).map((receipt) => receipt.id)).toEqual([redelivery.outboxId]);
    });

    test("a report for Oslo, Gamle Oslo (01) is in that district's inbox and not in Grünerløkka's (02)", async () => {
      const report = testReport('oslo-01', { to: OSLO_GAMLE_OSLO });
      await storeReport(db, report, NOW);
      const inDistrict = await caseworkerInbox(db, '0301', '01');
      const inNeighbour = await caseworkerInbox(db, '0301', '02');
      expect(inDistrict.map((visible) => visible.bekymringsmeldingId)).toContain(report.bekymringsmeldingId);
      expect(inNeighbour.map((visible) => visible.bekymringsmeldingId)).not.toContain(report.bekymringsmeldingId);
      expect((await readBack(db, report.bekymringsmeldingId))?.synligFor).toEqual([{ kommunenummer: '0301', bydelsnummer: '01' }]);
    });

    test.each([
      ['creating the case', { insertCase: () => Promise.reject(new Error('injected: disk full')) }],
      ['queueing the receipt', { enqueueReceipt: () => Promise.reject(new Error('injected: disk full')) }],
    ] as const)('a failure while %s leaves no case, no inbox row and no receipt', async (_step, failing: Partial<CaseStoreSteps>) => {
      const report = testReport(`failure-${Object.keys(failing).join()}`);
      await expect(storeReport(db, report, NOW, { ...referenceSteps, ...failing })).rejects.toThrow('injected: disk full');
      expect(await rowsFor(report.bekymringsmeldingId, report.meldingId)).toEqual({ mottak: [], sak: [], utboks: [] });
      expect(await readBack(db, report.bekymringsmeldingId)).toBeUndefined();

      // Nothing half-done blocks the redelivery: it is stored as new.
      expect((await storeReport(db, report, LATER)).outcome).toBe('stored');
    });

    test('a 60,000-character text with æøå round-trips exactly', async () => {
      const report = testReport('long-text', { type: 'no.ks.fiks.bekymringsmelding.privat.v2', textLength: 60_000 });
      const melding = (report.content as { melding: string }).melding;
      expect(melding).toHaveLength(60_000);
      expect(melding).toMatch(/[æøåÆØÅ]/);
      await storeReport(db, report, NOW);
      const stored = await readBack(db, report.bekymringsmeldingId);
      expect((stored?.bekymringsmelding as { melding: string } | undefined)?.melding).toBe(melding);
      expect(stored?.bekymringsmelding).toEqual(report.content);
    });

    test('the steps can be varied, and the read-back shows the difference', async () => {
      // The building blocks of the faulty adapters: a store that skips the inbox, one that cuts the JSON.
      const notIdempotent: CaseStoreSteps = { ...referenceSteps, claimInbox: () => Promise.resolve(true) };
      const cutShort: CaseStoreSteps = {
        ...referenceSteps,
        caseRecord: (parsed) => ({ ...referenceSteps.caseRecord(parsed), contentJson: parsed.contentJson.slice(0, 200), pdf: null, pdfSha256: null }),
      };
      const duplicated = testReport('varied/duplicated');
      await storeReport(db, duplicated, NOW, notIdempotent);
      await storeReport(db, duplicated, LATER, notIdempotent);
      expect((await readBack(db, duplicated.bekymringsmeldingId))?.antallSaker).toBe(2);

      const truncated = testReport('varied/truncated');
      await storeReport(db, truncated, NOW, cutShort);
      expect(await readBack(db, truncated.bekymringsmeldingId)).toMatchObject({
        bekymringsmelding: { ulesbartInnhold: truncated.contentJson.slice(0, 200) },
        pdf: null,
        antallSaker: 1,
      });
    });

    test('the read-back server answers through the portal’s read-back client: 200 when stored, 404 when not', async () => {
      const report = testReport('over-http', { to: OSLO_GAMLE_OSLO });
      await storeReport(db, report, NOW);
      const server = await startReadBackServer({ host: '127.0.0.1', readBack: (id) => readBack(db, id) });
      try {
        const client = createReadBackClient(server.url);
        expect(await client.read(report.bekymringsmeldingId)).toEqual({ found: true, readBack: await readBack(db, report.bekymringsmeldingId) });
        expect(await client.read(testReport('over-http/never-stored').bekymringsmeldingId)).toEqual({ found: false });
      } finally {
        await server.close();
      }
    });
  });
}
