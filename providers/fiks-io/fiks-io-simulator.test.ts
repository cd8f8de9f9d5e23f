// The simulator on the embedded broker and a VirtualClock: the shared scenarios, plus what only a
// virtual clock and a seed can show (dokumentlager retention to the millisecond, exact replay).
import { afterEach, describe, expect, test } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { DOKUMENTLAGER_GRACE_MS, DokumentlagerNotFoundError } from './dokumentlager.ts';
import type { FiksIoEvent } from './fiks-io-events.ts';
import { KOMMUNE, MOTTATT, PORTAL, REPORT_TYPE, describeFiksIoSimulatorScenarios, reportMetadata, sameBytes } from './fiks-io-simulator-scenarios.ts';
import { createFiksIoSimulator } from './fiks-io-simulator.ts';
import type { FiksIoSimulator } from './fiks-io-simulator.ts';
import { PLATFORM_KONTO_ID } from './platform-receipts.ts';
import { SendRequestError } from './send-api-errors.ts';
import { DEFAULT_TTL_MS } from './send-api.ts';
import type { SendMetadata } from './send-api.ts';
import { createEmbeddedTransport } from './transport/embedded-transport.ts';
import type { EmbeddedQueueTransport } from './transport/embedded-transport.ts';
import type { Delivery } from './transport/queue-transport.ts';

const start = Date.UTC(2024, 0, 15, 8, 0, 0);

describeFiksIoSimulatorScenarios('embedded', () => {
  const clock = new VirtualClock(start);
  return Promise.resolve({
    transport: createEmbeddedTransport({ clock }),
    clock,
    wait: (ms: number) => clock.advance(ms),
    quietly: () => clock.advance(DEFAULT_TTL_MS + DOKUMENTLAGER_GRACE_MS),
    shortTtlMs: 1_000,
  });
});

interface Setup {
  readonly clock: VirtualClock;
  readonly transport: EmbeddedQueueTransport;
  readonly simulator: FiksIoSimulator;
  readonly events: FiksIoEvent[];
}

const opened: Setup[] = [];

async function setUp(seed: string | number = 'fiks-io unit'): Promise<Setup> {
  const clock = new VirtualClock(start);
  const transport = createEmbeddedTransport({ clock });
  const events: FiksIoEvent[] = [];
  const simulator = await createFiksIoSimulator({ transport, clock, random: seededRandom(seed), onEvent: (event) => events.push(event) });
  await simulator.createAccount(PORTAL);
  await simulator.createAccount(KOMMUNE);
  const setup = { clock, transport, simulator, events };
  opened.push(setup);
  return setup;
}

afterEach(async () => {
  for (const { simulator, transport } of opened.splice(0)) {
    await simulator.close();
    await transport.close();
  }
});

async function drain(setup: Setup, kontoId: string): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  const subscription = await setup.transport.consume(setup.simulator.queueFor(kontoId), { prefetch: 100 }, (delivery) => {
    deliveries.push(delivery);
    delivery.ack();
  });
  await setup.clock.advance(0);
  await subscription.close();
  return deliveries;
}

const refusalOf = async (promise: Promise<unknown>): Promise<SendRequestError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SendRequestError)) throw new Error(`expected a SendRequestError, got ${String(error)}`);
  return error;
};

