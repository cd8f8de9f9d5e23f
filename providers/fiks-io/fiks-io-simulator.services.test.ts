// The simulator's key scenarios on real RabbitMQ (AMQP_URL, default amqp://guest:guest@127.0.0.1:5672):
// TTL, the delivery limit and dead-lettering come from the broker itself here, not from the
// embedded model of it. Each test gets its own name prefix, so parallel runs never share a queue.
import { expect, test } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { systemClock } from '../../harness/time/system-clock.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { DOKUMENTLAGER_GRACE_MS, DokumentlagerNotFoundError } from './dokumentlager.ts';
import { KOMMUNE, PORTAL, describeFiksIoSimulatorScenarios, reportMetadata, sameBytes } from './fiks-io-simulator-scenarios.ts';
import { createFiksIoSimulator } from './fiks-io-simulator.ts';
import { createAmqpTransport } from './transport/amqp-transport.ts';
import type { Delivery } from './transport/queue-transport.ts';

const url = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let runs = 0;
const uniquePrefix = (): string => `ackproof.test.fiks-io.${process.pid}.${Date.now().toString(36)}.${(runs += 1)}.`;

describeFiksIoSimulatorScenarios('services (RabbitMQ)', async () => ({
  transport: await createAmqpTransport({ url, namePrefix: uniquePrefix() }),
  clock: systemClock(),
  wait: sleep,
  quietly: () => sleep(1_000),
  shortTtlMs: 300,
}));

test('on RabbitMQ, dokumentlager retention follows the simulator’s clock, not the broker’s', async () => {
  const transport = await createAmqpTransport({ url, namePrefix: uniquePrefix() });
  const clock = new VirtualClock(Date.UTC(2024, 0, 15, 8, 0, 0));
  const simulator = await createFiksIoSimulator({ transport, clock, random: seededRandom('services dokumentlager') });
  try {
    await simulator.createAccount(PORTAL);
    await simulator.createAccount(KOMMUNE);
    const data = new Uint8Array(5 * 1024 * 1024 + 1).fill(3);
    const sent = await simulator.send({ metadata: reportMetadata({ ttl: 60_000 }), data });
    const deliveries: Delivery[] = [];
    await transport.consume(simulator.queueFor(KOMMUNE), { prefetch: 1 }, (delivery) => {
      deliveries.push(delivery);
      delivery.ack();
    });
    for (let poll = 0; poll < 200 && deliveries.length === 0; poll += 1) await sleep(50);
    expect(deliveries.map((delivery) => [delivery.headers[HEADER.dokumentlagerId], delivery.body.byteLength])).toEqual([[sent.dokumentlagerId, 0]]);
    expect(sameBytes(await simulator.fetchDokumentlager(sent.dokumentlagerId ?? ''), data)).toBe(true);
    await clock.advance(60_000 + DOKUMENTLAGER_GRACE_MS);
    await expect(simulator.fetchDokumentlager(sent.dokumentlagerId ?? '')).rejects.toThrow(DokumentlagerNotFoundError);
  } finally {
    await simulator.close();
    await transport.close();
  }
}, 60_000);
