// The crash faults on a black-box receiver, at its boundaries as the fault proxies see them
// (black-box-boundaries.ts). The crash itself is the same as for a receiver in process
// (crash-faults.ts): the run declares the process dead and kills it (SIGKILL, or the container),
// then starts a new one on the same database. Here the boundary frame is held while that
// happens, so the receiver dies exactly there:
//
//   after delivery  at its first COMMIT for the nth delivery (or later): the COMMIT never leaves;
//   after commit    the nth delivery commit is done at the database; its reply never arrives;
//   after ack       the nth ack has been written to the broker; then it dies.
//
// After receipt needs nothing here: the receipt reaches the run's own send API, which the
// in-process fault already wraps (a dead receiver's send is answered with an error).
import type { ReceiverProxies } from '../../harness/fault-proxy/index.ts';
import { untilReceiverGone, watchBoundaries } from './black-box-boundaries.ts';
import type { FaultRuntime } from './fault.ts';

export interface CrashWhere {
  readonly meldingId: string | undefined;
  readonly reportId: string | undefined;
  readonly occurrence: number;
  /** Where on the wire: which connection, which frame. */
  readonly seenAt?: string;
}

/** Crashes the receiver once; true when this call crashed it. */
export type Crash = (where: CrashWhere) => boolean;

/** Deliveries are numbered by the in-process fault's own counter, so both count alike. */
export function crashAfterDeliveryOnTheWire(
  runtime: FaultRuntime,
  numberDelivery: (meldingId: string) => void,
  crashBefore: (meldingId: string | undefined, reportId: string | undefined, seenAt: string) => boolean,
): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onDelivery((delivery) => numberDelivery(delivery.meldingId));
    wire.onCommit('requested', (commit) =>
      crashBefore(commit.meldingId, commit.reportId, commit.seenAt) ? untilReceiverGone(proxies.database, commit.connectionId) : undefined,
    );
  };
}

export function crashAfterCommitOnTheWire(runtime: FaultRuntime, nth: number, crash: Crash): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onCommit('completed', (commit) => {
      if (commit.number !== nth) return undefined;
      // Committed at the database; the reply is held until the dead receiver's connection is gone.
      return crash({ meldingId: commit.meldingId, reportId: commit.reportId, occurrence: commit.number, seenAt: commit.seenAt }) ? untilReceiverGone(proxies.database, commit.connectionId) : undefined;
    });
  };
}

export function crashAfterAckOnTheWire(runtime: FaultRuntime, nth: number, crash: Crash): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onAck((ack, context) => {
      if (ack.number !== nth) return;
      // Dies once the ack is on its way to the broker; until then nothing else it sends passes.
      // (The crash finds the report of the acked melding-id itself.)
      const crashed = context.forwarded.then(() => crash({ meldingId: ack.meldingId, reportId: undefined, occurrence: ack.number, seenAt: ack.seenAt }));
      wire.dying(crashed);
      // Work in hand until the crash has fired. A receiver that acks after the portal has its
      // receipt is still settling the run when this ack comes; from here it holds nothing, so the
      // run could settle and read back while the ack is forwarded (up to 50 ms seen under load) and
      // be killed mid read-back: no verdict (6 of 10 runs of a receiver acking 1.5 s late, with
      // 60 ms forwards; 0 of 8 counted as here).
      runtime.background(async () => {
        await crashed;
      });
    });
  };
}
