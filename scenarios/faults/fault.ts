// A fault, as Jepsen packages a nemesis: what it breaks, how it is injected, how it heals, and the
// proof that it fired. A fault that did not fire leaves its scenario unknown — never a pass — so
// every injection is recorded in the history (`fault-injected`) with concrete evidence: which
// melding-id, which report, what the receiver held at that instant. Its heal is recorded too.
//
// A fault acts on the parts of a run from outside the receiver (its database, its send API, its
// broker connection, its process, the portal's sending, the workload), so the same fault works on
// any receiver, the faulty ones included. Faults are plain data in a scenario (FaultPlan: a name
// and numeric parameters) and become live only when a run arms them.
import type { EnvironmentKind } from '../../harness/environments/run-environment.ts';
import type { DeliveryContext } from '../../harness/run/delivery-context.ts';
import type { ReceiverHit } from '../../harness/run/report-run.ts';
import type { RunPartWrappers } from '../../harness/run/run-parts.ts';
import type { Clock } from '../../harness/time/clock.ts';
import type { Verdict } from '../checker/verdicts.ts';
import type { HistoryEvent } from '../history/history-event.ts';
import type { Random } from '../workloads/random.ts';
import type { ReportOptions } from '../workloads/report-workload.ts';

export const FAULT_NAMES = [
  'crash-after-delivery',
  'crash-after-commit',
  'crash-after-receipt',
  'crash-after-ack',
  'storage-outage',
  'storage-overload',
  'storage-reply-lost',
  'broker-connection-loss',
  'redelivery',
  'send-api-refused',
  'send-api-slow',
  'send-api-response-lost',
  'resend',
  'poison-message',
  'large-payload',
  'ttl-expiry-while-down',
  'v1-message',
  'burst',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (FAULT_NAMES as readonly string[]).includes(value);
}

/** What the fault acts on. */
export type FaultTarget = 'receiver process' | 'case database' | 'receipt send API' | 'broker connection' | 'portal' | 'workload';

/** A fault in a scenario: plain data. Parameters left out take the package's defaults. */
export interface FaultPlan {
  readonly fault: FaultName;
  readonly params?: Readonly<Record<string, number>>;
}

export interface FaultParameter {
  /**
   * What the number counts: an occurrence (the nth commit, send, delivery: within the workload),
   * a count (how many in a row), a duration in ms, a size in bytes, or a period (every nth report).
   * A random schedule draws each within its kind's range.
   */
  readonly kind: 'occurrence' | 'count' | 'duration-ms' | 'bytes' | 'period';
  readonly default: number;
  /** The smallest value that makes sense (the shrinker goes no lower). */
  readonly min: number;
  readonly description: string;
}

/** What the run must provide for the fault to have a chance to fire. */
export interface FaultNeeds {
  /** Payloads above this many bytes go by dokumentlager reference. */
  readonly dokumentlagerThresholdBytes?: number;
  /** The portal's Fiks IO TTL. */
  readonly portalTtlMs?: number;
  /** How report `index` of the workload is generated (a v1 type, a long text). */
  readonly reportOptions?: (index: number) => ReportOptions | undefined;
  /** The receiver does not start with the run: the fault starts it (after a resend, after a TTL). */
  readonly holdsReceiverAtStart?: boolean;
  /** The workload must come in at least this many batches (the fault acts between them). */
  readonly batches?: number;
}

/** What a fault may do to a run while it is armed. */
export interface FaultRuntime {
  readonly environmentKind: EnvironmentKind;
  readonly clock: Clock;
  /** This fault's own randomness (forked from the run's seed and the fault's id). */
  readonly random: Random;
  /** The report ids of the workload, in send order. */
  readonly reportIds: readonly string[];
  /** The delivery whose handling made the current call (the receiver's database or send API), if any. */
  currentDelivery(): DeliveryContext | undefined;
  /** The report a melding-id was sent for, once the portal recorded the send. */
  reportOf(meldingId: string): string | undefined;
  crashReceiver(reason: string): Promise<ReceiverHit>;
  cutReceiverConnection(): Promise<ReceiverHit>;
  stopReceiver(): Promise<void>;
  /** Starts a new receiver process; resolves to its generation. */
  startReceiver(): Promise<number>;
  receiverUp(): boolean;
  /** melding-ids the live receiver holds unacked now. */
  receiverUnacked(): readonly string[];
  /** The portal sends the report again (new melding-id, same report). */
  resend(reportId: string): Promise<{ readonly meldingId: string }>;
  /** Ready messages on the case system's queue. */
  caseQueueDepth(): Promise<number>;
  /**
   * Work the fault starts beside the run (a kill and restart; a crash due a moment later, once an
   * ack has reached the broker). Services: it is work in hand, so the run neither settles nor reads
   * back while it is pending — a crash due after the receiver's last ack must not find the run
   * over: it would never fire, or kill the receiver during the read-back, and leave no verdict.
   * Embedded: not counted (it may wait on the virtual clock, which moves only when the run is
   * settled); the kill and start it asks for are counted by the run itself.
   */
  background(work: () => Promise<void>): void;
  /** Waits ms on the run's clock as part of a held call (embedded: the run moves the virtual clock for it). */
  hold(ms: number): Promise<void>;
  /** Lets ms pass with everything else settled first (embedded: moves the virtual clock; services: sleeps). */
  passTime(ms: number): Promise<void>;
  /** Every history event appended from now on. */
  onHistoryEvent(listener: (event: HistoryEvent) => void): void;
}

/** Writes the fault's events into the history. Evidence must be concrete and non-empty. */
export interface FaultRecorder {
  readonly faultId: string;
  injected(evidence: Readonly<Record<string, unknown>>): void;
  healed(evidence: Readonly<Record<string, unknown>>): void;
}

/** A fault armed for one run. */
export interface ArmedFault {
  readonly parts?: RunPartWrappers;
  /** Right after batch `batch` (1-based) of the workload was dispatched, with its work still in hand. */
  afterDispatch?(batch: number): Promise<void>;
  /** After batch `batch` (1-based) of the workload was dispatched and the work in hand settled. */
  afterBatch?(batch: number): Promise<void>;
  /** Ends the fault if it has not ended by itself and records its heal. Idempotent. */
  heal(): Promise<void>;
}

export interface FaultPackage {
  readonly name: FaultName;
  /** One line: what it does to the run, as a vendor would understand it. */
  readonly description: string;
  readonly targets: FaultTarget;
  readonly parameters: Readonly<Record<string, FaultParameter>>;
  /**
   * Verdicts besides ok that a CORRECT receiver may give the reports this fault touches (a poison
   * message is refused; a message that expired unread is undelivered). A scenario fails a
   * receiver whose reports end in any other.
   */
  readonly allows?: readonly Verdict[];
  needs?(params: Readonly<Record<string, number>>): FaultNeeds;
  arm(runtime: FaultRuntime, recorder: FaultRecorder, params: Readonly<Record<string, number>>): ArmedFault;
}
