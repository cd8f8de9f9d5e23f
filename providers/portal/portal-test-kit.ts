// What the portal's tests share: a fake Fiks IO send API that records every send, receipts built
// the way Fiks IO delivers them, small synthetic reports, a fake read-back client, and one call
// that starts a portal on a VirtualClock. Not a test file itself; imported by *.test.ts.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { FEILET, MOTTATT, SERVERFEIL, TIDSAVBRUDD } from '../../contracts/message-types.ts';
import { REPORT_JSON_NAME, REPORT_PDF_NAME, packPayloadFiles, unpackPayload } from '../../contracts/payload-zip.ts';
import { type Database, openEmbeddedDatabase } from '../../harness/environments/database/index.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { type Random, seededRandom } from '../../scenarios/workloads/random.ts';
import { type GeneratedReport, generateReport } from '../../scenarios/workloads/report-workload.ts';
import type { IncomingMessage } from '../case-system/report-message-parser.ts';
import { type Portal, createPortal } from './portal.ts';
import type { PortalEvent, ReceiptKind } from './portal-events.ts';
import { PORTAL_TABLES, migratePortal } from './portal-schema.ts';
import type { PortalSendApi, PortalSendMetadata } from './portal-send-api.ts';
import type { ReadBack, ReadBackClient, ReadBackResult } from './read-back-client.ts';
import type { RetentionPolicy } from './retention-policy.ts';

export const PORTAL_KONTO = '0b9f1c7e-4a2d-4e8b-9c3f-5d6e7f8a9b01';
export const CASE_SYSTEM_KONTO = '7c2e9a41-3b5d-4f6a-8e1c-2d3f4a5b6c02';
export const FIKS_IO_KONTO = '5e8d3b2a-1c4f-4a7e-9b6d-0f1e2d3c4b03';

/** Wednesday 27 March 2024, 10:00 in Oslo: the day before Maundy Thursday. */
export const WEDNESDAY_BEFORE_EASTER_2024 = Date.parse('2024-03-27T10:00:00+01:00');
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface RecordedSend {
  readonly metadata: PortalSendMetadata;
  readonly data: Uint8Array;
  readonly meldingId: string;
}

/** Records every send and gives it a fresh melding-id; failNext(n) makes the next n sends reject. */
export interface FakeSendApi extends PortalSendApi {
  readonly sends: RecordedSend[];
  failNext(count: number): void;
  /** Starts during the next send, before it resolves (a receipt overtaking the send's answer). */
  duringNextSend(action: (meldingId: string) => void): void;
}

export function fakeSendApi(random: Random): FakeSendApi {
  const sends: RecordedSend[] = [];
  let failures = 0;
  let during: ((meldingId: string) => void) | undefined;
  return {
    sends,
    failNext: (count) => {
      failures = count;
    },
    duringNextSend: (action) => {
      during = action;
    },
    async send({ metadata, data }) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('fake send API: 503 Service Unavailable (injected)');
      }
      const meldingId = random.uuid();
      sends.push({ metadata, data, meldingId });
      const action = during;
      during = undefined;
      if (action !== undefined) {
        action(meldingId);
        // The answer to the POST takes a while; whatever the action started gets ahead of it.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { meldingId };
    },
  };
}

export function testReport(seed: string): GeneratedReport {
  // Short texts keep the PDFs small and the tests quick; the portal never reads the text.
  return generateReport(seededRandom(seed), { textLength: 120 });
}

/** A receipt as Fiks IO delivers it to the portal's account queue, answering one send. */
export function receiptFor(send: RecordedSend | string, kind: ReceiptKind, random: Random, meldingId: string = random.uuid()): IncomingMessage {
  const svarTil = typeof send === 'string' ? send : send.meldingId;
  const type = { mottatt: MOTTATT, feilet: FEILET, serverfeil: SERVERFEIL, tidsavbrudd: TIDSAVBRUDD }[kind];
  const fromPlatform = kind === 'serverfeil' || kind === 'tidsavbrudd';
  const body =
    kind === 'feilet' ? packPayloadFiles([['feilmelding.json', new TextEncoder().encode(JSON.stringify({ melding: 'Kunne ikke lagre meldingen.' }))]]) : new Uint8Array(0);
  return {
    headers: {
      [HEADER.type]: type,
      [HEADER.meldingId]: meldingId,
      [HEADER.avsenderId]: fromPlatform ? FIKS_IO_KONTO : CASE_SYSTEM_KONTO,
      [HEADER.svarTil]: svarTil,
    },
    body,
  };
}

