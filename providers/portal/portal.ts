// The simulated national portal: it accepts concern reports into an outbox, sends them to the
// responsible case system through Fiks IO, moves each through its states on receipts and deadlines,
// and deletes its copy under a retention policy — KS's (N days after mottatt) or the safe one
// (only after a matching read-back). Everything it knows lives in its own database, so a portal
// that is rebuilt over the same database carries on where it stopped.
//
// Time: nothing here sets a timer. The portal acts on time only in tick(), which the runner calls
// after moving the clock (VirtualClock.advance); nextDueAt() says when tick() next has work. Every
// effect of time is thus awaited by the runner, and a run replays exactly on the virtual clock.
//
// Receipts: the portal consumes no queue. Whoever wires the run consumes the portal's account
// queue, calls handleReceipt(), and acks after it resolves (after the commit); a rejection means
// nothing was stored, so the receipt must be redelivered, which handleReceipt makes harmless.
import type { Database } from '../../harness/environments/database/index.ts';
import type { Clock } from '../../harness/time/clock.ts';
import type { Random } from '../../scenarios/workloads/random.ts';
import type { GeneratedReport } from '../../scenarios/workloads/report-workload.ts';
import type { IncomingMessage } from '../case-system/report-message-parser.ts';
import type { PortalContext } from './portal-context.ts';
import { postOverdueReports } from './portal-deadlines.ts';
import { sendAccepted, sendReport } from './portal-dispatch.ts';
import type { PortalEvent } from './portal-events.ts';
import { type AcceptOutcome, acceptReport } from './portal-outbox.ts';
import {
  type PortalReportView,
  alarmedReports,
  deliveredByMottatt,
  meldingIdsOf,
  nextDueAt,
  reportForMeldingId,
  reportView,
  stateCounts,
} from './portal-queries.ts';
import { type ReceiptHandling, handleReceipt } from './portal-receipts.ts';
import { type RetentionSummary, runRetention } from './portal-retention.ts';
import { loadReport } from './portal-rows.ts';
import { migratePortal } from './portal-schema.ts';
import type { PortalSendApi } from './portal-send-api.ts';
import type { PortalState } from './portal-states.ts';
import { type RetentionPolicy, checkRetentionPolicy } from './retention-policy.ts';
import { createSerialQueue } from './serial-queue.ts';

/** The business deadline: no answer within this many working days sends the report by post. */
export const DEADLINE_WORKING_DAYS = 2;

export interface PortalOptions {
  /** The portal's own database (never the case system's); createPortal creates its tables. */
  readonly db: Database;
  readonly sendApi: PortalSendApi;
  readonly clock: Clock;
  /** Draws each report's klientMeldingId. */
  readonly random: Random;
  /** The portal's Fiks IO account: avsenderKontoId of every send, and where receipts arrive. */
  readonly portalKontoId: string;
  /** The case system's Fiks IO account for a report. */
  readonly routeTo: (report: GeneratedReport) => string;
  /**
   * The Fiks IO TTL of each send. By default ('until-deadline') the time left until the report's
   * deadline, so an unread message expires (tidsavbrudd) exactly when the portal gives up on it and
   * a case system can never receive a report the portal has already sent by post. A fixed number
   * of ms can be given to provoke expiry (e.g. a TTL shorter than a receiver's outage).
   */
  readonly ttlMs?: number | 'until-deadline';
  readonly retention: RetentionPolicy;
  /**
   * How many sends dispatch() may have waiting for Fiks IO at once. 1 (the default) sends strictly
   * one after another in accept order, which an embedded run needs to replay exactly; against a
   * real broker and database a portal sends many at once, overlapping their round trips, as the
   * real one must to send a municipality's backlog in good time.
   */
  readonly concurrentSends?: number;
  readonly onEvent?: (event: PortalEvent) => void;
}

export interface DispatchSummary {
  readonly sent: readonly { readonly bekymringsmeldingId: string; readonly meldingId: string }[];
  /** Still AKSEPTERT; the next dispatch() tries again. */
  readonly failed: readonly { readonly bekymringsmeldingId: string; readonly error: string }[];
}

export interface TickSummary extends RetentionSummary {
  /** Reports whose deadline passed without an answer: now LEVERT by post. */
  readonly postedAfterDeadline: readonly string[];
}

