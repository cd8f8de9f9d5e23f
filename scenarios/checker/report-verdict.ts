// One report's verdict, from what the history showed about it. The rules (DESIGN.md):
// - a mottatt is the case system's promise that it stored the report: the final read-back must
//   then find exactly what was submitted, or the report is lost — whatever else happened;
// - a mottatt or feilet for a melding-id the broker had not delivered yet answers for a report the
//   receiver had not seen: misattributed;
// - a stored copy must be one case, visible to the unit it was sent to (duplicated, misrouted);
// - delivered but neither mottatt nor feilet, and Fiks IO did not answer for it either:
//   unanswered (a silent drop), stored or not — the portal learns nothing for two working days;
// - no answer from the case system, but Fiks IO's serverfeil or tidsavbrudd told the portal:
//   recovered when stored exactly, else undelivered; feilet alone: refused. All go to letter
//   post: delayed, not lost;
// - a feilet for a report valid against its own schema, with no fault to excuse it, is wrongly
//   refused (refusal-judgement.ts): the case system could have taken it;
// - answers beyond a melding-id's deliveries in a run where reports the receiver took went
//   unanswered: misattributed, both sides (misdirected-answers.ts).
// A read-back that could not be trusted leaves everything but misattribution and a wrong refusal
// unknown.
import type { ReadBackEvidence, ReceiptEvidence, ReportEvidence } from './check-result.ts';
import type { MeldingFacts, ReportFacts } from './history-facts.ts';
import { type AnsweredBeyondDeliveries, type Misdirection, describeOverAnswered, describeUnanswered } from './misdirected-answers.ts';
import { type RefusalJudgement, judgeRefusal } from './refusal-judgement.ts';
import { type StoredComparison, compareStored } from './stored-comparison.ts';
import { type FailingVerdict, type ReportFlag, type Verdict, FAILING_VERDICTS } from './verdicts.ts';

interface Judgement {
  readonly verdict: Verdict;
  readonly flags: ReportFlag[];
  readonly reasons: string[];
  readonly readBack?: ReadBackEvidence;
}

function readBackEvidence(facts: ReportFacts, comparison: StoredComparison | undefined): ReadBackEvidence | undefined {
  const event = facts.finalReadBack;
  if (event === undefined) return undefined;
  const differences = comparison === undefined ? [] : [...comparison.different, ...(comparison.misrouted === undefined ? [] : [comparison.misrouted])];
  return {
    seq: event.seq,
    outcome: event.outcome,
    ...(event.readBack === undefined ? {} : { antallSaker: event.readBack.antallSaker }),
    differences,
    ...(event.error === undefined ? {} : { error: event.error }),
  };
}

/** Why the final read-back cannot be trusted, or undefined when it can. */
function untrustedBecause(facts: ReportFacts): string | undefined {
  const event = facts.finalReadBack;
  if (event === undefined) return 'it was never read back';
  if (event.outcome === 'unknown') return `the final read-back (seq ${event.seq}) could not be trusted: ${event.error ?? 'no reason given'}`;
  if (event.outcome === 'found') {
    if (event.readBack === undefined) return `the final read-back (seq ${event.seq}) says found but holds no read-back`;
    if (event.readBack.bekymringsmeldingId !== facts.reportId) return `the final read-back (seq ${event.seq}) is about ${event.readBack.bekymringsmeldingId}, not this report`;
  }
  return undefined;
}

/**
 * Read-backs asked for after a mottatt had arrived, that did not find exactly what was sent: the
 * receipt came before the durable write. The final read-back is judged on its own below.
 */
function prematureMottatt(facts: ReportFacts, mottatt: readonly ReceiptEvidence[]): string[] {
  if (mottatt.length === 0 || facts.probes.length === 0) return [];
  let first = mottatt[0];
  for (const receipt of mottatt) if (first === undefined || receipt.seq < first.seq) first = receipt;
  if (first === undefined) return [];
  const reasons: string[] = [];
  for (const probe of facts.probes) {
    if (probe === facts.finalReadBack || probe.askedAfterSeq === undefined || probe.askedAfterSeq < first.seq || probe.outcome === 'unknown') continue;
    let notHeld: readonly string[] = [];
    if (probe.outcome === 'not-found') notHeld = ['it found nothing'];
    else if (probe.readBack !== undefined && probe.readBack.bekymringsmeldingId === facts.reportId) {
      if (probe.readBack.antallSaker < 1) notHeld = ['it found no case (antallSaker 0)'];
      else if (facts.submitted !== undefined) notHeld = compareStored(facts.submitted, probe.readBack).different;
    }
    if (notHeld.length > 0) {
      reasons.push(`mottatt ${first.meldingId} (seq ${first.seq}) came before the report was held: the read-back asked after it (seq ${probe.seq}, asked after seq ${probe.askedAfterSeq}) did not find what was sent: ${notHeld.join('; ')}`);
    }
  }
  return reasons;
}

/** What the rest of the run tells about this report's answers. */
export interface JudgeContext {
  /** Its melding-ids answered more often than delivered. */
  readonly beyondDeliveries: readonly AnsweredBeyondDeliveries[];
  /** Set when the run shows both traces of answers naming the wrong delivery. */
  readonly misdirection?: Misdirection;
}