/** What a correct case system would read back for a send: exactly its payload. */
export function faithfulReadBack(send: RecordedSend, bekymringsmeldingId: string): ReadBack {
  const files = unpackPayload(send.data);
  const json = files.get(REPORT_JSON_NAME) ?? new Uint8Array(0);
  const pdf = files.get(REPORT_PDF_NAME) ?? new Uint8Array(0);
  const content = JSON.parse(new TextDecoder().decode(json)) as { kommunenummer: string; bydelsnummer: string };
  return {
    bekymringsmeldingId,
    meldingstype: send.metadata.meldingType as ReadBack['meldingstype'],
    bekymringsmelding: content,
    pdf: { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length },
    synligFor: [{ kommunenummer: content.kommunenummer, bydelsnummer: content.bydelsnummer }],
    antallSaker: 1,
  };
}

/** A read-back client whose answers the test sets per report; it counts the questions. */
export interface FakeReadBack extends ReadBackClient {
  readonly asked: string[];
  answer(bekymringsmeldingId: string, result: ReadBackResult | Error): void;
}

export function fakeReadBack(): FakeReadBack {
  const answers = new Map<string, ReadBackResult | Error>();
  const asked: string[] = [];
  return {
    asked,
    answer: (id, result) => {
      answers.set(id, result);
    },
    read(id) {
      asked.push(id);
      const answer = answers.get(id) ?? { found: false };
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

export interface TestPortal {
  readonly portal: Portal;
  readonly clock: VirtualClock;
  readonly sendApi: FakeSendApi;
  readonly events: PortalEvent[];
  readonly random: Random;
  /** Moves the clock, then lets the portal act on the new time. */
  readonly advance: (ms: number) => Promise<void>;
}

export async function startTestPortal(
  db: Database,
  options: {
    readonly seed: string;
    readonly retention?: RetentionPolicy;
    readonly startMs?: number;
    readonly ttlMs?: number;
    readonly concurrentSends?: number;
    /** Wraps the fake send API the portal sends through (to watch or hold its calls). */
    readonly wrapSendApi?: (sendApi: FakeSendApi) => PortalSendApi;
  },
): Promise<TestPortal> {
  const random = seededRandom(options.seed);
  const clock = new VirtualClock(options.startMs ?? WEDNESDAY_BEFORE_EASTER_2024);
  const sendApi = fakeSendApi(random.fork('fiks-io'));
  const events: PortalEvent[] = [];
  const portal = await createPortal({
    db,
    sendApi: options.wrapSendApi?.(sendApi) ?? sendApi,
    clock,
    random: random.fork('portal'),
    portalKontoId: PORTAL_KONTO,
    routeTo: () => CASE_SYSTEM_KONTO,
    retention: options.retention ?? { kind: 'days-after-mottatt', days: 14 },
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
    ...(options.concurrentSends === undefined ? {} : { concurrentSends: options.concurrentSends }),
    onEvent: (event) => events.push(event),
  });
  return {
    portal,
    clock,
    sendApi,
    events,
    random: random.fork('receipts'),
    advance: async (ms) => {
      await clock.advance(ms);
      await portal.tick();
    },
  };
}

/** Empties the portal's tables, so each test starts from nothing on a database opened once per file. */
export async function emptyPortalTables(db: Database): Promise<void> {
  await db.query(`TRUNCATE ${PORTAL_TABLES.join(', ')}`);
}

/**
 * One embedded database for the calling test file, with the portal's tables, emptied before each
 * test (opening PGlite per test would cost far more than the tests). Call at the top of the file.
 */
export function portalTablesForEachTest(): { readonly db: Database } {
  let opened: Database | undefined;
  beforeAll(async () => {
    opened = await openEmbeddedDatabase();
    await migratePortal(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async () => {
    if (opened !== undefined) await emptyPortalTables(opened);
  });
  return {
    get db(): Database {
      if (opened === undefined) throw new Error('portalTablesForEachTest: the database is open only inside tests of the file that called it');
      return opened;
    },
  };
}
