// The timeline of one report, drawn from the history a run recorded from outside the receiver:
// sent → delivered → receipt → fault → read-back. A reader sees, in order, what the portal sent,
// what the broker handed over, what the receiver answered, which faults struck meanwhile, and what
// the case system held when asked — the story of a loss in plain steps.
import type { HistoryEvent } from '../../../scenarios/history/index.ts';

export type StepKind = 'sent' | 'delivery' | 'receipt' | 'fault' | 'read-back' | 'read-back-missing' | 'portal';

export interface TimelineStep {
  readonly seq: number;
  /** ms since the run's first event */
  readonly at: number;
  readonly kind: StepKind;
  readonly text: string;
}

export interface Timeline {
  readonly reportId: string;
  readonly steps: readonly TimelineStep[];
  /** Steps left out beyond the cap. */
  readonly omitted: number;
}

const RECEIPT_WORDS: Readonly<Record<string, string>> = {
  mottatt: 'mottatt ("received and stored")',
  feilet: 'feilet ("could not be imported")',
  tidsavbrudd: 'tidsavbrudd from Fiks IO (expired unread)',
  serverfeil: 'serverfeil from Fiks IO (dead-lettered)',
};

function what(evidence: unknown): string {
  if (typeof evidence === 'object' && evidence !== null && 'what' in evidence) return String(evidence.what);
  return evidence === undefined ? '' : JSON.stringify(evidence);
}

function clip(text: string, length = 200): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function describe(event: HistoryEvent): Omit<TimelineStep, 'seq' | 'at'> | undefined {
  switch (event.event) {
    case 'report-submitted':
      return { kind: 'sent', text: `The portal accepted the report (${event.meldingstype}, municipality ${event.kommunenummer}, district ${event.bydelsnummer})` };
    case 'sent':
      return { kind: 'sent', text: `Sent over Fiks IO as message ${event.meldingId}` };
    case 'send-failed':
      return { kind: 'sent', text: `Sending failed: ${clip(event.error)}` };
    case 'delivered':
      return { kind: 'delivery', text: `Delivered to the receiver: message ${event.meldingId}, delivery ${event.deliveryCount + 1}${event.redelivered ? ' (redelivered)' : ''}` };
    case 'acked':
      return { kind: 'delivery', text: `The receiver acknowledged message ${event.meldingId}: Fiks IO deleted its copy` };
    case 'nacked':
      return { kind: 'delivery', text: `The receiver rejected message ${event.meldingId} (nack): Fiks IO dropped it without telling the portal` };
    case 'dead-lettered':
      return { kind: 'delivery', text: `Fiks IO dead-lettered message ${event.meldingId} (${event.reason})` };
    case 'receipt':
      return event.kind === 'unreadable'
        ? { kind: 'receipt', text: `An unreadable receipt reached the portal: ${clip(event.detail)}` }
        : { kind: 'receipt', text: `Receipt ${RECEIPT_WORDS[event.kind] ?? event.kind} reached the portal, answering message ${event.svarTil}` };
    case 'portal-state':
      return { kind: 'portal', text: `Portal: ${event.from} → ${event.to} (${event.cause})` };
    case 'fault-injected':
      return { kind: 'fault', text: `Fault ${event.name}: ${clip(what(event.evidence))}` };
    case 'fault-healed':
      return { kind: 'fault', text: `Fault ${event.name} healed` };
    case 'read-back': {
      const when = event.askedAfterSeq === undefined ? 'at the end' : 'as the mottatt arrived';
      if (event.outcome === 'found') return { kind: 'read-back', text: `Read-back ${when}: the case system holds it (${event.readBack?.antallSaker ?? '?'} case(s))` };
      if (event.outcome === 'not-found') return { kind: 'read-back-missing', text: `Read-back ${when}: the case system does NOT hold this report` };
      return { kind: 'read-back', text: `Read-back ${when}: no trustworthy answer (${clip(event.error ?? 'unknown')})` };
    }
    default:
      return undefined;
  }
}

/** The steps of `reportId`'s story in `events`, at most `maxSteps` (the last step, the read-back, always kept). */
export function reportTimeline(events: readonly HistoryEvent[], reportId: string, maxSteps = 40): Timeline {
  const meldingIds = new Set(events.flatMap((event) => (event.event === 'sent' && event.reportId === reportId ? [event.meldingId] : [])));
  const mine = (event: HistoryEvent): boolean => {
    switch (event.event) {
      case 'report-submitted':
      case 'sent':
      case 'send-failed':
      case 'portal-state':
      case 'read-back':
        return event.reportId === reportId;
      case 'delivered':
      case 'acked':
      case 'nacked':
      case 'dead-lettered':
        return meldingIds.has(event.meldingId);
      case 'receipt':
        return event.svarTil !== undefined && meldingIds.has(event.svarTil);
      default:
        return false;
    }
  };
  const own = events.filter(mine);
  const first = own[0]?.seq ?? 0;
  const last = own.at(-1)?.seq ?? 0;
  // Faults that struck while this report was in flight belong to its story.
  const inWindow = (event: HistoryEvent): boolean => (event.event === 'fault-injected' || event.event === 'fault-healed') && event.seq >= first && event.seq <= last;
  const start = events[0]?.at ?? 0;
  const steps: TimelineStep[] = [];
  for (const event of events) {
    if (!mine(event) && !inWindow(event)) continue;
    const step = describe(event);
    if (step !== undefined) steps.push({ seq: event.seq, at: event.at - start, ...step });
  }
  if (steps.length <= maxSteps) return { reportId, steps, omitted: 0 };
  const kept = [...steps.slice(0, maxSteps - 1), ...steps.slice(-1)];
  return { reportId, steps: kept, omitted: steps.length - kept.length };
}
