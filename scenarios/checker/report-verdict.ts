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

// A large run judges a hundred thousand reports, and every evidence object lives until the result
// is written: what is empty for nearly every report (no nack, no dead letter, no difference) is one
// shared frozen array, not a new one each — the same JSON, a fraction of the garbage collector's
// work. Frozen, so a reader that tried to change one would fail loudly instead of changing them all.
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_FLAGS: readonly ReportFlag[] = Object.freeze([]);
const NO_DEAD_LETTERS: ReportEvidence['deadLettered'] = Object.freeze([]);
const OK_REASON = 'mottatt, and stored exactly once, equal, visible to the unit it was sent to';
const OK_REASONS: readonly string[] = Object.freeze([OK_REASON]);

interface Judgement {
  readonly verdict: Verdict;
  readonly flags: readonly ReportFlag[];
  readonly reasons: readonly string[];
  readonly readBack: ReadBackEvidence | undefined;
}

function readBackEvidence(facts: ReportFacts, comparison: StoredComparison | undefined): ReadBackEvidence | undefined {
  const event = facts.finalReadBack;
  if (event === undefined) return undefined;
  let differences = NO_STRINGS;
  if (comparison !== undefined && (comparison.different.length > 0 || comparison.misrouted !== undefined)) {
    differences = comparison.misrouted === undefined ? comparison.different : [...comparison.different, comparison.misrouted];
  }
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
function prematureMottatt(facts: ReportFacts, receipts: readonly ReceiptEvidence[]): readonly string[] {
  if (facts.probes.length === 0) return NO_STRINGS;
  let first: ReceiptEvidence | undefined;
  for (const receipt of receipts) if (receipt.kind === 'mottatt' && (first === undefined || receipt.seq < first.seq)) first = receipt;
  if (first === undefined) return NO_STRINGS;
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
  // One pass over the receipts instead of a filtered copy per kind: counts, the first mottatt, and
  // whether any answer names a melding-id not yet delivered.
  let mottattCount = 0;
  let feiletCount = 0;
  let firstMottatt: ReceiptEvidence | undefined;
  let anyUnseen = false;
  for (const receipt of receipts) {
    if (receipt.kind === 'mottatt') {
      mottattCount += 1;
      firstMottatt ??= receipt;
    } else if (receipt.kind === 'feilet') feiletCount += 1;
    else continue;
    if (!receipt.deliveredBefore) anyUnseen = true;
  }
  const answered = mottattCount > 0 || feiletCount > 0;
  const flags: ReportFlag[] = [];
  const reasons: string[] = [];
  const failing = new Set<FailingVerdict>();

  if (anyUnseen) {
    failing.add('misattributed');
    for (const receipt of receipts) {
      if ((receipt.kind !== 'mottatt' && receipt.kind !== 'feilet') || receipt.deliveredBefore) continue;
      reasons.push(`${receipt.kind} ${receipt.meldingId} (seq ${receipt.seq}) answers ${receipt.svarTil}, which had not been delivered to the receiver when it arrived`);
    }
  }
  if (mottattCount > 0 && feiletCount > 0) flags.push('mottatt-and-feilet');
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

  const premature = prematureMottatt(facts, receipts);
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
    if (mottattCount > 0 && (notStoredWhy !== undefined || (comparison?.different.length ?? 0) > 0)) {
      failing.add('lost');
      const first = firstMottatt;
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
      if (feiletCount > 0 && mottattCount === 0) flags.push('stored-after-feilet');
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

  const readBack = readBackEvidence(facts, comparison);
  if (failing.size > 0) {
    let primary: FailingVerdict | undefined;
    const others: ReportFlag[] = [];
    for (const verdict of FAILING_VERDICTS) {
      if (!failing.has(verdict)) continue;
      if (primary === undefined) primary = verdict;
      else others.push(verdict);
    }
    if (primary !== undefined) return { verdict: primary, flags: [...others, ...flags], reasons, readBack };
  }
  if (untrusted !== undefined) return { verdict: 'unknown', flags, reasons: [...reasons, untrusted], readBack };
  if (submitted === undefined) {
    return { verdict: 'unknown', flags, reasons: [...reasons, 'the history has no report-submitted for it: nothing to compare the read-back with'], readBack };
  }
  let verdict: Verdict;
  if (mottattCount > 0) {
    verdict = 'ok';
    if (reasons.length === 0) return { verdict, flags, reasons: OK_REASONS, readBack };
    reasons.push(OK_REASON);
  } else if (feiletCount > 0) {
    if (refusal.kind === 'unknown') return { verdict: 'unknown', flags, reasons: [...reasons, refusal.reason], readBack };
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
  return { verdict, flags, reasons, readBack };
}

/** The verdict and its evidence for one report; `receipts` are the readable receipts whose svar-til is one of its melding-ids. */
export function judgeReport(facts: ReportFacts, receipts: readonly ReceiptEvidence[], meldinger: ReadonlyMap<string, MeldingFacts>, context: JudgeContext): ReportEvidence {
  let delivered: string[] | undefined;
  let nacked: string[] | undefined;
  let deadLettered: { meldingId: string; reason: MeldingFacts['deadLettered'][number] }[] | undefined;
  let deliveries = 0;
  for (let index = 0; index < facts.meldingIds.length; index++) {
    const meldingId = facts.meldingIds[index];
    const melding = facts.sentAs[index];
    if (meldingId === undefined || melding === undefined) continue;
    if (melding.firstDeliveredSeq !== undefined) (delivered ??= []).push(meldingId);
    deliveries += melding.deliveries;
    if (melding.nacked) (nacked ??= []).push(meldingId);
    for (const reason of melding.deadLettered) (deadLettered ??= []).push({ meldingId, reason });
  }
  if (delivered !== undefined && delivered.length > 1) delivered.sort((a, b) => (meldinger.get(a)?.firstDeliveredSeq ?? 0) - (meldinger.get(b)?.firstDeliveredSeq ?? 0));
  const deliveredCount = delivered?.length ?? 0;
  let platformReceipt = false;
  let answers = 0;
  for (const receipt of receipts) {
    if (receipt.kind === 'tidsavbrudd' || receipt.kind === 'serverfeil') platformReceipt = true;
    else answers += 1;
  }
  const judgement = judge(facts, receipts, { delivered: deliveredCount > 0, platformReceipt, refusal: judgeRefusal(facts, receipts, meldinger) }, context);

  const more: ReportFlag[] = [];
  if (facts.meldingIds.length > 1) more.push('resent');
  if (deliveries > deliveredCount) more.push('redelivered');
  if (answers > 1) more.push('duplicate-receipts');
  if (platformReceipt) more.push('platform-receipt');
  if (context.beyondDeliveries.length > 0) more.push('answered-beyond-deliveries');
  if (nacked !== undefined) more.push('nacked');
  if (deadLettered !== undefined) more.push('dead-lettered');
  let flags: readonly ReportFlag[];
  if (more.length === 0) flags = judgement.flags.length === 0 ? NO_FLAGS : judgement.flags;
  else flags = judgement.flags.length === 0 ? more : [...judgement.flags, ...more];

  const finalState = facts.finalPortalState;
  const readBack = judgement.readBack;
  // Every field in the order report.json shows; the optional ones (submittedSeq,
  // finalPortalState, readBack) only when there.
  return {
    reportId: facts.reportId,
    verdict: judgement.verdict,
    flags,
    reasons: judgement.reasons,
    ...(facts.submitted === undefined ? {} : { submittedSeq: facts.submitted.seq }),
    meldingIds: facts.meldingIds,
    sendFailures: facts.sendFailures,
    delivered: delivered ?? NO_STRINGS,
    deliveries,
    receipts,
    nacked: nacked ?? NO_STRINGS,
    deadLettered: deadLettered ?? NO_DEAD_LETTERS,
    ...(finalState === undefined ? {} : { finalPortalState: { seq: finalState.seq, state: finalState.to, cause: finalState.cause } }),
    ...(readBack === undefined ? {} : { readBack }),
  };
}
