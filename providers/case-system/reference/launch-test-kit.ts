// For tests that start a receiver through the launch contract by hand (main.ts as a child process,
// the reference image as a container): a services environment with a portal and a case-system
// account, the launch environment made from its pieces, reports sent as the portal sends them,
// and the mottatt receipts that come back. Not a test file itself; imported by *.test.ts.
import { CUSTOM, HEADER } from '../../../contracts/fiks-io-headers.ts';
import { MOTTATT } from '../../../contracts/message-types.ts';
import { freePort } from '../../../harness/adapters/free-port.ts';
import { LAUNCH_VARIABLES, type LaunchEnvironment } from '../../../harness/adapters/launch-contract.ts';
import { DEFAULT_DATABASE_URL, schemaForRun } from '../../../harness/environments/database/index.ts';
import { type ServicesRunEnvironment, openRunEnvironment } from '../../../harness/environments/run-environment.ts';
import { DEFAULT_AMQP_URL } from '../../../harness/environments/services-environment.ts';
import { buildPayload } from '../../../scenarios/workloads/report-payload.ts';
import { generateReports } from '../../../scenarios/workloads/report-workload.ts';
import { DOKUMENTLAGER_PATH_PREFIX } from '../../fiks-io/send-api.ts';
import type { Delivery } from '../../fiks-io/transport/queue-transport.ts';
import { READY_PATH } from '../read-back-server.ts';

const PORTAL = '5a0b7e11-9c3d-4f2a-8b6e-70a7a1000011';
const CASE_SYSTEM = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000012';
export const AMQP_URL = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
const DATABASE_URL = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface SentReport {
  readonly meldingId: string;
  readonly bekymringsmeldingId: string;
  readonly content: unknown;
  /** Sent by dokumentlager reference (over the threshold): the receiver fetched it over HTTP. */
  readonly byReference: boolean;
}

export interface LaunchRun {
  readonly environment: ServicesRunEnvironment;
  readonly launch: LaunchEnvironment;
  readonly readBackUrl: string;
  /** svar-til of every mottatt the portal's account received so far. */
  readonly mottatt: readonly string[];
  /** Sends `count` generated reports as the portal would; each one's melding-id is what its mottatt answers. */
  sendReports(seed: string, count: number): Promise<SentReport[]>;
  close(): Promise<void>;
}

/** A payload over this many bytes travels by dokumentlager, so the HTTP fetch is exercised too. */
const DOKUMENTLAGER_THRESHOLD_BYTES = 5_000;

export async function openLaunchRun(seed: string): Promise<LaunchRun> {
  const opened = await openRunEnvironment({ kind: 'services', seed, dokumentlagerThresholdBytes: DOKUMENTLAGER_THRESHOLD_BYTES });
  if (opened.kind !== 'services') throw new Error('expected a services environment');
  try {
    await opened.simulator.createAccount(PORTAL);
    await opened.simulator.createAccount(CASE_SYSTEM);
    const mottatt: string[] = [];
    await opened.transport.consume(opened.simulator.queueFor(PORTAL), { prefetch: 50 }, (delivery: Delivery) => {
      if (delivery.headers[HEADER.type] === MOTTATT) mottatt.push(delivery.headers[HEADER.svarTil] ?? '(no svar-til)');
      delivery.ack();
    });
    const caseDatabase = new URL(DATABASE_URL);
    caseDatabase.searchParams.set('options', `-c search_path=${schemaForRun(`${opened.runId}_case`)}`);
    const port = await freePort();
    const launch: LaunchEnvironment = {
      [LAUNCH_VARIABLES.amqpUrl]: AMQP_URL,
      [LAUNCH_VARIABLES.queue]: `ackproof.${opened.runId}.${opened.simulator.queueFor(CASE_SYSTEM)}`,
      [LAUNCH_VARIABLES.kontoId]: CASE_SYSTEM,
      [LAUNCH_VARIABLES.sendApiUrl]: opened.fiksIoUrl,
      [LAUNCH_VARIABLES.dokumentlagerUrl]: `${opened.fiksIoUrl}${DOKUMENTLAGER_PATH_PREFIX}`,
      [LAUNCH_VARIABLES.databaseUrl]: caseDatabase.toString(),
      [LAUNCH_VARIABLES.readBackPort]: String(port),
    };
    return {
      environment: opened,
      launch,
      readBackUrl: `http://127.0.0.1:${port}`,
      mottatt,
      sendReports: (reportSeed, count) => sendReports(opened, reportSeed, count),
      close: () => opened.close(),
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

async function sendReports(environment: ServicesRunEnvironment, seed: string, count: number): Promise<SentReport[]> {
  const sent: SentReport[] = [];
  for (const report of generateReports(seed, count)) {
    const { meldingId, dokumentlagerId } = await environment.simulator.send({
      metadata: {
        avsenderKontoId: PORTAL,
        mottakerKontoId: CASE_SYSTEM,
        meldingType: report.meldingstype,
        ttl: 3_600_000,
        headere: {
          [CUSTOM.bekymringsmeldingId]: report.bekymringsmeldingId,
          [CUSTOM.bydelRessursId]: report.bydelRessursId,
          [CUSTOM.klientMeldingId]: `klient-${report.bekymringsmeldingId}`,
        },
      },
      data: await buildPayload(report),
    });
    sent.push({ meldingId, bekymringsmeldingId: report.bekymringsmeldingId, content: report.content, byReference: dokumentlagerId !== undefined });
  }
  return sent;
}

/** Polls every 100 ms until `condition` holds; after 30 s throws naming `what`, with `context()` (the receiver's output). */
export async function until(what: string, condition: () => boolean, context: () => string = () => ''): Promise<void> {
  for (let poll = 0; poll < 300 && !condition(); poll += 1) await sleep(100);
  if (!condition()) throw new Error(`not within 30 s: ${what}\n${context()}`);
}

/** Until GET READY_PATH answers 200; throws at once when `ended()` says the receiver is gone. */
export async function untilReady(readBackUrl: string, ended: () => string | undefined, output: () => string): Promise<void> {
  for (let poll = 0; poll < 300; poll += 1) {
    const end = ended();
    if (end !== undefined) throw new Error(`the receiver ended (${end}) before it was ready:\n${output()}`);
    const status = await fetch(`${readBackUrl}${READY_PATH}`).then((response) => response.status, () => 0);
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`the receiver was not ready within 30 s:\n${output()}`);
}