export interface Portal {
  /** Takes a report into the outbox (AKSEPTERT) with the exact JSON and payload it will send. */
  accept(report: GeneratedReport): Promise<AcceptOutcome>;
  /** Sends every AKSEPTERT report, started in accept order (concurrentSends at once); a failed send stays AKSEPTERT. */
  dispatch(): Promise<DispatchSummary>;
  /** Sends a SENDT_FAGSYSTEM report again: a new melding-id, the same klientMeldingId and deadline. Throws when the send fails. */
  resend(bekymringsmeldingId: string): Promise<{ readonly meldingId: string }>;
  /** Acts on one message from the portal's account queue; ack it after this resolves. */
  handleReceipt(message: IncomingMessage): Promise<ReceiptHandling>;
  /** Does what time has made due: post after the deadline, retention. Call after moving the clock. */
  tick(): Promise<TickSummary>;
  /** The earliest instant tick() has work, or undefined. */
  nextDueAt(): Promise<number | undefined>;
  states(): Promise<Record<PortalState, number>>;
  report(bekymringsmeldingId: string): Promise<PortalReportView | undefined>;
  deliveredByMottatt(): Promise<string[]>;
  alarms(): Promise<{ bekymringsmeldingId: string; reason: 'not-found' | 'different'; details: string[] }[]>;
  meldingIdsOf(bekymringsmeldingId: string): Promise<string[]>;
  reportForMeldingId(meldingId: string): Promise<string | undefined>;
}

export async function createPortal(options: PortalOptions): Promise<Portal> {
  checkOptions(options);
  await migratePortal(options.db);
  const context: PortalContext = {
    db: options.db,
    clock: options.clock,
    sendApi: options.sendApi,
    portalKontoId: options.portalKontoId,
    ttlMs: options.ttlMs ?? 'until-deadline',
    deadlineWorkingDays: DEADLINE_WORKING_DAYS,
    retention: options.retention,
    emit: options.onEvent ?? (() => undefined),
    inFlightSends: new Set(),
  };
  const db = options.db;
  const concurrentSends = options.concurrentSends ?? 1;
  const sending = createSerialQueue();
  const ticking = createSerialQueue();

  return {
    accept: (report) => acceptReport(context, report, options.routeTo(report), options.random.uuid()),

    dispatch: () =>
      sending(async () => {
        const outcomes = await sendAccepted(context, concurrentSends);
        return {
          sent: outcomes.flatMap((outcome) => (outcome.ok ? [{ bekymringsmeldingId: outcome.bekymringsmeldingId, meldingId: outcome.meldingId }] : [])),
          failed: outcomes.flatMap((outcome) => (outcome.ok ? [] : [{ bekymringsmeldingId: outcome.bekymringsmeldingId, error: outcome.error }])),
        };
      }),

    resend: (bekymringsmeldingId) =>
      sending(async () => {
        const row = await loadReport(db, bekymringsmeldingId);
        if (row === undefined) throw new Error(`resend: no report ${bekymringsmeldingId} was accepted by this portal.`);
        if (row.state !== 'SENDT_FAGSYSTEM') {
          throw new Error(
            `resend: report ${bekymringsmeldingId} is ${row.state}; only a report waiting for its answer (SENDT_FAGSYSTEM) can be resent` +
              (row.state === 'AKSEPTERT' ? ' — call dispatch() to send it the first time.' : '.'),
          );
        }
        if (row.deadline_at !== null && row.deadline_at.getTime() <= options.clock.now()) {
          throw new Error(`resend: report ${bekymringsmeldingId} is past its deadline (${row.deadline_at.toISOString()}); tick() sends it by post instead.`);
        }
        const outcome = await sendReport(context, row);
        if (!outcome.ok) throw new Error(`resend: sending report ${bekymringsmeldingId} again failed: ${outcome.error}`);
        return { meldingId: outcome.meldingId };
      }),

    handleReceipt: (message) => handleReceipt(context, message),

    tick: () =>
      ticking(async () => {
        const postedAfterDeadline = await postOverdueReports(context);
        return { postedAfterDeadline, ...(await runRetention(context)) };
      }),

    nextDueAt: () => nextDueAt(db),
    states: () => stateCounts(db),
    report: (id) => reportView(db, id),
    deliveredByMottatt: () => deliveredByMottatt(db),
    alarms: () => alarmedReports(db),
    meldingIdsOf: (id) => meldingIdsOf(db, id),
    reportForMeldingId: (meldingId) => reportForMeldingId(db, meldingId),
  };
}

function checkOptions(options: PortalOptions): void {
  if (typeof options.portalKontoId !== 'string' || options.portalKontoId === '') {
    throw new TypeError('createPortal: portalKontoId must be the portal\'s Fiks IO account id (a non-empty string).');
  }
  if (typeof options.routeTo !== 'function') throw new TypeError('createPortal: routeTo must be a function from a report to its case system\'s kontoId.');
  if (typeof options.sendApi?.send !== 'function') throw new TypeError('createPortal: sendApi must have send({ metadata, data }).');
  const ttl = options.ttlMs;
  if (ttl !== undefined && ttl !== 'until-deadline' && !(Number.isSafeInteger(ttl) && ttl > 0)) {
    throw new RangeError(`createPortal: ttlMs must be a whole number of ms > 0 or 'until-deadline', got ${String(ttl)}.`);
  }
  const concurrentSends = options.concurrentSends;
  if (concurrentSends !== undefined && !(Number.isSafeInteger(concurrentSends) && concurrentSends >= 1)) {
    throw new RangeError(`createPortal: concurrentSends must be a whole number ≥ 1, got ${String(concurrentSends)}.`);
  }
  checkRetentionPolicy(options.retention);
}
