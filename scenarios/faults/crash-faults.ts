// The receiver's process dies at a boundary of its work on one delivery, and a new process starts
// on the same database (harness/run/receiver-process.ts does the dying for any receiver):
//
//   after delivery  it took the message and died before any commit (or receipt) for it: a correct
//                   receiver has acked nothing, so the broker delivers it again;
//   after commit    the report is stored, nothing is answered or acked yet;
//   after receipt   Fiks IO accepted the receipt; the message is not acked yet;
//   after ack       the message is done; whatever the receiver still had to do is gone.
//
// The crash fires once, at the nth occurrence of the boundary; the restart is its heal.
import type { DeliveryContext } from '../../harness/run/delivery-context.ts';
import type { ArmedFault, FaultName, FaultPackage, FaultParameter, FaultRecorder, FaultRuntime } from './fault.ts';
import { param } from './fault-params.ts';
import { afterAck, interceptDeliveries, interceptSends, interceptTransactions } from './part-wrappers.ts';
import { crashAfterAckOnTheWire, crashAfterCommitOnTheWire, crashAfterDeliveryOnTheWire } from './black-box-crash-faults.ts';
import type { CrashWhere } from './black-box-crash-faults.ts';

type Boundary = 'after delivery' | 'after commit' | 'after receipt' | 'after ack';

class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

interface Crasher {
  /** Crashes the receiver (once) at the delivery `where` names; true when this call crashed it. */
  crash(where: CrashWhere): boolean;
  fired(): boolean;
}

function crasher(boundary: Boundary, runtime: FaultRuntime, recorder: FaultRecorder): Crasher {
  let fired = false;
  return {
    fired: () => fired,
    crash(where) {
      if (fired || !runtime.receiverUp()) return false;
      fired = true;
      const unackedAtCrash = runtime.receiverUnacked();
      const meldingId = where.meldingId ?? '(none)';
      recorder.injected({
        boundary,
        meldingId,
        reportId: where.reportId ?? (where.meldingId === undefined ? '(unknown)' : (runtime.reportOf(where.meldingId) ?? '(unknown)')),
        occurrence: where.occurrence,
        ...(where.seenAt === undefined ? {} : { seenAt: where.seenAt }),
        unackedAtCrash,
        what: `the receiver process died ${boundary} of melding-id ${meldingId}, holding ${unackedAtCrash.length} unacked`,
      });
      // The process is dead from this instant (kill() marks it before its first await).
      runtime.background(async () => {
        const hit = await runtime.crashReceiver(`${recorder.faultId}: crash ${boundary} of ${meldingId}`);
        const generation = await runtime.startReceiver();
        recorder.healed({ crashedGeneration: hit.generation, restartedAs: generation, what: `a new receiver process (generation ${generation}) started on the same database` });
      });
      return true;
    },
  };
}

function reportIdOf(context: DeliveryContext | undefined): string | undefined {
  return context?.reportId;
}

const NTH: FaultParameter = { kind: 'occurrence', default: 3, min: 1, description: 'which occurrence of the boundary the crash hits (1 = the first)' };

function crashPackage(name: FaultName, boundary: Boundary, description: string, arm: (runtime: FaultRuntime, crash: Crasher, nth: number) => ArmedFault['parts']): FaultPackage {
  return {
    name,
    description,
    targets: 'receiver process',
    parameters: { nth: NTH },
    arm(runtime, recorder, params) {
      const crash = crasher(boundary, runtime, recorder);
      const parts = arm(runtime, crash, param(params, 'nth'));
      return { ...(parts === undefined ? {} : { parts }), heal: () => Promise.resolve() };
    },
  };
}

