// The checker's single pass over a history: every event is looked at once and filed in a map by
// report or by melding-id. Nothing here judges; it only remembers, in O(1) per event, what the
// verdicts need — above all, for each receipt, whether the melding-id it answers had been
// delivered BEFORE it arrived, which can only be known at that moment in the pass; and, for the
// same reason, which melding-ids a fault in force at that moment excuses a refusal of
// (refusal-excuses.ts).
//
// A million events make over a hundred thousand reports, so each fact is reached by reference, not
// looked up again: a melding-id's facts name the report the portal sent it for, and each receipt
// keeps the facts of the melding-id it answers, so filing receipts under their reports afterwards
// needs no map at all.
import type { DeadLetterReason } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { HistoryEvent, HistoryEventOf, OperationOutcome } from '../history/history-event.ts';
import type { ReceiptEvidence, UnreadableReceipt } from './check-result.ts';
import { hasEvidence } from './fault-evidence.ts';
import { evidenceMeldingId, refusalExcuse } from './refusal-excuses.ts';

export interface ReportFacts {
  readonly reportId: string;
  submitted: HistoryEventOf<'report-submitted'> | undefined;
  readonly meldingIds: string[];
  /** The facts of each of meldingIds (same index): reached without a lookup when it is judged. */
  readonly sentAs: MeldingFacts[];
  sendFailures: number;
  finalReadBack: HistoryEventOf<'read-back'> | undefined;
  /** Read-backs made during the run that say when they were asked (askedAfterSeq). */
  probes: readonly HistoryEventOf<'read-back'>[];
  finalPortalState: HistoryEventOf<'portal-state'> | undefined;
  /** The portal stopped waiting for an answer (no answer within 2 working days: letter post). */
  deadlinePassed: boolean;
  /** The readable receipts whose svar-til is one of its melding-ids, in the order they arrived. */
  readonly receipts: ReceiptEvidence[];
}

export interface MeldingFacts {
  /** The report the portal first sent under this melding-id; undefined: the portal never sent it. */
  owner: ReportFacts | undefined;
  firstDeliveredSeq: number | undefined;
  deliveries: number;
  nacked: boolean;
  deadLettered: readonly DeadLetterReason[];
  /**
   * The fault that excuses a feilet answering this melding-id: it was delivered or refused while
   * the fault was in force, or the fault's evidence names it. undefined: nothing excuses one.
   */
  refusalExcusedBy: string | undefined;
}

export interface FaultFacts {
  readonly faultId: string;
  name: string;
  injected: HistoryEventOf<'fault-injected'> | undefined;
  healed: HistoryEventOf<'fault-healed'> | undefined;
}

export interface HistoryFacts {
  /** Every report the history names, in the order first named. */
  readonly reports: Map<string, ReportFacts>;
  readonly submitted: number;
  readonly meldinger: Map<string, MeldingFacts>;
  /** Every readable receipt, in order, with whether svar-til had been delivered before it. */
  readonly receipts: ReceiptEvidence[];
  /** The report each receipt in `receipts` answers for (same index); undefined: an unknown svar-til. */
  readonly receiptOwners: (ReportFacts | undefined)[];
  readonly unreadableReceipts: UnreadableReceipt[];
  readonly faults: Map<string, FaultFacts>;
  readonly operations: Record<OperationOutcome, number>;
  readonly deliveredEvents: number;
  readonly events: number;
}

// Shared by every melding-id never dead-lettered and every report never probed (most of them):
// replaced by a new list when there is one, never pushed to.
const NO_DEAD_LETTERS: readonly DeadLetterReason[] = Object.freeze([]);
const NO_PROBES: readonly HistoryEventOf<'read-back'>[] = Object.freeze([]);

