// A small builder for writing histories by hand, so a checker test reads as the run it describes:
//
//   const run = historyBuilder();
//   run.submit('r1');
//   const m1 = run.send('r1');
//   run.deliver(m1);
//   run.receipt('mottatt', m1);
//   run.ack(m1);
//   run.readBack('r1', 'as-sent');
//   checkHistory(run.events(), { expectedReports: 1 });
//
// Synthetic data only: invented names with æøå, no real person.
import { createHash } from 'node:crypto';
import type { ReportType } from '../../contracts/message-types.ts';
import type { DeadLetterReason } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import type { PortalState, TransitionCause } from '../../providers/portal/portal-states.ts';
import { contentSha256 } from '../history/content-digest.ts';
import type { HistoryEvent, HistoryEventBody, HistoryReceiptKind } from '../history/history-event.ts';
import { type History, createHistory } from '../history/history.ts';
import { generateReport, seededRandom } from '../workloads/index.ts';

export interface SubmittedReport {
  readonly reportId: string;
  readonly meldingstype: ReportType;
  readonly kommunenummer: string;
  readonly bydelsnummer: string;
  readonly content: Record<string, unknown>;
  readonly pdf: Uint8Array;
}

export interface SubmitOptions {
  readonly meldingstype?: ReportType;
  readonly kommunenummer?: string;
  readonly bydelsnummer?: string;
  /** The length of the report's main text (melding); 200 by default. */
  readonly textLength?: number;
  /** Keep the content in report-submitted (true by default), so differences are named by path. */
  readonly keepContent?: boolean;
  /**
   * A report valid against KS's schema of its type, from the workload generator (seeded by the
   * report id); by default the content is a small synthetic one that the schema does not accept,
   * which suits every story but a refusal's.
   */
  readonly valid?: boolean;
}

export type ReadBackAnswer = 'as-sent' | 'not-found' | { readonly unknown: string } | ((asSent: ReadBack) => ReadBack);

export interface HistoryBuilder {
  readonly history: History;
  submit(reportId: string, options?: SubmitOptions): SubmittedReport;
  /** The portal sends the report; returns the new melding-id (`<reportId>/m1`, `/m2`, … unless given). */
  send(reportId: string, meldingId?: string): string;
  sendFailed(reportId: string, error?: string): void;
  deliver(meldingId: string): void;
  ack(meldingId: string): void;
  nack(meldingId: string): void;
  deadLetter(meldingId: string, reason: DeadLetterReason): void;
  /** A receipt arrives at the portal; returns its own melding-id (`receipt-<n>` unless given). */
  receipt(kind: Exclude<HistoryReceiptKind, 'unreadable'>, svarTil: string, meldingId?: string): string;
  portalState(reportId: string, from: PortalState, to: PortalState, cause: TransitionCause): void;
  faultInjected(name: string, evidence: unknown, faultId?: string): void;
  faultHealed(name: string, faultId?: string): void;
  operation(op: string, outcome: 'ok' | 'fail' | 'unknown', detail?: unknown): void;
  /** The run's final read-back of a report: as it was sent, not found, unknown, or a changed copy. */
  readBack(reportId: string, answer: ReadBackAnswer): void;
  /** The whole correct path for one report: submit, send, deliver, mottatt, ack, LEVERT. */
  correctReport(reportId: string, options?: SubmitOptions): string;
  append(event: HistoryEventBody): void;
  events(): readonly HistoryEvent[];
  submitted(reportId: string): SubmittedReport;
}

