// dispatch() with several sends in flight (createPortal's concurrentSends): the window is kept,
// every report is sent once, the summary is in accept order, a failed send stays AKSEPTERT, and
// a failure of the portal's own database stops new sends without abandoning those in flight.
import { describe, expect, test } from '@jest/globals';
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import { createPortal } from './portal.ts';
import type { PortalSendApi } from './portal-send-api.ts';
import { CASE_SYSTEM_KONTO, PORTAL_KONTO, fakeSendApi, portalTablesForEachTest, startTestPortal, testReport } from './portal-test-kit.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';

const tables = portalTablesForEachTest();

/** Counts the sends in flight; each send waits a few turns of the event loop, so sends can overlap. */
function watchInFlight(sendApi: PortalSendApi): PortalSendApi & { readonly most: () => number } {
  let now = 0;
  let most = 0;
  return {
    most: () => most,
    async send(request) {
      now += 1;
      most = Math.max(most, now);
      try {
        for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
        return await sendApi.send(request);
      } finally {
        now -= 1;
      }
    },
  };
}

async function acceptReports(accept: (report: ReturnType<typeof testReport>) => Promise<unknown>, count: number, seed: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const report = testReport(`${seed}-${index}`);
    await accept(report);
    ids.push(report.bekymringsmeldingId);
  }
  return ids;
}

describe('dispatch with several sends in flight', () => {
  test.each([1, 4])('concurrentSends %i: never more in flight, every report sent once, the summary in accept order', async (window) => {
    let watched: ReturnType<typeof watchInFlight> | undefined;
    const { portal, sendApi } = await startTestPortal(tables.db, {
      seed: `window-${window}`,
      concurrentSends: window,
      wrapSendApi: (inner) => (watched = watchInFlight(inner)),
    });
    const ids = await acceptReports((report) => portal.accept(report), 10, `window-${window}`);

    const summary = await portal.dispatch();

    expect(watched?.most()).toBe(window);
    expect(summary.failed).toEqual([]);
    expect(summary.sent.map((sent) => sent.bekymringsmeldingId)).toEqual(ids);
    expect(sendApi.sends).toHaveLength(10);
    expect(new Set(sendApi.sends.map((send) => send.meldingId)).size).toBe(10);
    expect(await portal.states()).toMatchObject({ AKSEPTERT: 0, SENDT_FAGSYSTEM: 10 });
  });

  test('a failed send among several in flight stays AKSEPTERT; the others are sent, and the next dispatch sends it', async () => {
    const { portal, sendApi } = await startTestPortal(tables.db, { seed: 'window-fails', concurrentSends: 3 });
    const ids = await acceptReports((report) => portal.accept(report), 6, 'window-fails');
    sendApi.failNext(2);

    const first = await portal.dispatch();
    expect(first.failed).toHaveLength(2);
    expect(first.sent).toHaveLength(4);
    expect([...first.sent, ...first.failed].map((outcome) => outcome.bekymringsmeldingId).sort()).toEqual([...ids].sort());
    expect(await portal.states()).toMatchObject({ AKSEPTERT: 2, SENDT_FAGSYSTEM: 4 });

    const second = await portal.dispatch();
    expect(second.sent.map((sent) => sent.bekymringsmeldingId).sort()).toEqual(first.failed.map((failed) => failed.bekymringsmeldingId).sort());
    expect(await portal.states()).toMatchObject({ AKSEPTERT: 0, SENDT_FAGSYSTEM: 6 });
  });

  test("the portal's own database failing mid-dispatch stops new sends, lets those in flight finish, then throws", async () => {
    const { portal, sendApi } = await startTestPortal(tables.db, { seed: 'window-tables.db-fails', concurrentSends: 2 });
    await acceptReports((report) => portal.accept(report), 8, 'window-tables.db-fails');
    // The third send's recording fails: the row it must lock is gone (a broken database, as far as the portal can tell).
    const original = sendApi.send.bind(sendApi);
    let calls = 0;
    sendApi.send = async (request) => {
      calls += 1;
      const answer = await original(request);
      if (calls === 3) await tables.db.query('DELETE FROM portal_melding WHERE bekymringsmelding_id = $1', [request.metadata.headere?.[CUSTOM.bekymringsmeldingId] ?? '']);
      return answer;
    };

    await expect(portal.dispatch()).rejects.toThrow(/vanished from the outbox/);
    // The other sender finishes what it had started by the time the failure was known, and starts nothing after.
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThan(8);
    // Every send but the broken one was recorded; the rest were never started and wait for the next dispatch.
    const states = await portal.states();
    expect(states.SENDT_FAGSYSTEM).toBe(calls - 1);
    expect(states.AKSEPTERT).toBe(8 - calls);
  });

  test('concurrentSends must be a whole number ≥ 1', async () => {
    const base = {
      db: tables.db,
      sendApi: fakeSendApi(seededRandom('bad-window')),
      clock: new VirtualClock(0),
      random: seededRandom('bad-window'),
      portalKontoId: PORTAL_KONTO,
      routeTo: () => CASE_SYSTEM_KONTO,
      retention: { kind: 'days-after-mottatt', days: 14 } as const,
    };
    for (const concurrentSends of [0, 1.5, -1]) {
      await expect(createPortal({ ...base, concurrentSends })).rejects.toThrow(/concurrentSends must be a whole number ≥ 1/);
    }
  });
});
