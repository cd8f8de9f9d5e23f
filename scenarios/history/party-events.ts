// The parties' own event streams, mapped into the history. Each adapter keeps what an outsider can
// observe about the case system under test and drops the rest, saying why: a history event that
// restates another would make the checker count one fact twice.
import type { FiksIoEvent } from '../../providers/fiks-io/fiks-io-events.ts';
import type { PortalEvent } from '../../providers/portal/portal-events.ts';
import type { HistoryEventBody } from './history-event.ts';

/** The portal's event as a history event, or undefined for one the history does not keep. */
export function fromPortalEvent(event: PortalEvent): HistoryEventBody | undefined {
  switch (event.type) {
    case 'sent':
      return { event: 'sent', reportId: event.bekymringsmeldingId, meldingId: event.meldingId };
    case 'send-failed':
      return { event: 'send-failed', reportId: event.bekymringsmeldingId, error: event.error };
    case 'state-changed':
      return { event: 'portal-state', reportId: event.bekymringsmeldingId, from: event.from, to: event.to, cause: event.cause };
    case 'receipt':
      // Every readable receipt, also a redelivered one, a late one or a misattributed one: the
      // checker judges what the case system said, whatever the portal then did with it.
      return { event: 'receipt', kind: event.kind, svarTil: event.svarTil, meldingId: event.meldingId };
    case 'receipt-ignored':
      // Only 'unreadable' is news: every other reason (misattributed, final, superseded,
      // duplicate) follows a 'receipt' event that already holds the receipt.
      if (event.reason !== 'unreadable') return undefined;
      return {
        event: 'receipt',
        kind: 'unreadable',
        ...(event.svarTil === undefined ? {} : { svarTil: event.svarTil }),
        ...(event.meldingId === undefined ? {} : { meldingId: event.meldingId }),
        detail: event.detail,
      };
    case 'accepted':
      // Carries neither the district nor the digests: the run records report-submitted from what
      // was sent (reportSubmitted()), which the checker needs to judge the read-back.
      return undefined;
    case 'read-back':
    case 'alarm':
    case 'purged':
      // The portal's retention at work (its own read-backs, alarms, purges), not an observation
      // of the receiver; the checker's read-back is the run's final one, after the faults heal.
      // Mapping the portal's read-back would also make it the "final" one for a report.
      return undefined;
  }
}

/** The Fiks IO simulator's event as a history event, or undefined for one the history does not keep. */
export function fromFiksIoEvent(event: FiksIoEvent): HistoryEventBody | undefined {
  switch (event.kind) {
    case 'dead-lettered':
      return { event: 'dead-lettered', meldingId: event.meldingId, reason: event.reason };
    case 'dropped-silently':
      // The platform saw a nack (it follows dead-lettered 'rejected' for the same melding-id).
      return { event: 'nacked', meldingId: event.meldingId };
    case 'platform-receipt-failed':
      return { event: 'operation', op: 'platform-receipt', outcome: 'fail', detail: { svarTil: event.svarTil, type: event.type, error: event.error } };
    case 'sent':
      // Names no report: the portal's own 'sent' names both the report and the melding-id, and a
      // receipt the case system sends shows up as the portal's 'receipt' when it arrives.
      return undefined;
    case 'platform-receipt-sent':
      // It is judged where it lands: the portal's 'receipt' (tidsavbrudd, serverfeil).
      return undefined;
  }
}
