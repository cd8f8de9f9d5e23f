// Provider: the reference case system, answering through Fiks IO. Verified against the portal's
// pact (contracts/pacts/portal-case-system.json). Each receipt is produced by the real parts on the
// embedded environment: a report (or a broken one) is sent to the case system's account, the
// reference receiver handles it, and the receipt is taken off the portal's queue as the portal
// would see it — the delivery headers as metadata, the body (empty for mottatt; feilmelding.json
// out of the payload zip for feilet) as contents.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import { REPORT_PDF_NAME, packPayload, unpackPayload } from '../../contracts/payload-zip.ts';
import { openRunEnvironment, type RunEnvironment } from '../../harness/environments/run-environment.ts';
import { buildPayload } from '../../scenarios/workloads/report-payload.ts';
import { generateReport } from '../../scenarios/workloads/report-workload.ts';
import type { Delivery } from '../fiks-io/transport/queue-transport.ts';
import { verifyCommittedPact } from '../pact-verification.ts';
import { FEILMELDING_NAME } from '../portal/receipt-reader.ts';
import { createReferenceReceiver, type Receiver } from './reference/receiver.ts';

const PORTAL_KONTO = '0b7e5a1c-3d2f-4a6b-8c9d-0e1f2a3b4c5d';
const CASE_SYSTEM_KONTO = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const REPORT_TYPE = 'no.ks.fiks.bekymringsmelding.privat.v2';

// Two PGlite databases start in the environment: seconds on a loaded 2-core machine.
const SETUP_TIMEOUT_MS = 60_000;
let environment!: RunEnvironment;
let receiver!: Receiver;
/** Receipts as they arrive on the portal's account, for the message provider to take in turn. */
const arrived: Delivery[] = [];
const waiting: ((delivery: Delivery) => void)[] = [];

beforeAll(async () => {
  environment = await openRunEnvironment({ kind: 'embedded', seed: 'receipts-pact' });
  await environment.simulator.createAccount(PORTAL_KONTO);
  await environment.simulator.createAccount(CASE_SYSTEM_KONTO);
  await environment.transport.consume(environment.simulator.queueFor(PORTAL_KONTO), { prefetch: 10 }, (delivery) => {
    const taker = waiting.shift();
    if (taker) taker(delivery);
    else arrived.push(delivery);
  });
  receiver = createReferenceReceiver({
    transport: await environment.openReceiverTransport(),
    kontoId: CASE_SYSTEM_KONTO,
    db: environment.caseDb,
    sendApi: environment.sendApi,
    fetchDokumentlager: environment.fetchDokumentlager,
    clock: environment.clock,
  });
  await receiver.start();
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  // Either may be missing when beforeAll failed; the failure is reported there.
  await (receiver as Receiver | undefined)?.stop();
  await (environment as RunEnvironment | undefined)?.close();
}, SETUP_TIMEOUT_MS);

function nextReceipt(): Promise<Delivery> {
  const ready = arrived.shift();
  return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
}

/** What the current provider state sends the case system: a readable report, or a broken one. */
let payloadFor: (() => Promise<Uint8Array>) | undefined;

const readableReport = (): Promise<Uint8Array> =>
  buildPayload(generateReport(environment.random.fork(`report-${environment.random.uuid()}`), { type: REPORT_TYPE }));

// A zip whose bekymringsmelding.json is cut off mid-way: what a case system cannot read.
const unreadableReport = async (): Promise<Uint8Array> => {
  const pdf = unpackPayload(await readableReport()).get(REPORT_PDF_NAME) ?? new Uint8Array(0);
  return packPayload({ json: new TextEncoder().encode('{"kommunenummer": "4601", "melding": '), pdf });
};

async function receiptFromCaseSystem(): Promise<{ __pactMessageMetadata: Record<string, string>; message: unknown }> {
  if (payloadFor === undefined) throw new Error('case-system provider: no provider state was set up for this message');
  const receipt = nextReceipt();
  await environment.simulator.send({
    metadata: {
      avsenderKontoId: PORTAL_KONTO,
      mottakerKontoId: CASE_SYSTEM_KONTO,
      meldingType: REPORT_TYPE,
      headere: { [CUSTOM.bekymringsmeldingId]: environment.random.uuid(), [CUSTOM.klientMeldingId]: environment.random.uuid() },
    },
    data: await payloadFor(),
  });
  const delivery = await receipt;
  delivery.ack();
  if (delivery.body.length === 0) {
    return { __pactMessageMetadata: { ...delivery.headers, contentType: 'application/octet-stream' }, message: Buffer.alloc(0) };
  }
  const feilmelding = unpackPayload(delivery.body).get(FEILMELDING_NAME);
  if (feilmelding === undefined) throw new Error(`case-system provider: the receipt's payload holds no ${FEILMELDING_NAME}`);
  return { __pactMessageMetadata: { ...delivery.headers }, message: JSON.parse(new TextDecoder().decode(feilmelding)) as unknown };
}

const sends = (payload: () => Promise<Uint8Array>) => (): Promise<void> => {
  payloadFor = payload;
  return Promise.resolve();
};

describe('reference case system → portal: receipts pact', () => {
  test('every receipt of the committed pact is what the reference case system really sends', async () => {
    await verifyCommittedPact({
      pactFile: 'portal-case-system.json',
      stateHandlers: {
        'the case system has stored the delivered report': sends(readableReport),
        'the case system could not read the delivered report': sends(unreadableReport),
      },
      messageProviders: {
        'a mottatt receipt for the delivered report': receiptFromCaseSystem,
        'a feilet receipt saying why': receiptFromCaseSystem,
      },
    });
  }, 120_000);
});
