// The reference receiver end to end on the embedded environment (in-process broker, PGlite, virtual
// clock): reports stored once, exactly as sent, and LEVERT by mottatt; a redelivery after the commit
// changes nothing; a poison message is answered feilet and acked, never nacked; a storage outage is
// an unknown outcome (no answer, no ack, the message comes back); one seed, one run.
import { afterEach, describe, expect, test } from '@jest/globals';
import { CUSTOM, HEADER } from '../../../contracts/fiks-io-headers.ts';
import { packPayload, packPayloadFiles } from '../../../contracts/payload-zip.ts';
import { type RunEnvironment, openRunEnvironment } from '../../../harness/environments/run-environment.ts';
import { startReportRun } from '../../../harness/run/report-run.ts';
import { referenceAdapter } from '../../../harness/run/run-adapters.ts';
import { type PartyEvent as HistoryEntry, receiverEvents } from '../../../harness/run/party-event-tap.ts';
import { runReports } from '../../../harness/run/run-reports.ts';
import type { RunSummary } from '../../../harness/run/run-summary.ts';
import { generateReport, seededRandom } from '../../../scenarios/workloads/index.ts';
import type { SendMetadata } from '../../fiks-io/index.ts';
import type { Delivery } from '../../fiks-io/transport/queue-transport.ts';
import { type Receipt, readReceipt } from '../../portal/index.ts';
import { ReceiverInterrupted } from './receiver-context.ts';
import type { ReceiverEvent } from './receiver-events.ts';
import { referenceReceiverSteps } from './receiver-steps.ts';
import { outageDatabase, receiverAdapter, settlementSpy, unavailableSendApi } from './receiver-test-kit.ts';
import { createReferenceReceiver } from './receiver.ts';

const TIMEOUT_MS = 120_000;
const environments: RunEnvironment[] = [];

async function embedded(seed: string): Promise<RunEnvironment> {
  const environment = await openRunEnvironment({ kind: 'embedded', seed });
  environments.push(environment);
  return environment;
}

afterEach(async () => {
  for (const environment of environments.splice(0)) await environment.close();
});

/** The kinds of receiver events for each melding-id, in the order they happened. */
function stepsByMelding(events: readonly ReceiverEvent[]): Map<string, string[]> {
  const steps = new Map<string, string[]>();
  for (const event of events) {
    const meldingId = 'meldingId' in event ? event.meldingId : 'svarTil' in event ? event.svarTil : null;
    if (meldingId === null) continue;
    steps.set(meldingId, [...(steps.get(meldingId) ?? []), event.kind]);
  }
  return steps;
}

function expectPassed(summary: RunSummary, reports: number): void {
  expect(summary).toMatchObject({
    verdict: 'pass',
    reports,
    sent: reports,
    stored: reports,
    duplicates: 0,
    contentEqual: reports,
    leveredByMottatt: reports,
    leveredByPost: 0,
    finished: true,
    problems: [],
  });
}

