// The receiver's connection to the broker goes, while the receiver lives on: every message it
// holds unacked goes back to the queue and comes again, redelivered; its work in hand carries on
// (commits, receipts) but can no longer ack. It reconnects: the run stops it the orderly way and
// starts a new one, as a client's reconnect would.
//
//   broker-connection-loss  the connection goes right after the nth delivery, stays down `downMs`;
//   redelivery              the connection goes right after the nth commit, before the receiver
//                           could ack what it stored — so a report it has stored comes again.
//                           Fired when that melding-id is delivered again (the proof).
import type { FaultPackage, FaultRecorder, FaultRuntime } from './fault.ts';
import { param } from './fault-params.ts';
import { interceptDeliveries, interceptTransactions } from './part-wrappers.ts';
import { brokerConnectionLossOnTheWire, redeliveryOnTheWire } from './black-box-broker-faults.ts';

async function reconnect(runtime: FaultRuntime, recorder: FaultRecorder, downMs: number, what: Readonly<Record<string, unknown>>): Promise<void> {
  if (downMs > 0) await runtime.hold(downMs);
  await runtime.stopReceiver();
  const generation = await runtime.startReceiver();
  recorder.healed({ ...what, reconnectedAs: generation, what: `the receiver reconnected after ${downMs} ms (generation ${generation})` });
}

export const brokerConnectionLoss: FaultPackage = {
  name: 'broker-connection-loss',
  description: "the receiver's broker connection is cut right after the nth delivery, while it holds messages unacked; it reconnects after `downMs`",
  targets: 'broker connection',
  parameters: {
    afterDelivery: { kind: 'occurrence', default: 5, min: 1, description: 'the delivery (counted from 1) right after which the connection is cut' },
    downMs: { kind: 'duration-ms', default: 500, min: 0, description: 'how long the connection stays down, in ms' },
  },
  arm(runtime, recorder, params) {
    let delivered = 0;
    let fired = false;
    const afterDelivery = param(params, 'afterDelivery');
    return {
      parts: {
        receiverTransport: (transport) =>
          interceptDeliveries(transport, (delivery) => {
            delivered += 1;
            if (delivered === afterDelivery && !fired && runtime.receiverUp()) {
              fired = true;
              const meldingId = delivery.headers['melding-id'] ?? '(none)';
              runtime.background(async () => {
                // Not inside the broker's hand-over: the receiver takes the delivery first.
                await Promise.resolve();
                const hit = await runtime.cutReceiverConnection();
                recorder.injected({
                  afterDelivery,
                  meldingId,
                  severedWhileUnacked: hit.unacked,
                  what: `connection cut while ${hit.unacked.length} deliveries were unacked`,
                });
                await reconnect(runtime, recorder, param(params, 'downMs'), { generationCut: hit.generation });
              });
            }
            return delivery;
          }),
        receiverProxies: brokerConnectionLossOnTheWire(runtime, recorder, afterDelivery, param(params, 'downMs'), () => {
          if (fired) return false;
          fired = true;
          return true;
        }),
      },
      heal: () => Promise.resolve(),
    };
  },
};

export const redelivery: FaultPackage = {
  name: 'redelivery',
  description: 'a report the receiver has stored is delivered again: its broker connection is cut right after its nth commit, before the ack',
  targets: 'broker connection',
  parameters: { afterCommit: { kind: 'occurrence', default: 2, min: 1, description: 'the commit (counted from 1, those made for deliveries) after which the connection is cut' } },
  arm(runtime, recorder, params) {
    let commits = 0;
    let cutAfter: { readonly meldingId: string; readonly reportId: string; readonly unacked: readonly string[] } | undefined;
    let proven = false;
    runtime.onHistoryEvent((event) => {
      if (proven || cutAfter === undefined || event.event !== 'delivered' || event.meldingId !== cutAfter.meldingId || !event.redelivered) return;
      proven = true;
      recorder.injected({
        meldingId: cutAfter.meldingId,
        reportId: cutAfter.reportId,
        redeliveredAtSeq: event.seq,
        deliveryCount: event.deliveryCount,
        what: `melding-id ${cutAfter.meldingId} was stored, then delivered again (the connection was cut before its ack)`,
      });
    });
    return {
      parts: {
        caseDb: (db) =>
          interceptTransactions(db, async (work, commit) => {
            const context = runtime.currentDelivery();
            const result = await commit(work);
            if (context === undefined || context.meldingId === undefined) return result;
            commits += 1;
            if (commits !== param(params, 'afterCommit') || cutAfter !== undefined || !runtime.receiverUp()) return result;
            // Cut before the receiver sees its commit succeed, so it cannot ack this delivery.
            const hit = await runtime.cutReceiverConnection();
            cutAfter = { meldingId: context.meldingId, reportId: context.reportId ?? runtime.reportOf(context.meldingId) ?? '(unknown)', unacked: hit.unacked };
            runtime.background(() => reconnect(runtime, recorder, 0, { generationCut: hit.generation, cutAfterCommitOf: context.meldingId }));
            return result;
          }),
        receiverProxies: redeliveryOnTheWire(runtime, param(params, 'afterCommit'), (commit, unacked) => {
          if (cutAfter !== undefined || commit.meldingId === undefined) return false;
          // No heal to play: the receiver reconnects by itself (the launch contract asks it to).
          cutAfter = { meldingId: commit.meldingId, reportId: commit.reportId ?? runtime.reportOf(commit.meldingId) ?? '(unknown)', unacked };
          return true;
        }),
      },
      heal: () => Promise.resolve(),
    };
  },
};