/** A clock that moves one millisecond per reading: every event its own instant. */
function steppingClock(start: number): { now(): number } {
  let now = start;
  return { now: () => now++ };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Synthetic report content with Norwegian letters in names and text. */
export function syntheticContent(reportId: string, kommunenummer: string, bydelsnummer: string, textLength: number): Record<string, unknown> {
  const sentence = 'Barnet på Grünerløkka fortalte om mye krangling hjemme; Åse Ødegård ble bekymret. ';
  return {
    kommunenummer,
    bydelsnummer,
    melding: sentence.repeat(Math.ceil(textLength / sentence.length)).slice(0, textLength),
    barn: [{ fornavn: 'Søren', etternavn: 'Bjørnstad', referanse: reportId }],
    melder: { navn: 'Kjærstin Æsøy', rolle: 'helsesykepleier' },
  };
}

export function historyBuilder(start = Date.UTC(2026, 0, 5, 8, 0, 0)): HistoryBuilder {
  const history = createHistory(steppingClock(start));
  const reports = new Map<string, SubmittedReport>();
  const sends = new Map<string, number>();
  const deliveries = new Map<string, number>();
  let receipts = 0;

  const submitted = (reportId: string): SubmittedReport => {
    const report = reports.get(reportId);
    if (report === undefined) throw new Error(`historyBuilder: report ${reportId} was not submitted; call submit('${reportId}') first`);
    return report;
  };
  const asSent = (report: SubmittedReport): ReadBack => ({
    bekymringsmeldingId: report.reportId,
    meldingstype: report.meldingstype,
    // A copy, as a store would hold it: a test that changes it must not change what was sent.
    bekymringsmelding: structuredClone(report.content),
    pdf: { sha256: sha256(report.pdf), bytes: report.pdf.length },
    synligFor: [{ kommunenummer: report.kommunenummer, bydelsnummer: report.bydelsnummer }],
    antallSaker: 1,
  });

  const builder: HistoryBuilder = {
    history,
    submit(reportId, options = {}) {
      const meldingstype = options.meldingstype ?? 'no.ks.fiks.bekymringsmelding.offentlig.v2';
      const generated = options.valid === true ? generateReport(seededRandom(`history-test-kit ${reportId}`), { type: meldingstype }).content : undefined;
      const kommunenummer = generated?.kommunenummer ?? options.kommunenummer ?? '0301';
      const bydelsnummer = generated?.bydelsnummer ?? options.bydelsnummer ?? '04';
      const report: SubmittedReport = {
        reportId,
        meldingstype,
        kommunenummer,
        bydelsnummer,
        content: generated === undefined ? syntheticContent(reportId, kommunenummer, bydelsnummer, options.textLength ?? 200) : { ...generated },
        pdf: new TextEncoder().encode(`%PDF-1.7 synthetic report ${reportId}`),
      };
      reports.set(reportId, report);
      history.append({
        event: 'report-submitted',
        reportId,
        meldingstype: report.meldingstype,
        kommunenummer,
        bydelsnummer,
        contentSha256: contentSha256(report.content),
        pdfSha256: sha256(report.pdf),
        ...(options.keepContent === false ? {} : { content: report.content }),
      });
      return report;
    },
    send(reportId, meldingId) {
      const attempt = (sends.get(reportId) ?? 0) + 1;
      sends.set(reportId, attempt);
      const id = meldingId ?? `${reportId}/m${attempt}`;
      history.append({ event: 'sent', reportId, meldingId: id });
      return id;
    },
    sendFailed: (reportId, error = 'send API answered 503') => void history.append({ event: 'send-failed', reportId, error }),
    deliver(meldingId) {
      const count = deliveries.get(meldingId) ?? 0;
      deliveries.set(meldingId, count + 1);
      history.append({ event: 'delivered', meldingId, deliveryCount: count, redelivered: count > 0 });
    },
    ack: (meldingId) => void history.append({ event: 'acked', meldingId }),
    nack: (meldingId) => void history.append({ event: 'nacked', meldingId }),
    deadLetter: (meldingId, reason) => void history.append({ event: 'dead-lettered', meldingId, reason }),
    receipt(kind, svarTil, meldingId) {
      receipts += 1;
      const id = meldingId ?? `receipt-${receipts}`;
      history.append({ event: 'receipt', kind, svarTil, meldingId: id });
      return id;
    },
    portalState: (reportId, from, to, cause) => void history.append({ event: 'portal-state', reportId, from, to, cause }),
    faultInjected: (name, evidence, faultId = name) => void history.append({ event: 'fault-injected', faultId, name, evidence }),
    faultHealed: (name, faultId = name) => void history.append({ event: 'fault-healed', faultId, name, evidence: { healed: true } }),
    operation: (op, outcome, detail) => void history.append({ event: 'operation', op, outcome, ...(detail === undefined ? {} : { detail }) }),
    readBack(reportId, answer) {
      if (answer === 'not-found') {
        history.append({ event: 'read-back', reportId, outcome: 'not-found' });
      } else if (typeof answer === 'object') {
        history.append({ event: 'read-back', reportId, outcome: 'unknown', error: answer.unknown });
      } else {
        const stored = asSent(submitted(reportId));
        history.append({ event: 'read-back', reportId, outcome: 'found', readBack: answer === 'as-sent' ? stored : answer(stored) });
      }
    },
    correctReport(reportId, options) {
      builder.submit(reportId, options);
      builder.portalState(reportId, 'AKSEPTERT', 'SENDT_FAGSYSTEM', 'sent');
      const meldingId = builder.send(reportId);
      builder.deliver(meldingId);
      builder.receipt('mottatt', meldingId);
      builder.ack(meldingId);
      builder.portalState(reportId, 'SENDT_FAGSYSTEM', 'LEVERT', 'mottatt');
      return meldingId;
    },
    append: (event) => void history.append(event),
    events: () => history.events(),
    submitted,
  };
  return builder;
}
