// The checker's single pass over a history: every event is looked at once and filed in a map by
// report or by melding-id. Nothing here judges; it only remembers, in O(1) per event, what the
// verdicts need — above all, for each receipt, whether the melding-id it answers had been
// delivered BEFORE it arrived, which can only be known at that moment in the pass; and, for the
// same reason, which melding-ids a fault in force at that moment excuses a refusal of
// (refusal-excuses.ts).
import type { DeadLetterReason } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { HistoryEvent, HistoryEventOf, OperationOutcome } from '../history/history-event.ts';
import type { ReceiptEvidence, UnreadableReceipt } from './check-result.ts';
import { hasEvidence } from './fault-evidence.ts';
import { evidenceMeldingId, refusalExcuse } from './refusal-excuses.ts';

export interface ReportFacts {
  readonly reportId: string;
  submitted: HistoryEventOf<'report-submitted'> | undefined;
  readonly meldingIds: string[];
  sendFailures: number;
  finalReadBack: HistoryEventOf<'read-back'> | undefined;
  /** Read-backs made during the run that say when they were asked (askedAfterSeq). */
  readonly probes: HistoryEventOf<'read-back'>[];
  finalPortalState: HistoryEventOf<'portal-state'> | undefined;
  /** The portal stopped waiting for an answer (no answer within 2 working days: letter post). */
  deadlinePassed: boolean;
}

export interface MeldingFacts {
  firstDeliveredSeq: number | undefined;
  deliveries: number;
  nacked: boolean;
  readonly deadLettered: DeadLetterReason[];
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
  /** melding-id → the report the portal sent under it. */
  readonly owners: Map<string, ReportFacts>;
  readonly meldinger: Map<string, MeldingFacts>;
  /** Every readable receipt, in order, with whether svar-til had been delivered before it. */
  readonly receipts: ReceiptEvidence[];
  readonly unreadableReceipts: UnreadableReceipt[];
  readonly faults: Map<string, FaultFacts>;
  readonly operations: Record<OperationOutcome, number>;
  readonly deliveredEvents: number;
  readonly events: number;
}

export function collectFacts(events: Iterable<HistoryEvent>): HistoryFacts {
  const reports = new Map<string, ReportFacts>();
  const owners = new Map<string, ReportFacts>();
  const meldinger = new Map<string, MeldingFacts>();
  const receipts: ReceiptEvidence[] = [];
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
      facts = { reportId, submitted: undefined, meldingIds: [], sendFailures: 0, finalReadBack: undefined, probes: [], finalPortalState: undefined, deadlinePassed: false };
      reports.set(reportId, facts);
    }
    return facts;
  };
  const melding = (meldingId: string): MeldingFacts => {
    let facts = meldinger.get(meldingId);
    if (facts === undefined) {
      facts = { firstDeliveredSeq: undefined, deliveries: 0, nacked: false, deadLettered: [], refusalExcusedBy: undefined };
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
        if (!owners.has(event.meldingId)) {
          owners.set(event.meldingId, facts);
          facts.meldingIds.push(event.meldingId);
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
      case 'dead-lettered':
        melding(event.meldingId).deadLettered.push(event.reason);
        break;
      case 'receipt':
        if (event.kind === 'unreadable') {
          unreadableReceipts.push({
            seq: event.seq,
            detail: event.detail,
            ...(event.svarTil === undefined ? {} : { svarTil: event.svarTil }),
            ...(event.meldingId === undefined ? {} : { meldingId: event.meldingId }),
          });
        } else {
          const deliveredSeq = meldinger.get(event.svarTil)?.firstDeliveredSeq;
          receipts.push({ seq: event.seq, kind: event.kind, meldingId: event.meldingId, svarTil: event.svarTil, deliveredBefore: deliveredSeq !== undefined && deliveredSeq < event.seq });
          if (event.kind === 'feilet' && excusingNow.size > 0) melding(event.svarTil).refusalExcusedBy ??= excusing();
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
        if (event.askedAfterSeq !== undefined) facts.probes.push(event);
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
  return { reports, submitted, owners, meldinger, receipts, unreadableReceipts, faults, operations, deliveredEvents, events: count };
}
