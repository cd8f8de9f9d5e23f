// Everything that happened in a run, from every party, in the order it was told: the portal's
// events, the Fiks IO simulator's and the case system's receiver's. Kept whole for the checker and
// summarised by a digest, so two runs of one seed can be compared in one line.
import { createHash } from 'node:crypto';
import type { ReceiverEvent } from '../../providers/case-system/reference/receiver-events.ts';
import type { FiksIoEvent } from '../../providers/fiks-io/index.ts';
import type { PortalEvent } from '../../providers/portal/index.ts';

export type HistoryEntry =
  | { readonly source: 'portal'; readonly event: PortalEvent }
  | { readonly source: 'fiks-io'; readonly event: FiksIoEvent }
  | { readonly source: 'receiver'; readonly event: ReceiverEvent };

export interface RunHistory {
  readonly entries: readonly HistoryEntry[];
  record(entry: HistoryEntry): void;
  /** SHA-256 over the entries as JSON lines: equal digests, equal histories. */
  digest(): string;
}

export function createRunHistory(listener?: (entry: HistoryEntry) => void): RunHistory {
  const entries: HistoryEntry[] = [];
  return {
    entries,
    record(entry) {
      entries.push(entry);
      listener?.(entry);
    },
    digest() {
      const hash = createHash('sha256');
      for (const entry of entries) hash.update(`${JSON.stringify(entry)}\n`);
      return hash.digest('hex');
    },
  };
}

export function receiverEvents(history: RunHistory): ReceiverEvent[] {
  return history.entries.flatMap((entry) => (entry.source === 'receiver' ? [entry.event] : []));
}

export function portalEvents(history: RunHistory): PortalEvent[] {
  return history.entries.flatMap((entry) => (entry.source === 'portal' ? [entry.event] : []));
}
