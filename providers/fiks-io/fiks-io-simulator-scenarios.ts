// The simulator's key behaviour as one suite, run on the embedded broker (virtual clock) and on real
// RabbitMQ: what a sender and a receiver see through the send API and their account queues. No
// timing assertions: conditions are polled a bounded number of times, absences are checked after
// letting the platform do whatever it was going to do.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import { SERVERFEIL, TIDSAVBRUDD } from '../../contracts/message-types.ts';
import { validateDeliveryHeaders } from '../../contracts/validation/index.ts';
import type { Clock } from '../../harness/time/clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import type { FiksIoEvent } from './fiks-io-events.ts';
import { startFiksIoHttpServer } from './fiks-io-http-server.ts';
import { createFiksIoSimulator } from './fiks-io-simulator.ts';
import type { FiksIoSimulator } from './fiks-io-simulator.ts';
import { createHttpSendApiClient } from './http-send-api-client.ts';
import { PLATFORM_KONTO_ID } from './platform-receipts.ts';
import type { SendMetadata } from './send-api.ts';
import type { Delivery, QueueTransport, Subscription } from './transport/queue-transport.ts';

export interface SimulatorFixture {
  readonly transport: QueueTransport;
  readonly clock: Clock;
  /** Lets ms of time pass: a VirtualClock advance on embedded, a real sleep on services. */
  readonly wait: (ms: number) => Promise<void>;
  /** Long enough for the platform to have done whatever it was going to do (dead letters, receipts). */
  readonly quietly: () => Promise<void>;
  /** A TTL short enough to run out in a test, long enough that a consumer that is there gets the message. */
  readonly shortTtlMs: number;
}

export const PORTAL = '0b7e5a1c-3d2f-4a6b-8c9d-0e1f2a3b4c5d';
export const KOMMUNE = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const REPORT_TYPE = 'no.ks.fiks.bekymringsmelding.privat.v2';
export const MOTTATT = 'no.ks.fiks.bekymringsmelding.mottatt.v1';

const pollStepMs = 50;
const pollSteps = 200;
const testTimeoutMs = 60_000;
const encoder = new TextEncoder();

export function reportMetadata(extra: Partial<SendMetadata> = {}): SendMetadata {
  return {
    avsenderKontoId: PORTAL,
    mottakerKontoId: KOMMUNE,
    meldingType: REPORT_TYPE,
    ttl: 3_600_000,
    headere: { [CUSTOM.bekymringsmeldingId]: '5d0c1f3e-8a7b-4c2d-9e6f-1a2b3c4d5e6f', [CUSTOM.klientMeldingId]: 'klient-1' },
    ...extra,
  };
}

/** jest's toEqual walks a typed array element by element: seconds for a 5 MB payload. */
export function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return actual !== undefined && Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected);
}

