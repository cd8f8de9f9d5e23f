// The fault points of an exhaustive single-fault exploration: at each boundary of the receiver's
// work (a delivery, a commit, a receipt, an ack) and each of its occurrences in a fault-free run of
// the workload, every single fault that acts there — one run per point, enumerated, not sampled.
//
// Each point is a fault of the catalogue with its occurrence pinned, so it means the same for a
// receiver in process (where the fault wraps its parts) and for a black box (where it acts at the
// fault proxy: a crash is a kill while the boundary frame is held; a database reset, a lost
// commit reply and a broker reset are the proxy's reset and commit-reply-lost at that frame).
import type { FaultName, FaultPlan } from '../../scenarios/faults/index.ts';
import type { HistoryEvent } from '../../scenarios/history/index.ts';

export const BOUNDARIES = ['delivery', 'commit', 'receipt', 'ack'] as const;
export type Boundary = (typeof BOUNDARIES)[number];

export interface FaultPoint {
  readonly boundary: Boundary;
  /** 1 = the first occurrence of the boundary in the fault-free run. */
  readonly occurrence: number;
  /** e.g. `crash at commit #2`. */
  readonly label: string;
  readonly plan: FaultPlan;
}

interface PointKind {
  readonly fault: FaultName;
  /** What happens there, before `at <boundary> #k`. */
  readonly what: string;
  readonly params: (occurrence: number) => Readonly<Record<string, number>>;
}

/** The single faults at each boundary, the crash first (it also tells how many commits there are). */
export const POINT_KINDS: Readonly<Record<Boundary, readonly PointKind[]>> = {
  delivery: [
    { fault: 'crash-after-delivery', what: 'crash', params: (k) => ({ nth: k }) },
    { fault: 'broker-connection-loss', what: 'broker connection lost', params: (k) => ({ afterDelivery: k, downMs: 200 }) },
  ],
  commit: [
    { fault: 'crash-after-commit', what: 'crash', params: (k) => ({ nth: k }) },
    { fault: 'storage-outage', what: 'commit refused (database outage)', params: (k) => ({ from: k, count: 1 }) },
    { fault: 'storage-reply-lost', what: 'commit reply lost', params: (k) => ({ from: k, count: 1 }) },
  ],
  receipt: [
    { fault: 'crash-after-receipt', what: 'crash', params: (k) => ({ nth: k }) },
    { fault: 'send-api-response-lost', what: 'receipt response lost', params: (k) => ({ from: k, count: 1 }) },
  ],
  ack: [{ fault: 'crash-after-ack', what: 'crash', params: (k) => ({ nth: k }) }],
};

export function pointsAt(boundary: Boundary, occurrence: number): FaultPoint[] {
  return POINT_KINDS[boundary].map((kind) => ({
    boundary,
    occurrence,
    label: `${kind.what} at ${boundary} #${occurrence}`,
    plan: { fault: kind.fault, params: kind.params(occurrence) },
  }));
}

/**
 * How often a fault-free run met each boundary that its history shows from outside: deliveries
 * and acks at the broker, the receiver's own receipts (mottatt, feilet) at the portal. Commits
 * are not in the history; the exploration finds their number by crashing at each in turn.
 */
export function boundaryCounts(events: readonly HistoryEvent[]): Readonly<Record<Exclude<Boundary, 'commit'>, number>> {
  return {
    delivery: events.filter((event) => event.event === 'delivered').length,
    receipt: events.filter((event) => event.event === 'receipt' && (event.kind === 'mottatt' || event.kind === 'feilet')).length,
    ack: events.filter((event) => event.event === 'acked').length,
  };
}