describe('dokumentlager retention (virtual clock)', () => {
  test('a payload by reference is fetchable until TTL + 24 h after the send, then gone with a clear error', async () => {
    const setup = await setUp();
    const data = new Uint8Array(5 * 1024 * 1024 + 10).fill(7);
    const ttl = 60_000;
    const sent = await setup.simulator.send({ metadata: reportMetadata({ ttl }), data });
    const id = sent.dokumentlagerId ?? '';
    await setup.clock.advance(ttl + DOKUMENTLAGER_GRACE_MS - 1);
    expect(sameBytes(await setup.simulator.fetchDokumentlager(id), data)).toBe(true);
    await setup.clock.advance(1);
    const late = setup.simulator.fetchDokumentlager(id);
    await expect(late).rejects.toThrow(DokumentlagerNotFoundError);
    await expect(late).rejects.toThrow(`no document with dokumentlager-id '${id}'`);
    await expect(late).rejects.toThrow(/retention \(the message's TTL \+ 24 h after the send\) has run out/);
  });

  test('exactly 5 MB still travels in the body; one byte more goes by reference', async () => {
    const setup = await setUp();
    const atLimit = await setup.simulator.send({ metadata: reportMetadata(), data: new Uint8Array(5 * 1024 * 1024) });
    const overLimit = await setup.simulator.send({ metadata: reportMetadata(), data: new Uint8Array(5 * 1024 * 1024 + 1) });
    expect([atLimit.dokumentlagerId, typeof overLimit.dokumentlagerId]).toEqual([undefined, 'string']);
    const deliveries = await drain(setup, KOMMUNE);
    expect(deliveries.map((delivery) => [delivery.body.byteLength, delivery.headers[HEADER.dokumentlagerId]])).toEqual([
      [5 * 1024 * 1024, undefined],
      [0, overLimit.dokumentlagerId],
    ]);
  });

  test('an unknown id is not found', async () => {
    const setup = await setUp();
    await expect(setup.simulator.fetchDokumentlager('00000000-0000-4000-8000-000000000000')).rejects.toThrow(DokumentlagerNotFoundError);
  });
});

describe('the send API refuses what it cannot send', () => {
  test('metadata against the schema: every problem with its JSON pointer, nothing sent', async () => {
    const setup = await setUp();
    const metadata = { avsenderKontoId: 'portalen', mottakerKontoId: KOMMUNE, ttl: -5, headere: { a: 1 } } as unknown as SendMetadata;
    const error = await refusalOf(setup.simulator.send({ metadata, data: new Uint8Array(0) }));
    expect(error.status).toBe(400);
    expect(error.problems.map((problem) => problem.pointer).sort()).toEqual(['/avsenderKontoId', '/headere/a', '/meldingType', '/ttl']);
    expect(error.detail).toMatch(/^the metadata part breaks the send-metadata contract:\n/);
    expect(error.detail).toContain('/avsenderKontoId: ');
    expect(error.message).toMatch(/^fiksIoSimulator\.send: the send API refused the request \(400 Invalid send metadata\), nothing was sent/);
    expect(await setup.transport.depth(setup.simulator.queueFor(KOMMUNE))).toBe(0);
    expect(setup.events).toEqual([]);
  });

  test('an unknown recipient account: 404 naming the account', async () => {
    const setup = await setUp();
    const stranger = '12345678-1234-4234-8234-123456789abc';
    const error = await refusalOf(setup.simulator.send({ metadata: reportMetadata({ mottakerKontoId: stranger }), data: new Uint8Array(0) }));
    expect(error.status).toBe(404);
    expect(error.detail).toContain(`mottakerKontoId ${stranger} is not an account`);
    expect(error.problems).toEqual([{ pointer: '/mottakerKontoId', message: `no account ${stranger} exists` }]);
  });

  test('an unknown sender account, or the platform’s own: 403', async () => {
    const setup = await setUp();
    const stranger = '12345678-1234-4234-8234-123456789abc';
    for (const avsenderKontoId of [stranger, PLATFORM_KONTO_ID]) {
      const error = await refusalOf(setup.simulator.send({ metadata: reportMetadata({ avsenderKontoId }), data: new Uint8Array(0) }));
      expect([error.status, error.problems[0]?.pointer]).toEqual([403, '/avsenderKontoId']);
      expect(error.detail).toContain(`avsenderKontoId ${avsenderKontoId} is not an account`);
    }
  });

  test('accounts are UUIDs, and never the platform’s', async () => {
    const setup = await setUp();
    await expect(setup.simulator.createAccount('kommune-1')).rejects.toThrow(/fiksIoSimulator\.createAccount: kontoId must be a UUID.*"kommune-1"/);
    await expect(setup.simulator.createAccount(PLATFORM_KONTO_ID)).rejects.toThrow(/the platform's own account/);
  });

  test('after close, send refuses plainly and the transport stays open', async () => {
    const setup = await setUp();
    await setup.simulator.close();
    await expect(setup.simulator.send({ metadata: reportMetadata(), data: new Uint8Array(0) })).rejects.toThrow(/fiksIoSimulator\.send: the simulator is closed/);
    expect(await setup.transport.depth(setup.simulator.queueFor(KOMMUNE))).toBe(0);
  });
});

describe('headers the simulator derives', () => {
  test('svar-til-type is left out when the replied-to melding-id is not one the simulator assigned', async () => {
    const setup = await setUp();
    const unknown = '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
    const reply = await setup.simulator.send({
      metadata: { avsenderKontoId: KOMMUNE, mottakerKontoId: PORTAL, meldingType: MOTTATT, svarPaMelding: unknown },
      data: new Uint8Array(0),
    });
    const [delivery] = await drain(setup, PORTAL);
    expect(delivery?.headers).toEqual({ [HEADER.avsenderId]: KOMMUNE, [HEADER.meldingId]: reply.meldingId, [HEADER.type]: MOTTATT, [HEADER.svarTil]: unknown });
  });

  test('svarPaMelding null and no ttl: no svar-til, and the default TTL of 2 days', async () => {
    const setup = await setUp();
    const { ttl: _ttl, ...withoutTtl } = reportMetadata({ svarPaMelding: null });
    const sent = await setup.simulator.send({ metadata: withoutTtl, data: new Uint8Array([1]) });
    expect(sent.ttl).toBe(DEFAULT_TTL_MS);
    const [delivery] = await drain(setup, KOMMUNE);
    expect(delivery?.expirationMs).toBe(DEFAULT_TTL_MS);
    expect(Object.keys(delivery?.headers ?? {})).not.toContain(HEADER.svarTil);
  });

  test('a platform receipt that dies itself earns no receipt of its own', async () => {
    const setup = await setUp();
    const sent = await setup.simulator.send({ metadata: reportMetadata({ ttl: 1_000 }), data: new Uint8Array([1]) });
    await setup.clock.advance(1_001);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const crashing = await setup.transport.consume(setup.simulator.queueFor(PORTAL), { prefetch: 1 }, () => undefined);
      await setup.clock.advance(0);
      await crashing.close();
    }
    await setup.clock.advance(DEFAULT_TTL_MS);
    expect(setup.events.map((event) => event.kind)).toEqual(['sent', 'dead-lettered', 'platform-receipt-sent', 'dead-lettered']);
    expect(setup.events[3]).toMatchObject({ reason: 'delivery-limit' });
    expect(setup.events[1]).toMatchObject({ meldingId: sent.meldingId, reason: 'expired' });
    expect(await setup.transport.depth(setup.simulator.queueFor(PORTAL))).toBe(0);
  });
});

describe('replay', () => {
  test('the same seed and the same calls give the same melding-ids, dokumentlager-ids and events', async () => {
    const run = async (): Promise<unknown> => {
      const setup = await setUp('replay seed');
      const small = await setup.simulator.send({ metadata: reportMetadata({ ttl: 500 }), data: new Uint8Array([1, 2]) });
      const large = await setup.simulator.send({ metadata: reportMetadata(), data: new Uint8Array(5 * 1024 * 1024 + 1) });
      await setup.clock.advance(501);
      return { small: small.meldingId, large: [large.meldingId, large.dokumentlagerId], events: setup.events };
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  test('a different seed gives different melding-ids', async () => {
    const one = await (await setUp('seed one')).simulator.send({ metadata: reportMetadata(), data: new Uint8Array(0) });
    const two = await (await setUp('seed two')).simulator.send({ metadata: reportMetadata(), data: new Uint8Array(0) });
    expect(one.meldingId).not.toBe(two.meldingId);
    expect(one.meldingType).toBe(REPORT_TYPE);
  });
});