export function describeFiksIoSimulatorScenarios(name: string, makeFixture: () => Promise<SimulatorFixture>): void {
  describe(`${name}: Fiks IO simulator`, () => {
    let fixture: SimulatorFixture | undefined;
    let simulator: FiksIoSimulator | undefined;
    let events: FiksIoEvent[] = [];
    const open: Subscription[] = [];
    const cleanups: (() => Promise<void>)[] = [];

    beforeEach(async () => {
      events = [];
      fixture = await makeFixture();
      simulator = await createFiksIoSimulator({
        transport: fixture.transport,
        clock: fixture.clock,
        random: seededRandom(`simulator ${name}`),
        onEvent: (event) => events.push(event),
      });
      await simulator.createAccount(PORTAL);
      await simulator.createAccount(KOMMUNE);
    });

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
      for (const subscription of open.splice(0)) await subscription.close().catch(() => undefined);
      await simulator?.close();
      await fixture?.transport.close();
      simulator = undefined;
      fixture = undefined;
    });

    const use = (): { fixture: SimulatorFixture; simulator: FiksIoSimulator } => {
      if (fixture === undefined || simulator === undefined) throw new Error('simulator scenarios: no fixture; see the beforeEach error');
      return { fixture, simulator };
    };

    const eventually = async (what: string, condition: () => boolean, seen: () => unknown): Promise<void> => {
      for (let step = 0; step < pollSteps; step += 1) {
        if (condition()) return;
        await use().fixture.wait(pollStepMs);
      }
      throw new Error(`simulator scenarios (${name}): ${what} did not happen within ${pollSteps} polls; last seen: ${JSON.stringify(seen())}`);
    };

    /** Subscribes to an account's queue and keeps every delivery; ack decides how each is settled. */
    const receive = async (kontoId: string, settle: (delivery: Delivery) => void = (delivery) => delivery.ack()): Promise<{ deliveries: Delivery[]; subscription: Subscription }> => {
      const deliveries: Delivery[] = [];
      const subscription = await use().fixture.transport.consume(use().simulator.queueFor(kontoId), { prefetch: 10 }, (delivery) => {
        deliveries.push(delivery);
        settle(delivery);
      });
      open.push(subscription);
      return { deliveries, subscription };
    };

    const arrive = (deliveries: readonly Delivery[], count: number): Promise<void> =>
      eventually(`${count} deliveries`, () => deliveries.length >= count, () => deliveries.map((delivery) => delivery.headers));

    test(
      'a send reaches the receiver’s queue with exactly the Fiks IO headers and the body as sent',
      async () => {
        const { simulator } = use();
        const data = encoder.encode('rapport med æøå');
        const sent = await simulator.send({ metadata: reportMetadata(), data });
        const { deliveries } = await receive(KOMMUNE);
        await arrive(deliveries, 1);
        const [delivery] = deliveries;
        expect(delivery?.headers).toEqual({
          [HEADER.avsenderId]: PORTAL,
          [HEADER.meldingId]: sent.meldingId,
          [HEADER.type]: REPORT_TYPE,
          [customHeader(CUSTOM.bekymringsmeldingId)]: '5d0c1f3e-8a7b-4c2d-9e6f-1a2b3c4d5e6f',
          [customHeader(CUSTOM.klientMeldingId)]: 'klient-1',
        });
        expect(delivery?.body).toEqual(data);
        expect(delivery?.expirationMs).toBe(3_600_000);
        expect(validateDeliveryHeaders(delivery?.headers)).toEqual({ valid: true });
        expect(sent).toEqual({
          meldingId: sent.meldingId,
          meldingType: REPORT_TYPE,
          avsenderKontoId: PORTAL,
          mottakerKontoId: KOMMUNE,
          ttl: 3_600_000,
          headere: reportMetadata().headere,
        });
        expect(events).toContainEqual(
          expect.objectContaining({ kind: 'sent', meldingId: sent.meldingId, type: REPORT_TYPE, from: PORTAL, to: KOMMUNE, bytes: data.byteLength, viaDokumentlager: false }),
        );
      },
      testTimeoutMs,
    );

    test(
      'a resend of the same payload gets a new melding-id and keeps klientMeldingId; a reply carries svar-til and svar-til-type',
      async () => {
        const { simulator } = use();
        const data = encoder.encode('samme rapport');
        const first = await simulator.send({ metadata: reportMetadata(), data });
        const second = await simulator.send({ metadata: reportMetadata(), data });
        expect(second.meldingId).not.toBe(first.meldingId);
        const atKommune = await receive(KOMMUNE);
        await arrive(atKommune.deliveries, 2);
        expect(atKommune.deliveries.map((delivery) => delivery.headers[HEADER.meldingId])).toEqual([first.meldingId, second.meldingId]);
        expect(atKommune.deliveries.map((delivery) => delivery.headers[customHeader(CUSTOM.klientMeldingId)])).toEqual(['klient-1', 'klient-1']);

        const reply = await simulator.send({
          metadata: { avsenderKontoId: KOMMUNE, mottakerKontoId: PORTAL, meldingType: MOTTATT, svarPaMelding: second.meldingId },
          data: new Uint8Array(0),
        });
        const atPortal = await receive(PORTAL);
        await arrive(atPortal.deliveries, 1);
        expect(atPortal.deliveries[0]?.headers).toEqual({
          [HEADER.avsenderId]: KOMMUNE,
          [HEADER.meldingId]: reply.meldingId,
          [HEADER.type]: MOTTATT,
          [HEADER.svarTil]: second.meldingId,
          [HEADER.svarTilType]: REPORT_TYPE,
        });
        expect(atPortal.deliveries[0]?.body).toHaveLength(0);
      },
      testTimeoutMs,
    );

    test(
      'a payload over 5 MB travels by dokumentlager reference with an empty body, and is fetchable by its id',
      async () => {
        const { simulator } = use();
        const data = new Uint8Array(5 * 1024 * 1024 + 1).map((_, index) => index % 251);
        const sent = await simulator.send({ metadata: reportMetadata(), data });
        const { deliveries } = await receive(KOMMUNE);
        await arrive(deliveries, 1);
        const dokumentlagerId = deliveries[0]?.headers[HEADER.dokumentlagerId];
        expect(dokumentlagerId).toBe(sent.dokumentlagerId);
        expect(deliveries[0]?.body).toHaveLength(0);
        expect(validateDeliveryHeaders(deliveries[0]?.headers)).toEqual({ valid: true });
        const fetched = await simulator.fetchDokumentlager(dokumentlagerId ?? '');
        expect(fetched.byteLength).toBe(data.byteLength);
        expect(sameBytes(fetched, data)).toBe(true);
        expect(events).toContainEqual(expect.objectContaining({ kind: 'sent', meldingId: sent.meldingId, bytes: data.byteLength, viaDokumentlager: true }));
      },
      testTimeoutMs,
    );

    test(
      'TTL runs out while nobody consumes: the sender gets tidsavbrudd with svar-til and svar-til-type, and no body',
      async () => {
        const { fixture, simulator } = use();
        const sent = await simulator.send({ metadata: reportMetadata({ ttl: fixture.shortTtlMs }), data: encoder.encode('for sent') });
        await fixture.wait(fixture.shortTtlMs + 1);
        const atPortal = await receive(PORTAL);
        await arrive(atPortal.deliveries, 1);
        const receipt = atPortal.deliveries[0];
        expect(receipt?.headers).toEqual({
          [HEADER.avsenderId]: PLATFORM_KONTO_ID,
          [HEADER.meldingId]: expect.any(String),
          [HEADER.type]: TIDSAVBRUDD,
          [HEADER.svarTil]: sent.meldingId,
          [HEADER.svarTilType]: REPORT_TYPE,
        });
        expect(receipt?.body).toHaveLength(0);
        expect(validateDeliveryHeaders(receipt?.headers)).toEqual({ valid: true });
        expect(receipt?.headers[HEADER.meldingId]).not.toBe(sent.meldingId);
        expect(events).toContainEqual(expect.objectContaining({ kind: 'dead-lettered', meldingId: sent.meldingId, reason: 'expired' }));
        expect(events).toContainEqual(expect.objectContaining({ kind: 'platform-receipt-sent', svarTil: sent.meldingId, type: TIDSAVBRUDD, to: PORTAL }));
      },
      testTimeoutMs,
    );

    test(
      'three deliveries without ack (the receiver’s channel closes each time): the sender gets serverfeil.v1',
      async () => {
        const { simulator } = use();
        const sent = await simulator.send({ metadata: reportMetadata(), data: encoder.encode('giftig') });
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          const crashing = await receive(KOMMUNE, () => undefined);
          await arrive(crashing.deliveries, 1);
          expect(crashing.deliveries[0]?.deliveryCount).toBe(attempt - 1);
          await crashing.subscription.close();
        }
        const atPortal = await receive(PORTAL);
        await arrive(atPortal.deliveries, 1);
        expect(atPortal.deliveries[0]?.headers).toEqual({
          [HEADER.avsenderId]: PLATFORM_KONTO_ID,
          [HEADER.meldingId]: expect.any(String),
          [HEADER.type]: SERVERFEIL,
          [HEADER.svarTil]: sent.meldingId,
          [HEADER.svarTilType]: REPORT_TYPE,
        });
        expect(atPortal.deliveries[0]?.body).toHaveLength(0);
        expect(events).toContainEqual(expect.objectContaining({ kind: 'dead-lettered', meldingId: sent.meldingId, reason: 'delivery-limit' }));
      },
      testTimeoutMs,
    );

    test(
      'a nack drops the message silently: nothing ever reaches the sender, and only the event records it',
      async () => {
        const { fixture, simulator } = use();
        const sent = await simulator.send({ metadata: reportMetadata(), data: encoder.encode('avvist') });
        const atKommune = await receive(KOMMUNE, (delivery) => delivery.nack());
        await arrive(atKommune.deliveries, 1);
        await eventually('a dropped-silently event', () => events.some((event) => event.kind === 'dropped-silently'), () => events);
        const atPortal = await receive(PORTAL);
        await fixture.quietly();
        expect(atPortal.deliveries).toHaveLength(0);
        expect(await fixture.transport.depth(simulator.queueFor(PORTAL))).toBe(0);
        expect(events.filter((event) => event.kind !== 'sent')).toEqual([
          { kind: 'dead-lettered', at: expect.any(Number), meldingId: sent.meldingId, reason: 'rejected' },
          { kind: 'dropped-silently', at: expect.any(Number), meldingId: sent.meldingId },
        ]);
      },
      testTimeoutMs,
    );

    test(
      'over HTTP: a multipart send through createHttpSendApiClient arrives like an in-process one',
      async () => {
        const { simulator } = use();
        const server = await startFiksIoHttpServer({ simulator, host: '127.0.0.1', port: 0 });
        cleanups.push(() => server.close());
        const client = createHttpSendApiClient(server.url);
        const data = new Uint8Array([0, 1, 2, 253, 254, 255, ...encoder.encode('æøå')]);
        const sent = await client.send({ metadata: reportMetadata(), data });
        expect(sent).toMatchObject({ meldingType: REPORT_TYPE, avsenderKontoId: PORTAL, mottakerKontoId: KOMMUNE, ttl: 3_600_000 });
        const { deliveries } = await receive(KOMMUNE);
        await arrive(deliveries, 1);
        expect(deliveries[0]?.headers[HEADER.meldingId]).toBe(sent.meldingId);
        expect(deliveries[0]?.headers[customHeader(CUSTOM.klientMeldingId)]).toBe('klient-1');
        expect(deliveries[0]?.body).toEqual(data);
      },
      testTimeoutMs,
    );
  });
}
