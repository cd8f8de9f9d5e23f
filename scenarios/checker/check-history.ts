// checkHistory: Jepsen's checker for one run. It reads the history once (history-facts.ts), files
// each receipt under the report its svar-til names, judges every report (report-verdict.ts) and
// then the run. Linear in the number of events: one pass with maps, then one pass over the
// receipts and one over the reports, never a scan inside a scan. When the run shows answers
// naming the wrong delivery (misdirected-answers.ts: answers beyond deliveries AND reports taken
// but never answered), the reports involved are judged once more with that in view.
//
// It judges only what an outsider observes — the portal's view, the broker's, the send API's and
// the final read-back — so it can judge a receiver in any language, built by anyone.
import type { CheckResult, FaultEvidence, MisattributedReceipt, ReportEvidence } from './check-result.ts';
import { hasEvidence } from './fault-evidence.ts';
import { collectFacts } from './history-facts.ts';
import type { HistoryFacts, ReportFacts } from './history-facts.ts';
import type { HistoryEvent } from '../history/history-event.ts';
import { type AnsweredBeyondDeliveries, type Misdirection, answersBeyondDeliveries } from './misdirected-answers.ts';
import { judgeReport } from './report-verdict.ts';
import type { Validity } from './validity.ts';
import { FAILING_VERDICTS, emptyVerdictCounts, emptyVerdictLists } from './verdicts.ts';

export interface CheckOptions {
  /** How many reports the run meant to submit: fewer is too little traffic, so unknown. */
  readonly expectedReports: number;
  /** Faults (by name or faultId) that must have fired, with evidence, or the run is unknown. */
  readonly requireFaultsFired?: readonly string[];
}

/** How many ids a reason names before it says "and N more"; perReport has them all. */
const IDS_IN_A_REASON = 10;

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, IDS_IN_A_REASON).join(', ');
  return ids.length > IDS_IN_A_REASON ? `${shown} and ${ids.length - IDS_IN_A_REASON} more` : shown;
}

const FAILURE_WORDS: Readonly<Record<(typeof FAILING_VERDICTS)[number], string>> = {
  lost: 'lost: mottatt reached the portal, but the case system does not hold exactly what was sent',
  misattributed: 'misattributed: an answer names a melding-id the receiver was not answering (not yet delivered to it, or answered beyond its deliveries while reports it took went unanswered)',
  duplicated: 'duplicated: stored as more than one case',
  misrouted: 'misrouted: stored where the responsible municipality/district cannot see it',
  'wrongly-refused': 'wrongly-refused: answered feilet although the report was valid against its schema and no fault excused it (the portal sends it by post)',
  unanswered: 'unanswered: delivered, but neither mottatt nor feilet came back (a silent drop; the portal falls back to post)',
};

/** The receipts that answer nobody's delivery; collectFacts has filed the rest under their reports. */
function misattributedReceipts(facts: HistoryFacts): MisattributedReceipt[] {
  const misattributed: MisattributedReceipt[] = [];
  for (let index = 0; index < facts.receipts.length; index++) {
    const receipt = facts.receipts[index];
    if (receipt === undefined) continue;
    const owner = facts.receiptOwners[index];
    if (owner === undefined) {
      misattributed.push({ ...receipt, why: 'unknown-svar-til' });
      continue;
    }
    // Only the case system's own answers claim to have seen the message; Fiks IO's tidsavbrudd is
    // precisely about a message nobody consumed.
    if ((receipt.kind === 'mottatt' || receipt.kind === 'feilet') && !receipt.deliveredBefore) {
      misattributed.push({ ...receipt, why: 'not-delivered-before', reportId: owner.reportId });
    }
  }
  return misattributed;
}

function faultEvidence(facts: HistoryFacts): FaultEvidence[] {
  return [...facts.faults.values()].map((fault) => ({
    faultId: fault.faultId,
    name: fault.name,
    ...(fault.injected === undefined ? {} : { injectedSeq: fault.injected.seq, evidence: fault.injected.evidence }),
    ...(fault.healed === undefined ? {} : { healedSeq: fault.healed.seq }),
  }));
}