export const crashAfterDelivery = crashPackage(
  'crash-after-delivery',
  'after delivery',
  'the receiver process dies after taking the nth message, before its first commit or receipt for it; a new process starts',
  (runtime, crash, nth) => {
    // Deliveries numbered as the broker hands them over (redeliveries get new numbers).
    let delivered = 0;
    const numberOf = new Map<string, number>();
    const dueFor = (context: DeliveryContext | undefined): number | undefined => {
      const number = context?.meldingId === undefined ? undefined : numberOf.get(context.meldingId);
      return number !== undefined && number >= nth && !crash.fired() ? number : undefined;
    };
    const crashBefore = (context: DeliveryContext | undefined, seenAt?: string): boolean => {
      const number = dueFor(context);
      return number !== undefined && crash.crash({ meldingId: context?.meldingId, reportId: reportIdOf(context), occurrence: number, ...(seenAt === undefined ? {} : { seenAt }) });
    };
    const numberDelivery = (meldingId: string): void => {
      delivered += 1;
      numberOf.set(meldingId, delivered);
    };
    return {
      receiverTransport: (transport) =>
        interceptDeliveries(transport, (delivery) => {
          const meldingId = delivery.headers['melding-id'];
          if (meldingId === undefined) delivered += 1;
          else numberDelivery(meldingId);
          return delivery;
        }),
      receiverProxies: crashAfterDeliveryOnTheWire(runtime, numberDelivery, (meldingId, reportId, seenAt) =>
        crashBefore({ generation: 0, meldingId, reportId, redelivered: false }, seenAt),
      ),
      caseDb: (db) =>
        interceptTransactions(db, (work, commit) =>
          crashBefore(runtime.currentDelivery()) ? Promise.reject(new InjectedCrash('crash-after-delivery: the process died before this transaction began')) : commit(work),
        ),
      receiptSendApi: (sendApi) =>
        interceptSends(sendApi, (request, send) =>
          crashBefore(runtime.currentDelivery()) ? Promise.reject(new InjectedCrash('crash-after-delivery: the process died before this send')) : send(request),
        ),
    };
  },
);

export const crashAfterCommit = crashPackage(
  'crash-after-commit',
  'after commit',
  "the receiver process dies right after the nth commit made for a delivery, before it answers or acks; a new process starts",
  (runtime, crash, nth) => {
    let commits = 0;
    return {
      caseDb: (db) =>
        interceptTransactions(db, async (work, commit) => {
          const context = runtime.currentDelivery();
          const result = await commit(work);
          if (context !== undefined) {
            commits += 1;
            if (commits === nth) crash.crash({ meldingId: context.meldingId, reportId: reportIdOf(context), occurrence: commits });
          }
          return result;
        }),
      receiverProxies: crashAfterCommitOnTheWire(runtime, nth, (where) => crash.crash(where)),
    };
  },
);

export const crashAfterReceipt = crashPackage(
  'crash-after-receipt',
  'after receipt',
  'the receiver process dies right after Fiks IO accepted its nth receipt, before it acks; a new process starts',
  (runtime, crash, nth) => {
    let receipts = 0;
    return {
      receiptSendApi: (sendApi) =>
        interceptSends(sendApi, async (request, send) => {
          const result = await send(request);
          receipts += 1;
          if (receipts === nth) {
            const context = runtime.currentDelivery();
            const meldingId = context?.meldingId ?? request.metadata.svarPaMelding ?? undefined;
            crash.crash({ meldingId, reportId: reportIdOf(context), occurrence: receipts });
          }
          return result;
        }),
    };
  },
);

export const crashAfterAck = crashPackage(
  'crash-after-ack',
  'after ack',
  'the receiver process dies right after its nth ack; a new process starts',
  (runtime, crash, nth) => {
    let acks = 0;
    return {
      receiverTransport: (transport) =>
        interceptDeliveries(transport, (delivery) =>
          afterAck(delivery, () => {
            acks += 1;
            if (acks === nth) {
              const meldingId = delivery.headers['melding-id'];
              crash.crash({ meldingId, reportId: meldingId === undefined ? undefined : runtime.reportOf(meldingId), occurrence: acks });
            }
          }),
        ),
      receiverProxies: crashAfterAckOnTheWire(runtime, nth, (where) => crash.crash(where)),
    };
  },
);