interface Observed {
  readonly delivered: boolean;
  readonly platformReceipt: boolean;
  readonly refusal: RefusalJudgement;
}

function judge(facts: ReportFacts, receipts: readonly ReceiptEvidence[], observed: Observed, context: JudgeContext): Judgement {
  const { delivered, platformReceipt, refusal } = observed;
  const mottatt = receipts.filter((receipt) => receipt.kind === 'mottatt');
  const feilet = receipts.filter((receipt) => receipt.kind === 'feilet');
  const answered = mottatt.length > 0 || feilet.length > 0;
  const unseen = receipts.filter((receipt) => (receipt.kind === 'mottatt' || receipt.kind === 'feilet') && !receipt.deliveredBefore);
  const flags: ReportFlag[] = [];
  const reasons: string[] = [];
  const failing = new Set<FailingVerdict>();

  if (unseen.length > 0) {
    failing.add('misattributed');
    for (const receipt of unseen) {
      reasons.push(`${receipt.kind} ${receipt.meldingId} (seq ${receipt.seq}) answers ${receipt.svarTil}, which had not been delivered to the receiver when it arrived`);
    }
  }
  if (mottatt.length > 0 && feilet.length > 0) flags.push('mottatt-and-feilet');
  if (refusal.kind === 'wrong') {
    failing.add('wrongly-refused');
    reasons.push(refusal.reason);
  }
  if (refusal.kind === 'excused') flags.push('refusal-excused');
  const misdirection = context.misdirection;
  if (misdirection !== undefined && context.beyondDeliveries.length > 0 && misdirection.unanswered.length > 0) {
    failing.add('misattributed');
    for (const beyond of context.beyondDeliveries) {
      const extra = beyond.extra.map((receipt) => `${receipt.kind} ${receipt.meldingId} (seq ${receipt.seq})`).join(', ');
      reasons.push(
        `${beyond.svarTil} was answered ${beyond.answers} times but delivered ${beyond.deliveries} ${beyond.deliveries === 1 ? 'time' : 'times'}; the answers beyond its deliveries (${extra}) belong to other deliveries, as ${describeUnanswered(misdirection)}`,
      );
    }
  }

  const premature = prematureMottatt(facts, mottatt);
  if (premature.length > 0) {
    failing.add('lost');
    reasons.push(...premature);
  }

  const untrusted = untrustedBecause(facts);
  const submitted = facts.submitted;
  const event = facts.finalReadBack;
  let comparison: StoredComparison | undefined;
  let equalOnce = false;
  if (untrusted === undefined && event !== undefined) {
    const readBack = event.outcome === 'found' ? event.readBack : undefined;
    if (readBack !== undefined && submitted !== undefined) comparison = compareStored(submitted, readBack);
    const stored = comparison?.stored ?? false;
    const notStoredWhy = readBack === undefined ? 'the final read-back finds nothing' : readBack.antallSaker < 1 ? 'the final read-back finds no case (antallSaker 0)' : undefined;
    if (mottatt.length > 0 && (notStoredWhy !== undefined || (comparison?.different.length ?? 0) > 0)) {
      failing.add('lost');
      const first = mottatt[0];
      const claim = first === undefined ? '' : `mottatt ${first.meldingId} (seq ${first.seq}) answered ${first.svarTil}, yet `;
      reasons.push(`${claim}${notStoredWhy ?? 'what is stored is not what was sent'}`);
      if (notStoredWhy === undefined) reasons.push(...(comparison?.different ?? []));
    }
    if (comparison !== undefined && stored) {
      if (comparison.duplicated) {
        failing.add('duplicated');
        reasons.push(`stored as ${comparison.antallSaker} cases, expected exactly 1`);
      }
      if (comparison.misrouted !== undefined) {
        failing.add('misrouted');
        reasons.push(comparison.misrouted);
      }
      if (comparison.visibleToOthers) flags.push('visible-to-others');
      if (feilet.length > 0 && mottatt.length === 0) flags.push('stored-after-feilet');
      equalOnce = comparison.different.length === 0 && !comparison.duplicated && comparison.misrouted === undefined;
    }
    // Without a submission a found copy cannot be judged, so neither can the silence about it.
    const storageKnown = readBack === undefined || comparison !== undefined;
    // Silence is a failure unless the platform broke it: serverfeil or tidsavbrudd tell the portal
    // at once, and it sends the report by post. A receiver that stores a report and never answers
    // is silent all the same — the portal waits two working days and posts a report the
    // caseworker already has — so being stored does not excuse it.
    if (!answered && delivered && storageKnown && !platformReceipt) {
      failing.add('unanswered');
      reasons.push(
        `delivered to the receiver, but neither mottatt nor feilet came back, nor did Fiks IO answer for it; ${
          readBack === undefined || !stored ? 'it is not stored' : equalOnce ? 'it is stored, but the portal was never told' : 'what is stored is not the report, once, where it belongs'
        }`,
      );
      if (misdirection !== undefined && misdirection.overAnswered.length > 0 && facts.deadlinePassed) {
        failing.add('misattributed');
        reasons.push(`its answer went to another delivery: ${describeOverAnswered(misdirection)}`);
      }
    }
  }

  const failures = FAILING_VERDICTS.filter((verdict) => failing.has(verdict));
  const [primary, ...others] = failures;
  if (primary !== undefined) {
    return { verdict: primary, flags: [...others, ...flags], reasons, ...optionalReadBack(facts, comparison) };
  }
  if (untrusted !== undefined) return { verdict: 'unknown', flags, reasons: [...reasons, untrusted], ...optionalReadBack(facts, comparison) };
  if (submitted === undefined) {
    return { verdict: 'unknown', flags, reasons: [...reasons, 'the history has no report-submitted for it: nothing to compare the read-back with'], ...optionalReadBack(facts, comparison) };
  }
  let verdict: Verdict;
  if (mottatt.length > 0) {
    verdict = 'ok';
    reasons.push('mottatt, and stored exactly once, equal, visible to the unit it was sent to');
  } else if (feilet.length > 0) {
    if (refusal.kind === 'unknown') return { verdict: 'unknown', flags, reasons: [...reasons, refusal.reason], ...optionalReadBack(facts, comparison) };
    verdict = 'refused';
    reasons.push(refusal.kind === 'none' ? 'answered feilet: the portal sends it by post' : refusal.reason);
  } else if (equalOnce) {
    verdict = 'recovered';
    reasons.push('no answer came from the case system, yet it is stored exactly once, equal, where it belongs (Fiks IO told the portal, which also sends it by post)');
  } else if (platformReceipt) {
    verdict = 'undelivered';
    reasons.push(
      delivered
        ? 'delivered but never taken (no ack, no answer); Fiks IO returned it to the portal, which sends it by post'
        : 'never delivered to the receiver; Fiks IO told the portal, which sends it by post',
    );
  } else {
    verdict = 'unknown';
    reasons.push(
      facts.meldingIds.length === 0
        ? 'the portal never sent it, so the receiver was never tested with it'
        : 'never delivered to the receiver and nobody answered: the run did not exercise it',
    );
  }
  return { verdict, flags, reasons, ...optionalReadBack(facts, comparison) };
}