export function checkHistory(events: Iterable<HistoryEvent>, options: CheckOptions): CheckResult {
  if (!Number.isSafeInteger(options.expectedReports) || options.expectedReports < 0) {
    throw new RangeError(`checkHistory: expectedReports must be a whole number ≥ 0, got ${String(options.expectedReports)}`);
  }
  const facts = collectFacts(events);
  const misattributed = misattributedReceipts(facts);

  // Pass one: every report on its own. Its facts, evidence and answers beyond deliveries sit at
  // the same index of three lists (in the reports' order), not in an object per report.
  const judged: ReportFacts[] = [];
  const evidences: ReportEvidence[] = [];
  const beyonds: (readonly AnsweredBeyondDeliveries[])[] = [];
  const unanswered: string[] = [];
  const overAnswered: (AnsweredBeyondDeliveries & { readonly reportId: string })[] = [];
  for (const report of facts.reports.values()) {
    const beyond = answersBeyondDeliveries(report.receipts, facts.meldinger);
    const evidence = judgeReport(report, report.receipts, facts.meldinger, { beyondDeliveries: beyond });
    judged.push(report);
    evidences.push(evidence);
    beyonds.push(beyond);
    if (report.deadlinePassed && (evidence.verdict === 'unanswered' || evidence.flags.includes('unanswered'))) unanswered.push(report.reportId);
    for (const each of beyond) overAnswered.push({ ...each, reportId: report.reportId });
  }
  // Pass two, only when both traces are there: the reports on either side, judged again.
  if (unanswered.length > 0 && overAnswered.length > 0) {
    const misdirection: Misdirection = { unanswered, overAnswered };
    const silent = new Set(unanswered);
    judged.forEach((report, index) => {
      const beyond = beyonds[index] ?? [];
      if (beyond.length === 0 && !silent.has(report.reportId)) return;
      evidences[index] = judgeReport(report, report.receipts, facts.meldinger, { beyondDeliveries: beyond, misdirection });
    });
    for (const each of overAnswered) {
      for (const receipt of each.extra) misattributed.push({ ...receipt, why: 'answers-another-delivery', reportId: each.reportId });
    }
  }

  const counts = emptyVerdictCounts();
  const reports = emptyVerdictLists();
  const perReport: Record<string, ReportEvidence> = {};
  let reachedReceiver = 0;
  for (const evidence of evidences) {
    const { reportId } = evidence;
    counts[evidence.verdict] += 1;
    reports[evidence.verdict].push(reportId);
    // As Object.fromEntries would: a report id such as __proto__ is a key like any other.
    if (reportId === '__proto__') Object.defineProperty(perReport, reportId, { value: evidence, enumerable: true, writable: true, configurable: true });
    else perReport[reportId] = evidence;
    if (evidence.delivered.length > 0 || evidence.receipts.some((receipt) => receipt.kind === 'mottatt' || receipt.kind === 'feilet') || (evidence.readBack?.outcome === 'found')) {
      reachedReceiver += 1;
    }
  }

  const reasons: string[] = [];
  let valid: Validity = true;
  for (const verdict of FAILING_VERDICTS) {
    const ids = reports[verdict];
    if (ids.length > 0) reasons.push(`${ids.length} ${ids.length === 1 ? 'report' : 'reports'} ${FAILURE_WORDS[verdict]}: ${listIds(ids)}`);
  }
  const unknownSvarTil = misattributed.filter((receipt) => receipt.why === 'unknown-svar-til');
  if (unknownSvarTil.length > 0) {
    reasons.push(`${unknownSvarTil.length} receipt(s) answer a melding-id the portal never sent: ${listIds(unknownSvarTil.map((receipt) => `${receipt.kind} ${receipt.meldingId} → svar-til ${receipt.svarTil} (seq ${receipt.seq})`))}`);
  }
  if (reasons.length > 0) valid = false;
  if (facts.deliveredEvents === 0 && facts.receipts.some((receipt) => receipt.kind === 'mottatt' || receipt.kind === 'feilet')) {
    reasons.push('the history holds receipts from the case system but not one delivered event: was the broker observed (recordDeliveries)? Every answer counts as misattributed without it.');
  }

  if (valid === true) {
    if (facts.submitted === 0) {
      reasons.push(`no report was submitted (${options.expectedReports} expected), so nothing was checked`);
    } else {
      if (facts.submitted < options.expectedReports) {
        reasons.push(`too little traffic: ${facts.submitted} of the ${options.expectedReports} expected reports were submitted`);
      }
      if (reachedReceiver === 0) reasons.push('too little traffic: not one report reached the receiver (none delivered, answered or stored)');
    }
    for (const required of options.requireFaultsFired ?? []) {
      const fired = [...facts.faults.values()].some((fault) => (fault.name === required || fault.faultId === required) && fault.injected !== undefined && hasEvidence(fault.injected.evidence));
      if (!fired) reasons.push(`fault ${required} was required to fire, but the history has no fault-injected event for it with evidence`);
    }
    const unknown = reports.unknown;
    if (unknown.length > 0) reasons.push(`${unknown.length} ${unknown.length === 1 ? 'report has' : 'reports have'} no verdict (see perReport for why): ${listIds(unknown)}`);
    if (reasons.length > 0) valid = 'unknown';
  }

  return {
    valid,
    reasons,
    counts,
    reports,
    misattributedReceipts: misattributed,
    unreadableReceipts: facts.unreadableReceipts,
    faults: faultEvidence(facts),
    operations: facts.operations,
    events: facts.events,
    perReport,
  };
}
