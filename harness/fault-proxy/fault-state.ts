// The fault in force on one proxy and the evidence of every fault set on it: a fault that never
// acted must be visible as such, so a run whose fault did not fire is not mistaken for a pass.
import type { ProxyDirection, ProxyFault, ProxyFaultEvidence } from './proxy-types.ts';

const SAMPLES_KEPT = 8;

interface EvidenceRecord {
  readonly fault: ProxyFault;
  fired: number;
  readonly connectionIds: Set<number>;
  readonly samples: string[];
  /** cut-after-bytes: bytes crossed per connection since the fault was set. */
  readonly bytesCrossed: Map<number, number>;
  /** commit-reply-lost: replies still to swallow. */
  remaining: number;
}

export interface FaultState {
  current(): ProxyFault | undefined;
  set(fault: ProxyFault | undefined): void;
  /** Settles the next time the fault is set or cleared. */
  changed(): Promise<void>;
  /** Records that the fault in force acted. */
  fired(connectionId: number, detail: string, direction?: ProxyDirection): void;
  /** cut-after-bytes: how many of `length` bytes may still cross on this connection (Infinity if no cut). */
  allowance(connectionId: number, direction: ProxyDirection, length: number): number;
  /** commit-reply-lost: takes one swallowed reply if any remain. */
  takeCommitReply(): boolean;
  evidence(): readonly ProxyFaultEvidence[];
}

export function faultState(onFired: (connectionId: number, fault: ProxyFault, detail: string, direction?: ProxyDirection) => void): FaultState {
  const records: EvidenceRecord[] = [];
  let active: EvidenceRecord | undefined;
  let wake: () => void = () => undefined;
  let change = new Promise<void>((resolve) => {
    wake = resolve;
  });

  return {
    current: () => active?.fault,
    set(fault) {
      if (fault !== undefined) checkFault(fault);
      active =
        fault === undefined
          ? undefined
          : { fault, fired: 0, connectionIds: new Set(), samples: [], bytesCrossed: new Map(), remaining: fault.kind === 'commit-reply-lost' ? (fault.times ?? 1) : 0 };
      if (active !== undefined) records.push(active);
      const woken = wake;
      change = new Promise<void>((resolve) => {
        wake = resolve;
      });
      woken();
    },
    changed: () => change,
    fired(connectionId, detail, direction) {
      if (active === undefined) return;
      active.fired += 1;
      active.connectionIds.add(connectionId);
      if (active.samples.length < SAMPLES_KEPT) {
        active.samples.push(`connection ${String(connectionId)}${direction === undefined ? '' : ` ${direction}`} ${detail}`);
      }
      onFired(connectionId, active.fault, detail, direction);
    },
    allowance(connectionId, direction, length) {
      const fault = active?.fault;
      if (active === undefined || fault?.kind !== 'cut-after-bytes' || fault.direction !== direction) return Infinity;
      const crossed = active.bytesCrossed.get(connectionId) ?? 0;
      const allowed = Math.max(0, Math.min(length, fault.bytes - crossed));
      active.bytesCrossed.set(connectionId, crossed + allowed);
      return crossed + length >= fault.bytes ? allowed : Infinity;
    },
    takeCommitReply() {
      if (active?.fault.kind !== 'commit-reply-lost' || active.remaining <= 0) return false;
      active.remaining -= 1;
      return true;
    },
    evidence: () =>
      records.map((record) => ({
        fault: record.fault,
        fired: record.fired,
        connectionIds: [...record.connectionIds].sort((a, b) => a - b),
        samples: [...record.samples],
      })),
  };
}

function checkFault(fault: ProxyFault): void {
  const bad = (what: string): never => {
    throw new RangeError(`fault proxy: ${fault.kind} ${what}, got ${JSON.stringify(fault)}`);
  };
  switch (fault.kind) {
    case 'latency':
      if (!Number.isFinite(fault.ms) || fault.ms < 0) bad('needs ms, a finite number ≥ 0');
      return;
    case 'cut-after-bytes':
      if (!Number.isInteger(fault.bytes) || fault.bytes < 0) bad('needs bytes, an integer ≥ 0');
      return;
    case 'commit-reply-lost':
      if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) bad('needs times, an integer ≥ 1');
      return;
    case 'blackhole':
    case 'reset':
      return;
  }
}