/** Polls (without moving the virtual clock) until the condition holds; a bounded number of turns. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe('the reference receiver, embedded', () => {
  test(
    '50 reports, v1 and v2: each stored once, exactly as sent, answered mottatt after the commit and acked after the receipt',
    async () => {
      const environment = await embedded('receiver 50');
      const tapped: HistoryEntry[] = [];
      const run = await startReportRun({ environment, reports: 50, seed: 'receiver 50', adapter: 'reference', onEvent: (entry) => tapped.push(entry) });
      await run.acceptAll();
      await run.dispatch();
      await run.startPortalConsumer();
      await run.startAdapter();
      const summary = await run.summarise(await run.waitUntilFinal());
      await run.stop();

      expectPassed(summary, 50);
      expect(summary.receipts).toEqual({ mottatt: 50, feilet: 0, serverfeil: 0, tidsavbrudd: 0 });
      expect(new Set(run.reports.map((report) => report.meldingstype.slice(-2)))).toEqual(new Set(['v1', 'v2']));
      // Commit, then receipt, then ack: the order IS the promise.
      const steps = stepsByMelding(receiverEvents(tapped));
      expect(steps.size).toBe(50);
      for (const kinds of steps.values()) expect(kinds).toEqual(['delivered', 'stored', 'receipt-sent', 'acked']);
      // The mottatt answers the melding-id that was delivered (svar-til), and went to the sender.
      for (const report of run.reports.slice(0, 5)) {
        const view = await run.portal.report(report.bekymringsmeldingId);
        expect(view?.receipts.map((receipt) => [receipt.kind, receipt.svarTil, receipt.effect])).toEqual([['mottatt', view?.meldingIds[0], 'applied']]);
      }
    },
    TIMEOUT_MS,
  );

  test(
    'a redelivery after the commit (the channel closes before the ack) makes no second case, and the report still ends LEVERT',
    async () => {
      const environment = await embedded('receiver redelivery');
      let closedBeforeAck: string | undefined;
      const closesBeforeFirstAck = receiverAdapter('closes-before-first-ack', (options, self) => ({
        ...options,
        steps: {
          ...referenceReceiverSteps,
          ack(context, delivery) {
            if (closedBeforeAck === undefined) {
              closedBeforeAck = delivery.headers[HEADER.meldingId];
              void self().stop();
              throw new ReceiverInterrupted('ack', 'test: the channel closed after the commit, before the ack');
            }
            referenceReceiverSteps.ack(context, delivery);
          },
        },
      }));
      const tapped: HistoryEntry[] = [];
      const run = await startReportRun({ environment, reports: 20, seed: 'receiver redelivery', adapter: closesBeforeFirstAck, onEvent: (entry) => tapped.push(entry) });
      await run.acceptAll();
      await run.dispatch();
      await run.startPortalConsumer();
      const first = await run.startAdapter();
      await until(() => closedBeforeAck !== undefined);
      await first.stop();
      await run.startAdapter(referenceAdapter);
      const summary = await run.summarise(await run.waitUntilFinal());
      await run.stop();

      expectPassed(summary, 20);
      expect(summary.redeliveries).toBeGreaterThanOrEqual(1);
      const steps = stepsByMelding(receiverEvents(tapped)).get(closedBeforeAck ?? '');
      expect(steps).toEqual(['delivered', 'stored', 'receipt-sent', 'abandoned', 'delivered', 'already-stored', 'receipt-sent', 'acked']);
    },
    TIMEOUT_MS,
  );

  test(
    'poison messages are answered feilet with a reason the portal can read, and acked — never nacked, never redelivered',
    async () => {
      const environment = await embedded('receiver poison');
      const portalKonto = '0d5b9e0c-1a2b-4c3d-8e4f-5a6b7c8d9e01';
      const caseKonto = '1e6c0f1d-2b3c-4d4e-9f5a-6b7c8d9e0f02';
      await environment.simulator.createAccount(portalKonto);
      await environment.simulator.createAccount(caseKonto);
      const fiksIo: string[] = [];
      environment.observeFiksIo((event) => fiksIo.push(event.kind));
      const spy = settlementSpy(await environment.openReceiverTransport());
      const events: ReceiverEvent[] = [];
      const receiver = createReferenceReceiver({
        transport: spy.transport,
        kontoId: caseKonto,
        db: environment.caseDb,
        sendApi: environment.sendApi,
        fetchDokumentlager: environment.fetchDokumentlager,
        clock: environment.clock,
        onEvent: (event) => events.push(event),
      });
      await receiver.start();
      const receipts: Delivery[] = [];
      await environment.transport.consume(environment.simulator.queueFor(portalKonto), { prefetch: 50 }, (delivery) => {
        receipts.push(delivery);
        delivery.ack();
      });

      const report = generateReport(seededRandom('poison'), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', textLength: 200 });
      const json = new TextEncoder().encode(JSON.stringify(report.content));
      const pdf = new TextEncoder().encode('%PDF-1.7 stand-in');
      const send = async (meldingType: string, data: Uint8Array): Promise<string> => {
        const metadata: SendMetadata = {
          avsenderKontoId: portalKonto,
          mottakerKontoId: caseKonto,
          meldingType,
          headere: { [CUSTOM.bekymringsmeldingId]: report.bekymringsmeldingId, [CUSTOM.klientMeldingId]: meldingType },
        };
        return (await environment.simulator.send({ metadata, data })).meldingId;
      };
      const poison: readonly (readonly [string, RegExp])[] = [
        [await send(report.meldingstype, new Uint8Array([0x50, 0x4b, 1, 2, 3])), /Kunne ikke pakke ut/],
        [await send(report.meldingstype, packPayload({ json: new TextEncoder().encode('{"kommunenummer": '), pdf })), /Kunne ikke parse JSON/],
        [await send(report.meldingstype, packPayload({ json: new TextEncoder().encode('{"kommunenummer":"12A1"}'), pdf })), /følger ikke skjemaet[\s\S]*\/kommunenummer: must be the municipality number/],
        [await send('no.ks.fiks.annet.v1', packPayload({ json, pdf })), /Ukjent meldingstype "no\.ks\.fiks\.annet\.v1"/],
        [await send(report.meldingstype, packPayload({ json })), /mangler bekymringsmelding\.pdf/],
        [await send(report.meldingstype, packPayloadFiles([['bekymringsmelding.pdf', pdf]])), /mangler bekymringsmelding\.json/],
      ];
      await until(() => receipts.length === poison.length && receiver.activity().inHand === 0);
      await receiver.stop();

      const answers = new Map(receipts.map((delivery) => [delivery.headers[HEADER.svarTil], readReceipt(delivery)]));
      for (const [meldingId, reason] of poison) {
        const answer: Receipt | undefined = answers.get(meldingId);
        expect(answer?.kind).toBe('feilet');
        expect(answer?.kind === 'feilet' ? answer.melding : undefined).toMatch(reason);
      }
      const steps = stepsByMelding(events);
      for (const [meldingId] of poison) expect(steps.get(meldingId)).toEqual(['delivered', 'failed', 'receipt-sent', 'acked']);
      expect(spy.settlements.map((settlement) => settlement.how)).toEqual(poison.map(() => 'ack'));
      expect(fiksIo.filter((kind) => kind === 'dead-lettered' || kind === 'dropped-silently')).toEqual([]);
      expect(await environment.transport.depth(environment.simulator.queueFor(caseKonto))).toBe(0);
      expect(await environment.caseDb.query('SELECT id FROM sak')).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a storage outage is an unknown outcome: no receipt, no ack, the message comes back and is stored once',
    async () => {
      const environment = await embedded('receiver outage');
      const settlements: ReturnType<typeof settlementSpy>[] = [];
      const outage = receiverAdapter('storage-outage', (options) => {
        const spy = settlementSpy(options.transport);
        settlements.push(spy);
        return { ...options, transport: spy.transport, db: outageDatabase(options.db, { skip: 1, failures: 3 }) };
      });
      const history: HistoryEntry[] = [];
      const summary = await runReports({ environment, reports: 10, seed: 'receiver outage', adapter: outage, onEvent: (entry) => history.push(entry) });

      expectPassed(summary, 10);
      expect(summary.receipts.feilet).toBe(0);
      expect(summary.redeliveries).toBe(3);
      const spy = settlements[0];
      expect(spy?.settlements.filter((settlement) => settlement.how === 'requeue')).toHaveLength(3);
      expect(spy?.settlements.filter((settlement) => settlement.how === 'nack')).toEqual([]);
      // The portal heard nothing about a melding-id until its report was stored.
      const events = history.flatMap((entry) => (entry.source === 'receiver' ? [entry.event] : []));
      const requeued = events.flatMap((event) => (event.kind === 'requeued' ? [event.meldingId] : []));
      expect(requeued).toHaveLength(3);
      const steps = stepsByMelding(events);
      for (const meldingId of requeued) expect(steps.get(meldingId ?? '')).toEqual(['delivered', 'requeued', 'delivered', 'stored', 'receipt-sent', 'acked']);
      expect(summary.virtualMs).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  test(
    'a send API that is briefly unavailable gets the receipt again, after a backoff on the clock, until it takes it',
    async () => {
      const environment = await embedded('receiver retry');
      const events: ReceiverEvent[] = [];
      const flakySendApi = receiverAdapter('send-api-503', (options) => ({
        ...options,
        sendApi: unavailableSendApi(options.sendApi, 4),
        onEvent: (event) => {
          events.push(event);
          options.onEvent?.(event);
        },
      }));
      const summary = await runReports({ environment, reports: 5, seed: 'receiver retry', adapter: flakySendApi });

      expectPassed(summary, 5);
      const retries = events.filter((event) => event.kind === 'receipt-retry');
      expect(retries).toHaveLength(4);
      // Every failed attempt shows as one extra attempt on the receipt that finally went out.
      const extraAttempts = events.reduce((sum, event) => sum + (event.kind === 'receipt-sent' ? event.attempts - 1 : 0), 0);
      expect(extraAttempts).toBe(4);
      expect(summary.virtualMs).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  test(
    'the same seed twice gives the same run: equal summaries and an equal history, event for event',
    async () => {
      const once = async (): Promise<RunSummary> => runReports({ environment: await embedded('replay'), reports: 30, seed: 'replay', adapter: 'reference' });
      const { timing: _first, ...first } = await once();
      const { timing: _second, ...second } = await once();
      expect(second).toEqual(first);
      expect(first.verdict).toBe('pass');
    },
    TIMEOUT_MS,
  );
});
