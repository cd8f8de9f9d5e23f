// The storage faults on a black-box receiver, at its database proxy: the same window of commits
// made for deliveries (storage-faults.ts counts them alike), acted on the wire.
//
//   storage-outage      the COMMIT is held and the connection reset: nothing commits, the
//                       receiver's connection dies as in a dropped connection;
//   storage-overload    the COMMIT is held `hangMs`, then the connection is reset;
//   storage-reply-lost  the commit completes at the database, its reply is held and the
//                       connection reset: committed, and the receiver cannot know it.
import type { ReceiverProxies } from '../../harness/fault-proxy/index.ts';
import { type WireCommit, untilReceiverGone, watchBoundaries } from './black-box-boundaries.ts';
import type { FaultRuntime } from './fault.ts';

export interface WireStorageFailure {
  /** Acts on the COMMIT as it is sent, or on its reply once the database committed. */
  readonly phase: 'requested' | 'completed';
  readonly what: string;
  /** Before the connection is reset (an overload's hang). */
  readonly before?: () => Promise<void>;
}

export function storageFaultOnTheWire(
  runtime: FaultRuntime,
  failure: WireStorageFailure,
  /** Counts the commit in the fault's window and records the evidence; true when it is hit. */
  take: (commit: WireCommit, what: string) => boolean,
  /** After a hit has done its harm (the window may be over). */
  after: () => void,
): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onCommit(failure.phase, async (commit) => {
      if (!take(commit, failure.what)) return;
      try {
        await failure.before?.();
        proxies.database.resetConnection(commit.connectionId);
        await untilReceiverGone(proxies.database, commit.connectionId);
      } finally {
        after();
      }
    });
  };
}

export const WIRE_STORAGE_OUTAGE: WireStorageFailure = {
  phase: 'requested',
  what: 'the COMMIT was held at the database proxy and the connection reset: the transaction never committed',
};

export function wireStorageOverload(runtime: FaultRuntime, hangMs: number): WireStorageFailure {
  return {
    phase: 'requested',
    what: `the COMMIT was held at the database proxy for ${hangMs} ms, then the connection reset: the transaction never committed`,
    before: () => runtime.hold(hangMs),
  };
}

export const WIRE_STORAGE_REPLY_LOST: WireStorageFailure = {
  phase: 'completed',
  what: 'the database committed; its reply was held at the database proxy and the connection reset: the receiver cannot know it committed',
};
