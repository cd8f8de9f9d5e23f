// What one run of N reports came to, as plain JSON: how many were sent, delivered, stored (once),
// stored exactly as sent, which receipts came back, where the portal left each report, what the
// checker said, and how long it took. Everything is counted from the run's history (what an
// outsider saw) and the final read-back. The verdict is three-valued: 'unknown' when the run could
// not reach an answer (a bound was hit, a read-back could not be trusted) — never a pass, never a
// fail.
import { createHash } from 'node:crypto';
import type { ReceiptKind } from '../../providers/portal/index.ts';
import type { PortalState } from '../../providers/portal/index.ts';
import { type CheckResult, type Validity, type Verdict, FINAL_FAILING_VERDICTS } from '../../scenarios/checker/index.ts';
import { type HistoryEvent, historyJsonLine } from '../../scenarios/history/index.ts';
import type { EnvironmentKind } from '../environments/run-environment.ts';
import type { ReportReadBack } from './read-back-all.ts';
import type { FinalOutcome } from './wait-until-final.ts';

export type RunVerdict = 'pass' | 'fail' | 'unknown';

export interface RunTiming {
  /** Start to summary, in real ms. */
  readonly wallMs: number;
  /** Generating the reports and the portal's accept (which renders each PDF). */
  readonly prepareMs: number;
  /** From the first send until every report was final. */
  readonly deliverMs: number;
  readonly readBackMs: number;
  /** reports / wallMs. */
  readonly reportsPerSecond: number;
  /** reports / deliverMs: the pipeline portal → Fiks IO → case system → receipt → portal. */
  readonly deliveredPerSecond: number;
}

export interface RunSummary {
  readonly adapter: string;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  readonly reports: number;
  /** Reports the portal sent at least once; `sends` counts resends too. */
  readonly sent: number;
  readonly sends: number;
  /** Reports the receiver got at least once; `deliveries` counts redeliveries too. */
  readonly delivered: number;
  readonly deliveries: number;
  readonly redeliveries: number;
  /** Reports the case system holds at least one case for. */
  readonly stored: number;
  /** Reports with more than one case. */
  readonly duplicates: number;
  /** Reports held exactly as sent (JSON deep-equal, PDF SHA-256, visible where sent, one case). */
  readonly contentEqual: number;
  /** Read-backs whose answer could not be trusted. */
  readonly readBackUnknown: number;
  /** Distinct receipts the portal handled, by kind. */
  readonly receipts: Readonly<Record<ReceiptKind, number>>;
  readonly portalStates: Readonly<Record<PortalState, number>>;
  readonly leveredByMottatt: number;
  readonly leveredByPost: number;
  /** Every report reached a final state within the bounds. */
  readonly finished: boolean;
  readonly verdict: RunVerdict;
  /** What kept the run from passing (at most MAX_PROBLEMS lines); empty on a pass. */
  readonly problems: readonly string[];
  /** scenarios/checker on the history: its validity, the verdicts that occurred, its reasons. */
  readonly checker: {
    readonly valid: Validity;
    readonly counts: Readonly<Partial<Record<Verdict, number>>>;
    readonly reasons: readonly string[];
  };
  /** SHA-256 of the whole history as JSON lines: equal for two embedded runs of one seed. */
  readonly historyDigest: string;
  readonly events: number;
  /** embedded: virtual time the run took; services: null. */
  readonly virtualMs: number | null;
  readonly timing: RunTiming;
}

export const MAX_PROBLEMS = 20;

export interface SummaryInput {
  readonly adapter: string;
  readonly environment: EnvironmentKind;
  readonly seed: string;
  readonly reportIds: readonly string[];
  readonly sentIds: ReadonlySet<string>;
  readonly sends: number;
  /** The run's history. */
  readonly events: readonly HistoryEvent[];
  /** checkHistory on those events. */
  readonly check: CheckResult;
  readonly portalStates: Readonly<Record<PortalState, number>>;
  readonly leveredByMottatt: readonly string[];
  readonly readBacks: readonly ReportReadBack[];
  readonly outcome: FinalOutcome;
  readonly virtualMs: number | null;
  readonly timing: RunTiming;
}


