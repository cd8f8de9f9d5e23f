// The simulated portal, as usage examples: each test is one report's life (or a few), from accept
// to LEVERT, on PGlite and a VirtualClock, with a fake Fiks IO send API that records what it sent.
import { describe, expect, test } from '@jest/globals';
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import type { ReceiptHandling } from './portal-receipts.ts';
import { dropPortalTables } from './portal-schema.ts';
import {
  CASE_SYSTEM_KONTO,
  DAY_MS,
  HOUR_MS,
  PORTAL_KONTO,
  WEDNESDAY_BEFORE_EASTER_2024,
  portalTablesForEachTest,
  receiptFor,
  startTestPortal,
  testReport,
} from './portal-test-kit.ts';

const MINUTE_MS = 60_000;

const tables = portalTablesForEachTest();

describe('the simulated portal', () => {
  test('accept → dispatch → mottatt → LEVERT, sending exactly the payload it keeps', async () => {
    const { portal, sendApi, events, random } = await startTestPortal(tables.db, { seed: 'happy-path' });
    const report = testReport('happy-path');

    expect(await portal.accept(report)).toBe('accepted');
    expect(await portal.states()).toMatchObject({ AKSEPTERT: 1 });
    const [stored] = await tables.db.query<{ content_json: string; payload: Uint8Array }>('SELECT content_json, payload FROM portal_melding');
    expect(JSON.parse(stored?.content_json ?? '')).toEqual(report.content);

    const dispatched = await portal.dispatch();
    expect(dispatched.failed).toEqual([]);
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');
    expect(send.data).toEqual(stored?.payload);
    const view = await portal.report(report.bekymringsmeldingId);
    expect(view).toMatchObject({ state: 'SENDT_FAGSYSTEM', meldingIds: [send.meldingId] });
    // Wednesday before Easter, 10:00 → Wednesday after Easter, 10:00 (summer time by then).
    expect(view?.deadlineAt).toBe(Date.parse('2024-04-03T10:00:00+02:00'));
    expect(send.metadata).toEqual({
      avsenderKontoId: PORTAL_KONTO,
      mottakerKontoId: CASE_SYSTEM_KONTO,
      meldingType: report.meldingstype,
      ttl: Date.parse('2024-04-03T10:00:00+02:00') - WEDNESDAY_BEFORE_EASTER_2024,
      headere: {
        [CUSTOM.bekymringsmeldingId]: report.bekymringsmeldingId,
        [CUSTOM.bydelRessursId]: report.bydelRessursId,
        [CUSTOM.klientMeldingId]: view?.klientMeldingId,
      },
    });

    const handled = await portal.handleReceipt(receiptFor(send, 'mottatt', random));
    expect(handled).toMatchObject({ outcome: 'applied', bekymringsmeldingId: report.bekymringsmeldingId, kind: 'mottatt' });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'mottatt', postReason: null });
    expect(await portal.deliveredByMottatt()).toEqual([report.bekymringsmeldingId]);
    expect(await portal.reportForMeldingId(send.meldingId)).toBe(report.bekymringsmeldingId);
    expect(events.map((event) => event.type)).toEqual(['accepted', 'sent', 'state-changed', 'receipt', 'state-changed']);
    expect(events.at(-1)).toMatchObject({ from: 'SENDT_FAGSYSTEM', to: 'LEVERT', cause: 'mottatt', at: WEDNESDAY_BEFORE_EASTER_2024 });
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  test('feilet: AVVIST_FAGSYSTEM → SENDT_PRINT → LEVERT by post, all in one step', async () => {
    const { portal, sendApi, random } = await startTestPortal(tables.db, { seed: 'feilet' });
    const report = testReport('feilet');
    await portal.accept(report);
    await portal.dispatch();
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');

    await portal.handleReceipt(receiptFor(send, 'feilet', random));

    const view = await portal.report(report.bekymringsmeldingId);
    expect(view).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: 'feilet' });
    expect(view?.transitions.map(({ from, to, cause }) => `${from} → ${to} (${cause})`)).toEqual([
      'AKSEPTERT → SENDT_FAGSYSTEM (sent)',
      'SENDT_FAGSYSTEM → AVVIST_FAGSYSTEM (feilet)',
      'AVVIST_FAGSYSTEM → SENDT_PRINT (feilet)',
      'SENDT_PRINT → LEVERT (post)',
    ]);
    expect(await portal.deliveredByMottatt()).toEqual([]);
  });

  test.each(['tidsavbrudd', 'serverfeil'] as const)('%s from the platform also sends the report by post', async (kind) => {
    const { portal, sendApi, random } = await startTestPortal(tables.db, { seed: `platform-${kind}` });
    const report = testReport(`platform-${kind}`);
    await portal.accept(report);
    await portal.dispatch();
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');

    await portal.handleReceipt(receiptFor(send, kind, random));

    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: kind });
  });

  test('no answer, sent the Wednesday before Easter: by post on the Wednesday after, not a minute before', async () => {
    const { portal, clock, advance } = await startTestPortal(tables.db, { seed: 'unanswered-easter' });
    const report = testReport('unanswered-easter');
    await portal.accept(report);
    await portal.dispatch();
    const deadline = Date.parse('2024-04-03T10:00:00+02:00');
    expect(await portal.nextDueAt()).toBe(deadline);

    await advance(deadline - MINUTE_MS - clock.now());
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'SENDT_FAGSYSTEM' });

    await advance(MINUTE_MS);
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: 'deadline' });
    expect(await portal.nextDueAt()).toBeUndefined();
  });

  test('no answer, sent on a Friday: by post on Tuesday', async () => {
    const friday = Date.parse('2024-04-12T10:00:00+02:00');
    const { portal, advance } = await startTestPortal(tables.db, { seed: 'unanswered-friday', startMs: friday });
    const report = testReport('unanswered-friday');
    await portal.accept(report);
    await portal.dispatch();

    await advance(4 * DAY_MS - MINUTE_MS); // Tuesday 09:59
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'SENDT_FAGSYSTEM' });
    await advance(MINUTE_MS);
    const view = await portal.report(report.bekymringsmeldingId);
    expect(view).toMatchObject({ state: 'LEVERT', postReason: 'deadline' });
    expect(view?.transitions.at(-1)?.at).toBe(Date.parse('2024-04-16T10:00:00+02:00'));
  });

  test('a receipt whose svar-til the portal never sent is ignored and reported as misattributed', async () => {
    const { portal, sendApi, events, random } = await startTestPortal(tables.db, { seed: 'misattributed' });
    const report = testReport('misattributed');
    await portal.accept(report);
    await portal.dispatch();
    const stranger = random.uuid();

    const handled = await portal.handleReceipt(receiptFor(stranger, 'mottatt', random));

    expect(handled).toMatchObject({ outcome: 'ignored', reason: 'misattributed', bekymringsmeldingId: undefined });
    expect(events.at(-1)).toMatchObject({ type: 'receipt-ignored', reason: 'misattributed', svarTil: stranger });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'SENDT_FAGSYSTEM', receipts: [] });
    expect(sendApi.sends).toHaveLength(1);
  });

  test('the same receipt delivered twice has no second effect', async () => {
    const { portal, sendApi, events, random } = await startTestPortal(tables.db, { seed: 'duplicate-receipt' });
    const report = testReport('duplicate-receipt');
    await portal.accept(report);
    await portal.dispatch();
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');
    const mottatt = receiptFor(send, 'mottatt', random);

    await portal.handleReceipt(mottatt);
    const before = await portal.report(report.bekymringsmeldingId);
    const second = await portal.handleReceipt(mottatt);

    expect(second).toMatchObject({ outcome: 'ignored', reason: 'duplicate', bekymringsmeldingId: report.bekymringsmeldingId });
    expect(await portal.report(report.bekymringsmeldingId)).toEqual(before);
    expect(events.filter((event) => event.type === 'state-changed')).toHaveLength(2);
  });

  test('a mottatt after the post fallback is recorded but moves nothing: LEVERT is final', async () => {
    const { portal, sendApi, clock, advance, random } = await startTestPortal(tables.db, { seed: 'late-mottatt' });
    const report = testReport('late-mottatt');
    await portal.accept(report);
    await portal.dispatch();
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');
    await advance(((await portal.nextDueAt()) ?? 0) - clock.now());

    const late = await portal.handleReceipt(receiptFor(send, 'mottatt', random));

    expect(late).toMatchObject({ outcome: 'ignored', reason: 'final' });
    const view = await portal.report(report.bekymringsmeldingId);
    expect(view).toMatchObject({ state: 'LEVERT', cause: 'post', postReason: 'deadline', mottattAt: null });
    expect(view?.receipts).toMatchObject([{ kind: 'mottatt', effect: 'final' }]);
    expect(await portal.deliveredByMottatt()).toEqual([]);
  });

  test('a feilet after mottatt is recorded but moves nothing', async () => {
    const { portal, sendApi, random } = await startTestPortal(tables.db, { seed: 'feilet-after-mottatt' });
    const report = testReport('feilet-after-mottatt');
    await portal.accept(report);
    await portal.dispatch();
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');

    await portal.handleReceipt(receiptFor(send, 'mottatt', random));
    expect(await portal.handleReceipt(receiptFor(send, 'feilet', random))).toMatchObject({ outcome: 'ignored', reason: 'final' });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'mottatt' });
  });

  test('a failed send leaves the report AKSEPTERT, and the next dispatch sends it', async () => {
    const { portal, sendApi, events } = await startTestPortal(tables.db, { seed: 'send-fails' });
    const report = testReport('send-fails');
    await portal.accept(report);
    sendApi.failNext(1);

    const first = await portal.dispatch();
    expect(first).toMatchObject({ sent: [], failed: [{ bekymringsmeldingId: report.bekymringsmeldingId, error: expect.stringContaining('503') }] });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'AKSEPTERT', meldingIds: [] });
    expect(events.at(-1)).toMatchObject({ type: 'send-failed' });

    const second = await portal.dispatch();
    expect(second.sent).toHaveLength(1);
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'SENDT_FAGSYSTEM' });
    expect(await portal.dispatch()).toEqual({ sent: [], failed: [] });
  });

  test('resend: a new melding-id, the same klientMeldingId and deadline; a platform notice about the old copy is superseded', async () => {
    const { portal, sendApi, clock, random, events } = await startTestPortal(tables.db, { seed: 'resend' });
    const report = testReport('resend');
    await portal.accept(report);
    await portal.dispatch();
    const deadlineBefore = (await portal.report(report.bekymringsmeldingId))?.deadlineAt;
    await clock.advance(HOUR_MS);

    const { meldingId } = await portal.resend(report.bekymringsmeldingId);

    const [first, second] = sendApi.sends;
    if (first === undefined || second === undefined) throw new Error('expected two sends');
    expect(second.meldingId).toBe(meldingId);
    expect(second.meldingId).not.toBe(first.meldingId);
    expect(second.metadata.headere?.[CUSTOM.klientMeldingId]).toBe(first.metadata.headere?.[CUSTOM.klientMeldingId]);
    expect(second.data).toEqual(first.data);
    expect(second.metadata.ttl).toBe((first.metadata.ttl ?? 0) - HOUR_MS);
    expect(await portal.meldingIdsOf(report.bekymringsmeldingId)).toEqual([first.meldingId, second.meldingId]);
    expect(events.flatMap((event) => (event.type === 'sent' ? [[event.meldingId, event.attempt]] : []))).toEqual([
      [first.meldingId, 1],
      [second.meldingId, 2],
    ]);
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'SENDT_FAGSYSTEM', deadlineAt: deadlineBefore });

    expect(await portal.handleReceipt(receiptFor(first, 'tidsavbrudd', random))).toMatchObject({ outcome: 'ignored', reason: 'superseded' });
    expect(await portal.handleReceipt(receiptFor(first, 'mottatt', random))).toMatchObject({ outcome: 'applied' });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'mottatt' });
    await expect(portal.resend(report.bekymringsmeldingId)).rejects.toThrow(/resend: .* is LEVERT/);
  });

  test('a mottatt that overtakes the answer to its own send is still matched to the report', async () => {
    const { portal, sendApi, random } = await startTestPortal(tables.db, { seed: 'overtaking-receipt' });
    const report = testReport('overtaking-receipt');
    await portal.accept(report);
    let handled: Promise<ReceiptHandling> | undefined;
    sendApi.duringNextSend((meldingId) => {
      handled = portal.handleReceipt(receiptFor(meldingId, 'mottatt', random));
    });

    await portal.dispatch();

    expect(await handled).toMatchObject({ outcome: 'applied', bekymringsmeldingId: report.bekymringsmeldingId });
    expect(await portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'mottatt' });
  });

  test('an unreadable message on the portal account is reported, never thrown', async () => {
    const { portal, events, random } = await startTestPortal(tables.db, { seed: 'unreadable' });
    const message = receiptFor(random.uuid(), 'mottatt', random);
    const { 'svar-til': _dropped, ...headers } = message.headers;

    expect(await portal.handleReceipt({ headers, body: message.body })).toMatchObject({ outcome: 'ignored', reason: 'unreadable' });
    expect(events).toMatchObject([{ type: 'receipt-ignored', reason: 'unreadable' }]);
  });

  test('accepting the same report twice is harmless; states() counts every state', async () => {
    const { portal, sendApi, random } = await startTestPortal(tables.db, { seed: 'counts' });
    const [delivered, waiting, queued] = [testReport('counts-1'), testReport('counts-2'), testReport('counts-3')];
    await portal.accept(delivered);
    await portal.accept(waiting);
    expect(await portal.accept(waiting)).toBe('already-accepted');
    await portal.dispatch();
    await portal.accept(queued);
    const [send] = sendApi.sends;
    if (send === undefined) throw new Error('nothing was sent');
    await portal.handleReceipt(receiptFor(send, 'mottatt', random));

    expect(await portal.states()).toEqual({ AKSEPTERT: 1, SENDT_FAGSYSTEM: 1, AVVIST_FAGSYSTEM: 0, SENDT_PRINT: 0, LEVERT: 1 });
    await expect(portal.accept({ ...waiting, content: { ...waiting.content, kommunenavn: 'Annen' } })).rejects.toThrow(/accepted before with other content/);
  });

  test('dropPortalTables leaves nothing of the portal behind, and a new portal starts empty', async () => {
    const { portal } = await startTestPortal(tables.db, { seed: 'drop' });
    await portal.accept(testReport('drop'));

    await dropPortalTables(tables.db);
    expect(await tables.db.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'portal\\_%'")).toEqual([]);

    const fresh = await startTestPortal(tables.db, { seed: 'drop-again' });
    expect(await fresh.portal.states()).toEqual({ AKSEPTERT: 0, SENDT_FAGSYSTEM: 0, AVVIST_FAGSYSTEM: 0, SENDT_PRINT: 0, LEVERT: 0 });
  });
});
