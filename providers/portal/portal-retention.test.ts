// Retention after mottatt, as usage examples: KS's policy of 2020–2023 (delete 14 days after
// mottatt, whatever the case system holds) and the safe one (delete only after a read-back shows
// the case system holds exactly what was sent; otherwise an alarm, and the copy stays).
import { beforeEach, describe, expect, test } from '@jest/globals';
import { ReadBackError, type ReadBack } from './read-back-client.ts';
import {
  DAY_MS,
  HOUR_MS,
  type FakeReadBack,
  type RecordedSend,
  type TestPortal,
  faithfulReadBack,
  fakeReadBack,
  portalTablesForEachTest,
  receiptFor,
  startTestPortal,
  testReport,
} from './portal-test-kit.ts';
import { DEFAULT_RETRY_AFTER_MS, KS_RETENTION_2020_TO_2023, readBackPolicy } from './retention-policy.ts';

const tables = portalTablesForEachTest();

/** Accepts and sends one report, and answers it with mottatt. */
async function deliveredReport(started: TestPortal, seed: string): Promise<{ id: string; send: RecordedSend }> {
  const report = testReport(seed);
  await started.portal.accept(report);
  await started.portal.dispatch();
  const send = started.sendApi.sends.at(-1);
  if (send === undefined) throw new Error('nothing was sent');
  await started.portal.handleReceipt(receiptFor(send, 'mottatt', started.random));
  return { id: report.bekymringsmeldingId, send };
}

const storedCopy = async (id: string): Promise<{ content_json: string | null; payload: Uint8Array | null } | undefined> =>
  (await tables.db.query<{ content_json: string | null; payload: Uint8Array | null }>('SELECT content_json, payload FROM portal_melding WHERE bekymringsmelding_id = $1', [id]))[0];

describe("KS's retention 2020–2023: 14 days after mottatt", () => {
  test('purged after exactly 14 simulated days, not at 13; the state row stays', async () => {
    const started = await startTestPortal(tables.db, { seed: 'fourteen-days', retention: KS_RETENTION_2020_TO_2023 });
    const { id } = await deliveredReport(started, 'fourteen-days');

    await started.advance(13 * DAY_MS);
    expect(await started.portal.report(id)).toMatchObject({ purged: false, holdsContent: true });

    await started.advance(DAY_MS - 1);
    expect(await started.portal.report(id)).toMatchObject({ purged: false });

    await started.advance(1);
    expect(await started.portal.report(id)).toMatchObject({ state: 'LEVERT', cause: 'mottatt', purged: true, purgePolicy: 'days-after-mottatt', holdsContent: false });
    expect(await storedCopy(id)).toEqual({ content_json: null, payload: null });
    expect(started.events.at(-1)).toEqual({ type: 'purged', at: started.clock.now(), bekymringsmeldingId: id, policy: 'days-after-mottatt' });
  });

  test('a report delivered by post is not purged by the mottatt policy', async () => {
    const started = await startTestPortal(tables.db, { seed: 'post-kept', retention: KS_RETENTION_2020_TO_2023 });
    const report = testReport('post-kept');
    await started.portal.accept(report);
    await started.portal.dispatch();

    await started.advance(60 * DAY_MS);

    expect(await started.portal.report(report.bekymringsmeldingId)).toMatchObject({ state: 'LEVERT', cause: 'post', purged: false, holdsContent: true });
  });
});