function historyFacts(events: readonly HistoryEvent[]): { deliveredReports: number; deliveries: number; redeliveries: number; receipts: Record<ReceiptKind, number>; digest: string } {
  const reportOf = new Map<string, string>();
  const deliveredReports = new Set<string>();
  const receipts: Record<ReceiptKind, number> = { mottatt: 0, feilet: 0, serverfeil: 0, tidsavbrudd: 0 };
  const seenReceipts = new Set<string>();
  const hash = createHash('sha256');
  let deliveries = 0;
  let redeliveries = 0;
  for (const event of events) {
    hash.update(historyJsonLine(event));
    if (event.event === 'sent') reportOf.set(event.meldingId, event.reportId);
    else if (event.event === 'delivered') {
      deliveries += 1;
      if (event.redelivered) redeliveries += 1;
      deliveredReports.add(reportOf.get(event.meldingId) ?? event.meldingId);
    } else if (event.event === 'receipt' && event.kind !== 'unreadable' && !seenReceipts.has(event.meldingId)) {
      seenReceipts.add(event.meldingId);
      receipts[event.kind] += 1;
    }
  }
  return { deliveredReports: deliveredReports.size, deliveries, redeliveries, receipts, digest: hash.digest('hex') };
}

export function summarise(input: SummaryInput): RunSummary {
  const facts = historyFacts(input.events);
  const byMottatt = new Set(input.leveredByMottatt);
  const count = (outcome: ReportReadBack['outcome']): number => input.readBacks.filter((readBack) => readBack.outcome === outcome).length;
  const stored = input.readBacks.filter((readBack) => (readBack.antallSaker ?? 0) > 0).length;
  const duplicates = input.readBacks.filter((readBack) => (readBack.antallSaker ?? 0) > 1).length;
  const reports = input.reportIds.length;

  const problems: string[] = [];
  if (!input.outcome.finished) problems.push(`no answer: ${input.outcome.reason}`);
  const notByMottatt = input.reportIds.filter((id) => !byMottatt.has(id));
  if (notByMottatt.length > 0) problems.push(`${notByMottatt.length} report(s) not LEVERT by mottatt, e.g. ${notByMottatt.slice(0, 3).join(', ')}`);
  for (const readBack of input.readBacks) {
    if (readBack.outcome !== 'match') problems.push(`${readBack.bekymringsmeldingId}: read-back ${readBack.outcome}: ${readBack.details.join('; ')}`);
  }
  if (input.check.valid === false) problems.push(...input.check.reasons.map((reason) => `checker: ${reason}`));
  const readBackUnknown = count('unknown');
  // false > unknown > true: a report confirmed by mottatt that is not held as sent is lost whatever
  // else is still open, and a second case is a duplicate; an unfinished run is otherwise unknown.
  const lost = input.readBacks.filter((readBack) => byMottatt.has(readBack.bekymringsmeldingId) && (readBack.outcome === 'not-found' || readBack.outcome === 'different'));
  const checkerFailsForGood = FINAL_FAILING_VERDICTS.some((verdict) => input.check.counts[verdict] > 0) || input.check.misattributedReceipts.length > 0;
  const ownVerdict: RunVerdict =
    lost.length > 0 || duplicates > 0
      ? 'fail'
      : !input.outcome.finished || readBackUnknown > 0
        ? 'unknown'
        : notByMottatt.length === 0 && count('match') === reports
          ? 'pass'
          : 'fail';
  const checkerVerdict: RunVerdict =
    input.check.valid === true ? 'pass' : input.check.valid === false && (input.outcome.finished || checkerFailsForGood) ? 'fail' : 'unknown';
  const verdict: RunVerdict = ownVerdict === 'fail' || checkerVerdict === 'fail' ? 'fail' : ownVerdict === 'unknown' || checkerVerdict === 'unknown' ? 'unknown' : 'pass';
  return {
    adapter: input.adapter,
    environment: input.environment,
    seed: input.seed,
    reports,
    sent: input.sentIds.size,
    sends: input.sends,
    delivered: facts.deliveredReports,
    deliveries: facts.deliveries,
    redeliveries: facts.redeliveries,
    stored,
    duplicates,
    contentEqual: count('match'),
    readBackUnknown,
    receipts: facts.receipts,
    portalStates: input.portalStates,
    leveredByMottatt: byMottatt.size,
    leveredByPost: input.portalStates.LEVERT - byMottatt.size,
    finished: input.outcome.finished,
    verdict,
    problems: problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems,
    checker: {
      valid: input.check.valid,
      counts: Object.fromEntries(Object.entries(input.check.counts).filter(([, value]) => value > 0)),
      reasons: input.check.reasons,
    },
    historyDigest: facts.digest,
    events: input.events.length,
    virtualMs: input.virtualMs,
    timing: input.timing,
  };
}