function optionalReadBack(facts: ReportFacts, comparison: StoredComparison | undefined): { readonly readBack?: ReadBackEvidence } {
  const evidence = readBackEvidence(facts, comparison);
  return evidence === undefined ? {} : { readBack: evidence };
}

/** The verdict and its evidence for one report; `receipts` are the readable receipts whose svar-til is one of its melding-ids. */
export function judgeReport(facts: ReportFacts, receipts: readonly ReceiptEvidence[], meldinger: ReadonlyMap<string, MeldingFacts>, context: JudgeContext): ReportEvidence {
  const delivered: string[] = [];
  const nacked: string[] = [];
  const deadLettered: { meldingId: string; reason: MeldingFacts['deadLettered'][number] }[] = [];
  let deliveries = 0;
  for (const meldingId of facts.meldingIds) {
    const melding = meldinger.get(meldingId);
    if (melding === undefined) continue;
    if (melding.firstDeliveredSeq !== undefined) delivered.push(meldingId);
    deliveries += melding.deliveries;
    if (melding.nacked) nacked.push(meldingId);
    for (const reason of melding.deadLettered) deadLettered.push({ meldingId, reason });
  }
  delivered.sort((a, b) => (meldinger.get(a)?.firstDeliveredSeq ?? 0) - (meldinger.get(b)?.firstDeliveredSeq ?? 0));
  const platformReceipt = receipts.some((receipt) => receipt.kind === 'tidsavbrudd' || receipt.kind === 'serverfeil');
  const judgement = judge(facts, receipts, { delivered: delivered.length > 0, platformReceipt, refusal: judgeRefusal(facts, receipts, meldinger) }, context);

  const flags = [...judgement.flags];
  if (facts.meldingIds.length > 1) flags.push('resent');
  if (deliveries > delivered.length) flags.push('redelivered');
  if (receipts.filter((receipt) => receipt.kind === 'mottatt' || receipt.kind === 'feilet').length > 1) flags.push('duplicate-receipts');
  if (platformReceipt) flags.push('platform-receipt');
  if (context.beyondDeliveries.length > 0) flags.push('answered-beyond-deliveries');
  if (nacked.length > 0) flags.push('nacked');
  if (deadLettered.length > 0) flags.push('dead-lettered');

  const finalState = facts.finalPortalState;
  return {
    reportId: facts.reportId,
    verdict: judgement.verdict,
    flags,
    reasons: judgement.reasons,
    ...(facts.submitted === undefined ? {} : { submittedSeq: facts.submitted.seq }),
    meldingIds: facts.meldingIds,
    sendFailures: facts.sendFailures,
    delivered,
    deliveries,
    receipts,
    nacked,
    deadLettered,
    ...(finalState === undefined ? {} : { finalPortalState: { seq: finalState.seq, state: finalState.to, cause: finalState.cause } }),
    ...(judgement.readBack === undefined ? {} : { readBack: judgement.readBack }),
  };
}
