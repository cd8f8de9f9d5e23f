// The case system's database fails the receiver, for the commits made while handling deliveries
// (not the receiver's start-up migration): the `from`-th commit and `count - 1` after it.
//
//   storage-outage      each refused before it begins, as a dropped connection refuses it;
//   storage-overload    each hangs (the server is swamped) and then fails with a timeout;
//   storage-reply-lost  each COMMITS, but the reply is lost: the receiver is told it failed.
//
// A correct receiver leaves every such delivery unanswered and unacked (the outcome is unknown to
// it), and the broker brings it back. The heal is the end of the window.
import type { DeliveryContext } from '../../harness/run/delivery-context.ts';
import type { FaultName, FaultPackage, FaultParameter, FaultRecorder, FaultRuntime } from './fault.ts';
import { param } from './fault-params.ts';
import { occurrenceWindow } from './occurrences.ts';
import { interceptTransactions } from './part-wrappers.ts';
import { WIRE_STORAGE_OUTAGE, WIRE_STORAGE_REPLY_LOST, type WireStorageFailure, storageFaultOnTheWire, wireStorageOverload } from './black-box-storage-faults.ts';

const FROM: FaultParameter = { kind: 'occurrence', default: 2, min: 1, description: 'the first commit (counted from 1) that fails' };
const COUNT: FaultParameter = { kind: 'count', default: 3, min: 1, description: 'how many commits in a row fail' };

type Failure = (commit: () => Promise<unknown>, context: DeliveryContext) => { readonly what: string; readonly run: () => Promise<never> };

function storagePackage(
  name: FaultName,
  description: string,
  extra: Readonly<Record<string, FaultParameter>>,
  failure: (runtime: FaultRuntime, params: Readonly<Record<string, number>>) => Failure,
  /** The same failure for a black box, at its database proxy (black-box-storage-faults.ts). */
  onTheWire: (runtime: FaultRuntime, params: Readonly<Record<string, number>>) => WireStorageFailure,
): FaultPackage {
  return {
    name,
    description,
    targets: 'case database',
    parameters: { from: FROM, count: COUNT, ...extra },
    // A receiver that takes one message at a time (prefetch 1, as the Python example) meets the
    // whole window with the same message: after its third failed delivery Fiks IO dead-letters
    // it and tells the portal (serverfeil). Undelivered, or recovered when a commit happened.
    allows: ['undelivered', 'recovered'],
    arm(runtime: FaultRuntime, recorder: FaultRecorder, params) {
      const window = occurrenceWindow(param(params, 'from'), param(params, 'count'));
      const fail = failure(runtime, params);
      const hit: { meldingId: string; reportId: string }[] = [];
      let healed = false;
      const heal = (): void => {
        if (healed || hit.length === 0) return;
        healed = true;
        recorder.healed({ failedCommits: hit.length, meldingIds: hit.map((each) => each.meldingId), what: `the database works again after ${hit.length} failed commit(s)` });
      };
      return {
        parts: {
          caseDb: (db) =>
            interceptTransactions(db, async (work, commit) => {
              const context = runtime.currentDelivery();
              if (context === undefined || !window.next()) return commit(work);
              const meldingId = context.meldingId ?? '(none)';
              const reportId = context.reportId ?? runtime.reportOf(meldingId) ?? '(unknown)';
              const failing = fail(() => commit(work), context);
              hit.push({ meldingId, reportId });
              recorder.injected({ commit: window.last(), meldingId, reportId, what: failing.what });
              try {
                return await failing.run();
              } finally {
                if (window.done()) heal();
              }
            }),
          receiverProxies: storageFaultOnTheWire(
            runtime,
            onTheWire(runtime, params),
            (commit, what) => {
              if (!window.next()) return false;
              const meldingId = commit.meldingId ?? '(none)';
              const reportId = commit.reportId ?? runtime.reportOf(meldingId) ?? '(unknown)';
              hit.push({ meldingId, reportId });
              recorder.injected({ commit: window.last(), meldingId, reportId, seenAt: commit.seenAt, what });
              return true;
            },
            () => {
              if (window.done()) heal();
            },
          ),
        },
        heal: () => Promise.resolve(heal()),
      };
    },
  };
}

export const storageOutage = storagePackage(
  'storage-outage',
  "the case database refuses `count` commits in a row, from the `from`-th, as a dropped connection would",
  {},
  () => () => ({
    what: 'commit refused: the database connection was terminated before the transaction began',
    run: () => Promise.reject(new Error('database: Connection terminated unexpectedly (injected storage outage)')),
  }),
  () => WIRE_STORAGE_OUTAGE,
);

export const storageOverload = storagePackage(
  'storage-overload',
  'the case database hangs on `count` commits in a row (overloaded) and then fails them with a timeout',
  { hangMs: { kind: 'duration-ms', default: 2_000, min: 1, description: 'how long each hangs before it fails, in ms' } },
  (runtime, params) => () => ({
    what: `commit hung for ${param(params, 'hangMs')} ms, then failed with a statement timeout`,
    run: async () => {
      await runtime.hold(param(params, 'hangMs'));
      throw new Error(`database: canceling statement due to statement timeout (injected overload: hung for ${param(params, 'hangMs')} ms)`);
    },
  }),
  (runtime, params) => wireStorageOverload(runtime, param(params, 'hangMs')),
);

export const storageReplyLost = storagePackage(
  'storage-reply-lost',
  'the case database commits `count` transactions in a row but the replies are lost: the receiver is told they failed',
  {},
  () => (commit) => ({
    what: 'committed, but the reply was lost: the receiver was told the commit failed',
    run: async () => {
      await commit();
      throw new Error('database: Connection terminated unexpectedly after COMMIT was sent (injected: the commit happened, its reply was lost)');
    },
  }),
  () => WIRE_STORAGE_REPLY_LOST,
);