describe('the safe policy: purge only after a matching read-back', () => {
  let readBack: FakeReadBack;
  let started: TestPortal;
  beforeEach(async () => {
    readBack = fakeReadBack();
    started = await startTestPortal(tables.db, { seed: 'read-back', retention: readBackPolicy(readBack) });
  });

  test('the case system holds exactly what was sent: purged', async () => {
    const { id, send } = await deliveredReport(started, 'read-back-match');
    readBack.answer(id, { found: true, readBack: faithfulReadBack(send, id) });

    const summary = await started.portal.tick();

    expect(summary).toMatchObject({ purged: [id], alarms: [], readBackUnknown: [] });
    expect(readBack.asked).toEqual([id]);
    expect(await started.portal.report(id)).toMatchObject({ purged: true, purgePolicy: 'read-back-confirmed', alarm: null, holdsContent: false });
    expect(started.events.slice(-2)).toMatchObject([
      { type: 'read-back', bekymringsmeldingId: id, outcome: 'match' },
      { type: 'purged', bekymringsmeldingId: id, policy: 'read-back-confirmed' },
    ]);
  });

  test('a report not yet answered is never read back', async () => {
    const report = testReport('read-back-unanswered');
    await started.portal.accept(report);
    await started.portal.dispatch();

    await started.advance(HOUR_MS);

    expect(readBack.asked).toEqual([]);
  });

  test('not found after mottatt (a fake acknowledgement): an alarm, and the copy stays for good', async () => {
    const { id } = await deliveredReport(started, 'read-back-missing');
    readBack.answer(id, { found: false });

    expect(await started.portal.tick()).toMatchObject({ purged: [], alarms: [id] });
    await started.advance(60 * DAY_MS);

    expect(readBack.asked).toEqual([id]);
    expect(await started.portal.report(id)).toMatchObject({ purged: false, holdsContent: true, alarm: { reason: 'not-found' } });
    expect(await started.portal.alarms()).toMatchObject([{ bekymringsmeldingId: id, reason: 'not-found' }]);
    expect(started.events.filter((event) => event.type === 'alarm')).toHaveLength(1);
    expect(await storedCopy(id)).toMatchObject({ content_json: expect.any(String), payload: expect.any(Uint8Array) });
  });

  const variants: readonly [string, (readBack: ReadBack) => ReadBack, RegExp][] = [
    ['a text cut short', (rb) => ({ ...rb, bekymringsmelding: { ...(rb.bekymringsmelding as object), kommunenavn: '' } }), /\/kommunenavn: text differs/],
    ['a field lost', (rb) => ({ ...rb, bekymringsmelding: { ...(rb.bekymringsmelding as object), sendingstidspunkt: undefined } }), /\/sendingstidspunkt: sent but not stored/],
    ['the PDF missing', (rb) => ({ ...rb, pdf: null }), /pdf: sent but not stored/],
    ['another PDF', (rb) => ({ ...rb, pdf: { sha256: '0'.repeat(64), bytes: 10 } }), /SHA-256 differs/],
    ['it visible only to another district', (rb) => ({ ...rb, synligFor: [{ kommunenummer: '9999', bydelsnummer: '00' }] }), /not visible to/],
    ['two cases', (rb) => ({ ...rb, antallSaker: 2 }), /antallSaker is 2/],
    ['another message type', (rb) => ({ ...rb, meldingstype: rb.meldingstype.endsWith('v2') ? 'no.ks.fiks.bekymringsmelding.privat.v1' : 'no.ks.fiks.bekymringsmelding.privat.v2' }), /meldingstype/],
  ];

  test.each(variants)('read back with %s: an alarm naming the difference, no purge', async (_name, damage, expected) => {
    const { id, send } = await deliveredReport(started, 'read-back-different');
    // JSON round trip: a property set to undefined disappears, as it would over HTTP.
    readBack.answer(id, { found: true, readBack: JSON.parse(JSON.stringify(damage(faithfulReadBack(send, id)))) as ReadBack });

    expect(await started.portal.tick()).toMatchObject({ purged: [], alarms: [id] });

    const view = await started.portal.report(id);
    expect(view).toMatchObject({ purged: false, holdsContent: true, alarm: { reason: 'different' } });
    expect(view?.alarm?.details.join('\n')).toMatch(expected);
  });

  test('a read-back that cannot be trusted changes nothing and is asked again later', async () => {
    const { id, send } = await deliveredReport(started, 'read-back-error');
    readBack.answer(id, new ReadBackError('read-back: GET … answered 500; the contract allows 200 or 404.'));

    expect(await started.portal.tick()).toMatchObject({ purged: [], alarms: [], readBackUnknown: [id] });
    expect(await started.portal.tick()).toMatchObject({ readBackUnknown: [] }); // not before the retry delay
    expect(await started.portal.report(id)).toMatchObject({ purged: false, alarm: null, readBackAttempts: 1 });
    expect(started.events.at(-1)).toMatchObject({ type: 'read-back', outcome: 'unknown' });

    readBack.answer(id, { found: true, readBack: faithfulReadBack(send, id) });
    await started.advance(DEFAULT_RETRY_AFTER_MS);

    expect(readBack.asked).toEqual([id, id]);
    expect(await started.portal.report(id)).toMatchObject({ purged: true, alarm: null, readBackAttempts: 2 });
  });

  test('any other error from the read-back client is a bug and surfaces from tick()', async () => {
    const { id } = await deliveredReport(started, 'read-back-bug');
    readBack.answer(id, new TypeError('undefined is not a function'));

    await expect(started.portal.tick()).rejects.toThrow(TypeError);
    expect(await started.portal.report(id)).toMatchObject({ purged: false, alarm: null });
  });
});

test('checkAfterMs delays the first read-back', async () => {
  const readBack = fakeReadBack();
  const started = await startTestPortal(tables.db, { seed: 'check-after', retention: readBackPolicy(readBack, { checkAfterMs: DAY_MS }) });
  const { id, send } = await deliveredReport(started, 'check-after');
  readBack.answer(id, { found: true, readBack: faithfulReadBack(send, id) });

  await started.advance(DAY_MS - 1);
  expect(readBack.asked).toEqual([]);
  expect(await started.portal.nextDueAt()).toBe(started.clock.now() + 1);
  await started.advance(1);
  expect(await started.portal.report(id)).toMatchObject({ purged: true });
});
