// The parties' own event streams as they happen — the portal's, the Fiks IO simulator's and the
// receiver's — for a test or a person who wants to watch a run. This is NOT the run's history:
// the history (scenarios/history) keeps only what an outsider observes, and only the history is
// judged. The receiver's events in particular describe its internals, which the checker must
// never rely on: a receiver from another vendor tells us nothing.
import type { ReceiverEvent } from '../../providers/case-system/reference/receiver-events.ts';
import type { FiksIoEvent } from '../../providers/fiks-io/index.ts';
import type { PortalEvent } from '../../providers/portal/index.ts';

export type PartyEvent =
  | { readonly source: 'portal'; readonly event: PortalEvent }
  | { readonly source: 'fiks-io'; readonly event: FiksIoEvent }
  | { readonly source: 'receiver'; readonly event: ReceiverEvent };

/** The receiver's events among the tapped ones, in order. */
export function receiverEvents(events: readonly PartyEvent[]): ReceiverEvent[] {
  return events.flatMap((entry) => (entry.source === 'receiver' ? [entry.event] : []));
}
