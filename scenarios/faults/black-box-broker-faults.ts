// The broker faults on a black-box receiver, at its broker proxy. The receiver lives on: the
// launch contract asks it to reconnect by itself when its connection drops, so the run neither
// stops nor restarts it (as it does for a receiver in process, whose reconnect it plays).
//
//   broker-connection-loss  right after the nth delivery reached it, its broker connection is
//                           reset; new connections are refused for `downMs`;
//   redelivery              right after its nth delivery commit completed at the database, its
//                           broker connections are reset, before it hears of the commit (so
//                           before it can ack): the stored report comes again.
import type { ReceiverProxies } from '../../harness/fault-proxy/index.ts';
import { type WireCommit, type WireDelivery, watchBoundaries } from './black-box-boundaries.ts';
import type { FaultRecorder, FaultRuntime } from './fault.ts';

export function brokerConnectionLossOnTheWire(
  runtime: FaultRuntime,
  recorder: FaultRecorder,
  afterDelivery: number,
  downMs: number,
  /** Claims the fault's one firing; false when it fired already. */
  fire: () => boolean,
): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onDelivery((delivery: WireDelivery, context) => {
      if (delivery.number !== afterDelivery || !runtime.receiverUp() || !fire()) return;
      runtime.background(async () => {
        // The receiver takes the delivery first, then loses the connection it came on.
        await context.forwarded;
        const unacked = runtime.receiverUnacked();
        proxies.broker.setFault({ kind: 'reset' });
        recorder.injected({
          afterDelivery,
          meldingId: delivery.meldingId,
          seenAt: delivery.seenAt,
          severedWhileUnacked: unacked,
          what: `the broker connection was reset at the proxy right after delivery ${afterDelivery} (melding-id ${delivery.meldingId}), while ${unacked.length} deliveries were unacked; new connections refused for ${downMs} ms`,
        });
        if (downMs > 0) await runtime.hold(downMs);
        proxies.broker.setFault(undefined);
        recorder.healed({ downMs, what: `the broker proxy takes connections again after ${downMs} ms; the receiver reconnects by itself` });
      });
    });
  };
}

export function redeliveryOnTheWire(
  runtime: FaultRuntime,
  afterCommit: number,
  /** Records which delivery was cut off after its commit; false when the fault fired already. */
  cut: (commit: WireCommit, unacked: readonly string[]) => boolean,
): (proxies: ReceiverProxies) => void {
  return (proxies) => {
    const wire = watchBoundaries(proxies, runtime);
    wire.onCommit('completed', (commit) => {
      if (commit.number !== afterCommit || commit.meldingId === undefined || !runtime.receiverUp()) return;
      const unacked = runtime.receiverUnacked();
      if (!cut(commit, unacked)) return;
      // Before the commit's reply goes on: the receiver cannot ack on the connection it lost.
      for (const connection of proxies.broker.connections()) proxies.broker.resetConnection(connection.id);
    });
  };
}
