// Provider: the portal, sending through Fiks IO. Verified against the case system's pact
// (contracts/pacts/case-system-portal.json). Each message is produced by the real parts — the
// seeded workload, the simulated portal's accept and dispatch, the Fiks IO simulator — and taken
// off the case system's queue as a receiver would see it: the delivery headers as metadata,
// bekymringsmelding.json out of the payload zip (fetched from dokumentlager where the delivery
// carries a reference) as contents.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import type { ReportType } from '../../contracts/message-types.ts';
import { REPORT_JSON_NAME, unpackPayload } from '../../contracts/payload-zip.ts';
import { openEmbeddedDatabase, type Database } from '../../harness/environments/database/index.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { generateReport } from '../../scenarios/workloads/report-workload.ts';
import { createFiksIoSimulator } from '../fiks-io/fiks-io-simulator.ts';
import { createEmbeddedTransport } from '../fiks-io/transport/embedded-transport.ts';
import type { Delivery } from '../fiks-io/transport/queue-transport.ts';
import { verifyCommittedPact } from '../pact-verification.ts';
import { createPortal } from './portal.ts';
import { dropPortalTables } from './portal-schema.ts';
import { KS_RETENTION_SINCE_2023 } from './retention-policy.ts';

const PORTAL_KONTO = '0b7e5a1c-3d2f-4a6b-8c9d-0e1f2a3b4c5d';
const CASE_SYSTEM_KONTO = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

let portalDb: Database;
// PGlite takes seconds to start on a loaded 2-core machine.
beforeAll(async () => {
  portalDb = await openEmbeddedDatabase();
}, 60_000);
afterAll(() => (portalDb as Database | undefined)?.close(), 60_000);

/** What the current provider state asks the portal to send. */
let scenario: { type: ReportType; bekymringsmeldingId: string; bydelRessursId: string; dokumentlagerThresholdBytes?: number } | undefined;
let sequence = 0;

async function deliveredMessage(): Promise<{ __pactMessageMetadata: Record<string, string>; message: unknown }> {
  if (scenario === undefined) throw new Error('portal provider: no provider state was set up for this message');
  const clock = new VirtualClock(Date.parse('2026-03-16T09:00:00Z'));
  const random = seededRandom(`portal-pact-${sequence++}`);
  const transport = createEmbeddedTransport({ clock });
  const simulator = await createFiksIoSimulator({
    transport,
    clock,
    random: random.fork('fiks-io'),
    ...(scenario.dokumentlagerThresholdBytes === undefined ? {} : { dokumentlagerThresholdBytes: scenario.dokumentlagerThresholdBytes }),
  });
  try {
    await simulator.createAccount(PORTAL_KONTO);
    await simulator.createAccount(CASE_SYSTEM_KONTO);
    await dropPortalTables(portalDb);
    const portal = await createPortal({
      db: portalDb,
      sendApi: simulator,
      clock,
      random: random.fork('portal'),
      portalKontoId: PORTAL_KONTO,
      routeTo: () => CASE_SYSTEM_KONTO,
      retention: KS_RETENTION_SINCE_2023,
    });
    const report = generateReport(random.fork('report'), { type: scenario.type });
    await portal.accept({ ...report, bekymringsmeldingId: scenario.bekymringsmeldingId, bydelRessursId: scenario.bydelRessursId });
    const summary = await portal.dispatch();
    if (summary.sent.length !== 1) throw new Error(`portal provider: the portal did not send the report: ${JSON.stringify(summary.failed)}`);

    const delivery = await new Promise<Delivery>((resolve) => {
      void transport.consume(simulator.queueFor(CASE_SYSTEM_KONTO), { prefetch: 1 }, resolve);
    });
    delivery.ack();
    const dokumentlagerId = delivery.headers[HEADER.dokumentlagerId];
    const payload = dokumentlagerId === undefined ? delivery.body : await simulator.fetchDokumentlager(dokumentlagerId);
    const json = unpackPayload(payload).get(REPORT_JSON_NAME);
    if (json === undefined) throw new Error(`portal provider: the payload holds no ${REPORT_JSON_NAME}`);
    return { __pactMessageMetadata: { ...delivery.headers }, message: JSON.parse(new TextDecoder().decode(json)) as unknown };
  } finally {
    await simulator.close();
    await transport.close();
  }
}

// The consumer names the report's ids as state parameters (see the consumer test for why); the
// portal sends a report under exactly those ids.
const sends = (type: ReportType, extra: { dokumentlagerThresholdBytes?: number } = {}) => (parameters?: unknown): Promise<void> => {
  const given = (parameters ?? {}) as Record<string, unknown>;
  const { bekymringsmeldingId, bydelRessursId } = given;
  if (typeof bekymringsmeldingId !== 'string' || typeof bydelRessursId !== 'string') {
    return Promise.reject(new Error('portal provider: the pact state gives no bekymringsmeldingId and bydelRessursId'));
  }
  scenario = { type, bekymringsmeldingId, bydelRessursId, ...extra };
  return Promise.resolve();
};

describe('portal (through Fiks IO) → case system pact', () => {
  test('every message of the committed pact is what the portal really sends', async () => {
    await verifyCommittedPact({
      pactFile: 'case-system-portal.json',
      stateHandlers: {
        'a private person has sent a concern report': sends('no.ks.fiks.bekymringsmelding.privat.v2'),
        'a public employee has sent a concern report': sends('no.ks.fiks.bekymringsmelding.offentlig.v2'),
        'the municipality is registered for protocol v1': sends('no.ks.fiks.bekymringsmelding.privat.v1'),
        // Building a payload over 5 MB takes seconds and says nothing more about the message's
        // shape: the simulator's threshold is lowered instead, so this ordinary report takes the
        // dokumentlager path that a large one takes.
        'a public employee has sent a concern report with attachments over 5 MB': sends('no.ks.fiks.bekymringsmelding.offentlig.v2', {
          dokumentlagerThresholdBytes: 1024,
        }),
      },
      messageProviders: {
        'a private concern report, protocol v2': deliveredMessage,
        'a public concern report, protocol v2': deliveredMessage,
        'a private concern report, protocol v1, to a receiver that supports v2': deliveredMessage,
        'a public concern report whose payload is in dokumentlager': deliveredMessage,
      },
    });
  }, 120_000);
});