export function collectFacts(events: Iterable<HistoryEvent>): HistoryFacts {
  const reports = new Map<string, ReportFacts>();
  const meldinger = new Map<string, MeldingFacts>();
  const receipts: ReceiptEvidence[] = [];
  const receiptMeldinger: MeldingFacts[] = [];
  const unreadableReceipts: UnreadableReceipt[] = [];
  const faults = new Map<string, FaultFacts>();
  const operations: Record<OperationOutcome, number> = { ok: 0, fail: 0, unknown: 0 };
  let submitted = 0;
  let deliveredEvents = 0;
  let count = 0;
  /** Faults in force now that excuse a refusal while they are (faultId → name). */
  const excusingNow = new Map<string, string>();
  const excusing = (): string | undefined => (excusingNow.size === 0 ? undefined : excusingNow.values().next().value);

  const report = (reportId: string): ReportFacts => {
    let facts = reports.get(reportId);
    if (facts === undefined) {
      facts = { reportId, submitted: undefined, meldingIds: [], sentAs: [], sendFailures: 0, finalReadBack: undefined, probes: NO_PROBES, finalPortalState: undefined, deadlinePassed: false, receipts: [] };
      reports.set(reportId, facts);
    }
    return facts;
  };
  const melding = (meldingId: string): MeldingFacts => {
    let facts = meldinger.get(meldingId);
    if (facts === undefined) {
      facts = { owner: undefined, firstDeliveredSeq: undefined, deliveries: 0, nacked: false, deadLettered: NO_DEAD_LETTERS, refusalExcusedBy: undefined };
      meldinger.set(meldingId, facts);
    }
    return facts;
  };
  const fault = (faultId: string, name: string): FaultFacts => {
    let facts = faults.get(faultId);
    if (facts === undefined) {
      facts = { faultId, name, injected: undefined, healed: undefined };
      faults.set(faultId, facts);
    }
    return facts;
  };

  for (const event of events) {
    count += 1;
    switch (event.event) {
      case 'report-submitted': {
        const facts = report(event.reportId);
        // A second submission of one id would be a workload bug; the first one is what was promised.
        if (facts.submitted === undefined) {
          facts.submitted = event;
          submitted += 1;
        }
        break;
      }
      case 'sent': {
        const facts = report(event.reportId);
        const sentAs = melding(event.meldingId);
        if (sentAs.owner === undefined) {
          sentAs.owner = facts;
          facts.meldingIds.push(event.meldingId);
          facts.sentAs.push(sentAs);
        }
        break;
      }
      case 'send-failed':
        report(event.reportId).sendFailures += 1;
        break;
      case 'delivered': {
        deliveredEvents += 1;
        const facts = melding(event.meldingId);
        facts.firstDeliveredSeq ??= event.seq;
        facts.deliveries += 1;
        facts.refusalExcusedBy ??= excusing();
        break;
      }
      case 'acked':
        // An ack says the receiver is done with the message; it claims nothing the portal sees.
        // The verdicts rest on the receipts and the read-back; the broker's view adds 'delivered'.
        break;
      case 'nacked':
        melding(event.meldingId).nacked = true;
        break;
      case 'dead-lettered': {
        const facts = melding(event.meldingId);
        if (facts.deadLettered === NO_DEAD_LETTERS) facts.deadLettered = [event.reason];
        else (facts.deadLettered as DeadLetterReason[]).push(event.reason);
        break;
      }
      case 'receipt':
        if (event.kind === 'unreadable') {
          unreadableReceipts.push({
            seq: event.seq,
            detail: event.detail,
            ...(event.svarTil === undefined ? {} : { svarTil: event.svarTil }),
            ...(event.meldingId === undefined ? {} : { meldingId: event.meldingId }),
          });
        } else {
          const answers = melding(event.svarTil);
          const deliveredSeq = answers.firstDeliveredSeq;
          receipts.push({ seq: event.seq, kind: event.kind, meldingId: event.meldingId, svarTil: event.svarTil, deliveredBefore: deliveredSeq !== undefined && deliveredSeq < event.seq });
          receiptMeldinger.push(answers);
          if (event.kind === 'feilet' && excusingNow.size > 0) answers.refusalExcusedBy ??= excusing();
        }
        break;
      case 'portal-state': {
        const facts = report(event.reportId);
        facts.finalPortalState = event;
        if (event.cause === 'deadline') facts.deadlinePassed = true;
        break;
      }
      case 'fault-injected': {
        const facts = fault(event.faultId, event.name);
        // The first injection that brought proof; the first at all while none has.
        if (facts.injected === undefined || (!hasEvidence(facts.injected.evidence) && hasEvidence(event.evidence))) facts.injected = event;
        const excuse = refusalExcuse(event.name);
        if (excuse === 'while-active') excusingNow.set(event.faultId, event.name);
        const named = excuse === 'none' ? undefined : evidenceMeldingId(event.evidence);
        if (named !== undefined) melding(named).refusalExcusedBy ??= event.name;
        break;
      }
      case 'fault-healed': {
        const facts = fault(event.faultId, event.name);
        facts.healed = event;
        excusingNow.delete(event.faultId);
        break;
      }
      case 'read-back': {
        const facts = report(event.reportId);
        facts.finalReadBack = event;
        if (event.askedAfterSeq !== undefined) {
          if (facts.probes === NO_PROBES) facts.probes = [event];
          else (facts.probes as HistoryEventOf<'read-back'>[]).push(event);
        }
        break;
      }
      case 'operation':
        operations[event.outcome] += 1;
        break;
      default:
        // A history read from disk is shape-checked; one built in memory is typed. An event of
        // some newer kind says nothing this checker knows how to judge.
        break;
    }
  }
  // Only now is every melding-id's owner known: a receipt may arrive before the portal's 'sent'
  // for what it answers is recorded.
  const receiptOwners = receiptMeldinger.map((answers) => answers.owner);
  receipts.forEach((receipt, index) => receiptOwners[index]?.receipts.push(receipt));
  return { reports, submitted, meldinger, receipts, receiptOwners, unreadableReceipts, faults, operations, deliveredEvents, events: count };
}
