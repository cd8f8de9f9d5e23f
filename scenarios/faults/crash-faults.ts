// The receiver's process dies at a boundary of its work on one delivery, and a new process starts
// on the same database (harness/run/receiver-process.ts does the dying for any receiver):
//
//   after delivery  it took the message and died before any commit (or receipt) for it: a correct
//                   receiver has acked nothing, so the broker delivers it again;
//   after commit    the report is stored, nothing is answered or acked yet;
//   after receipt   Fiks IO accepted the receipt; the message is not acked yet;
//   after ack       the message is done; whatever the receiver still had to do is gone.
//
// The crash fires once, at the nth occurrence of the boundary; the restart is its heal. The four
// faults are one table (CRASHES): a name, its boundary, its description, and where it is seen — in process
// and on the wire (black-box-crash-faults.ts); crashFault() makes a package of a row.
import type { DeliveryContext } from '../../harness/run/delivery-context.ts';
import type { RunPartWrappers } from '../../harness/run/run-parts.ts';
import type { FaultName, FaultPackage, FaultParameter, FaultRecorder, FaultRuntime } from './fault.ts';
import { param } from './fault-params.ts';
import { afterAck, interceptDeliveries, interceptSends, interceptTransactions } from './part-wrappers.ts';
import { crashAfterAckOnTheWire, crashAfterCommitOnTheWire, crashAfterDeliveryOnTheWire } from './black-box-crash-faults.ts';
import type { Crash, CrashWhere } from './black-box-crash-faults.ts';

type Boundary = 'after delivery' | 'after commit' | 'after receipt' | 'after ack';

class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

interface Crasher {
  /** Crashes the receiver (once) at the delivery `where` names; true when this call crashed it. */
  readonly crash: Crash;
  fired(): boolean;
  /** The boundary was passed once more, for the delivery `where` names; the nth time, the receiver dies there. */
  passed(where: Omit<CrashWhere, 'occurrence'>): void;
}

function crasher(boundary: Boundary, nth: number, runtime: FaultRuntime, recorder: FaultRecorder): Crasher {
  let fired = false;
  let passes = 0;
  const crasher: Crasher = {
    fired: () => fired,
    passed(where) {
      passes += 1;
      if (passes === nth) crasher.crash({ ...where, occurrence: passes });
    },
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
  return crasher;
}

type CrashName = Extract<FaultName, `crash-${string}`>;

interface CrashRow {
  readonly boundary: Boundary;
  readonly description: string;
  /** Where the run sees the boundary: the part wrappers that crash the receiver there. */
  readonly parts: (runtime: FaultRuntime, crash: Crasher, nth: number) => RunPartWrappers;
}

const CRASHES: Readonly<Record<CrashName, CrashRow>> = {
  'crash-after-delivery': {
    boundary: 'after delivery',
    description: 'the receiver process dies after taking the nth message, before its first commit or receipt for it; a new process starts',
    parts(runtime, crash, nth) {
      // Deliveries numbered as the broker hands them over (redeliveries get new numbers).
      let delivered = 0;
      const numberOf = new Map<string, number>();
      const crashBefore = (context: DeliveryContext | undefined, seenAt?: string): boolean => {
        const number = context?.meldingId === undefined ? undefined : numberOf.get(context.meldingId);
        if (number === undefined || number < nth || crash.fired()) return false;
        return crash.crash({ meldingId: context?.meldingId, reportId: context?.reportId, occurrence: number, ...(seenAt === undefined ? {} : { seenAt }) });
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
  },
  'crash-after-commit': {
    boundary: 'after commit',
    description: 'the receiver process dies right after the nth commit made for a delivery, before it answers or acks; a new process starts',
    parts: (runtime, crash, nth) => ({
      caseDb: (db) =>
        interceptTransactions(db, async (work, commit) => {
          const context = runtime.currentDelivery();
          const result = await commit(work);
          if (context !== undefined) crash.passed({ meldingId: context.meldingId, reportId: context.reportId });
          return result;
        }),
      receiverProxies: crashAfterCommitOnTheWire(runtime, nth, crash.crash),
    }),
  },
  'crash-after-receipt': {
    boundary: 'after receipt',
    description: 'the receiver process dies right after Fiks IO accepted its nth receipt, before it acks; a new process starts',
    parts: (runtime, crash) => ({
      // On a black box too: its receipts reach the run's own send API.
      receiptSendApi: (sendApi) =>
        interceptSends(sendApi, async (request, send) => {
          const result = await send(request);
          const context = runtime.currentDelivery();
          crash.passed({ meldingId: context?.meldingId ?? request.metadata.svarPaMelding ?? undefined, reportId: context?.reportId });
          return result;
        }),
    }),
  },
  'crash-after-ack': {
    boundary: 'after ack',
    description: 'the receiver process dies right after its nth ack; a new process starts',
    parts: (runtime, crash, nth) => ({
      // The crasher finds the report of the acked melding-id itself.
      receiverTransport: (transport) =>
        interceptDeliveries(transport, (delivery) => afterAck(delivery, () => crash.passed({ meldingId: delivery.headers['melding-id'], reportId: undefined }))),
      receiverProxies: crashAfterAckOnTheWire(runtime, nth, crash.crash),
    }),
  },
};

const NTH: FaultParameter = { kind: 'occurrence', default: 3, min: 1, description: 'which occurrence of the boundary the crash hits (1 = the first)' };

function crashFault(name: CrashName): FaultPackage {
  const row = CRASHES[name];
  return {
    name,
    description: row.description,
    targets: 'receiver process',
    parameters: { nth: NTH },
    arm(runtime, recorder, params) {
      const nth = param(params, 'nth');
      return { parts: row.parts(runtime, crasher(row.boundary, nth, runtime, recorder), nth), heal: () => Promise.resolve() };
    },
  };
}

export const crashAfterDelivery = crashFault('crash-after-delivery');
export const crashAfterCommit = crashFault('crash-after-commit');
export const crashAfterReceipt = crashFault('crash-after-receipt');
export const crashAfterAck = crashFault('crash-after-ack');
