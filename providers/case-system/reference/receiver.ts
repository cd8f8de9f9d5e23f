// The reference case system's receiver: consumes its Fiks IO account queue and runs the reference
// steps (receiver-steps.ts) on every delivery — parse, store and commit, send the receipt, and only
// then ack. Several deliveries are in hand at once (prefetch), each on its own.
//
// stop() closes the channel, so whatever is not acked goes back to the queue and is redelivered;
// work in hand finishes what it was doing (a commit is not torn) but can no longer ack.
import { CUSTOM, HEADER, customHeader } from '../../../contracts/fiks-io-headers.ts';
import type { Database } from '../../../harness/environments/database/index.ts';
import type { Clock, TimerHandle } from '../../../harness/time/clock.ts';
import { type SendApi, accountQueue } from '../../fiks-io/index.ts';
import type { Delivery, QueueTransport, Subscription } from '../../fiks-io/transport/queue-transport.ts';
import { type CaseStoreSteps, migrate, referenceSteps } from './case-store.ts';
import { DEFAULT_RECEIVER_RETRY, type ReceiverContext, ReceiverInterrupted, type ReceiverRetry, errorText } from './receiver-context.ts';
import type { ReceiverEvent, ReceiverStage } from './receiver-events.ts';
import { type ReceiverSteps, referenceReceiverSteps } from './receiver-steps.ts';

/** What the official Java client (fiks-io-klient-java) asks of the broker unless told otherwise. */
export const DEFAULT_PREFETCH = 10;

export interface ReceiverOptions {
  /** Owned by the caller: the receiver only consumes from it and never closes it. */
  readonly transport: QueueTransport;
  /** The case system's Fiks IO account; the receiver consumes `fiksio.konto.<kontoId>`. */
  readonly kontoId: string;
  /** The case store's database; start() creates its tables. */
  readonly db: Database;
  /** For receipts: the simulator in-process, or createHttpSendApiClient over HTTP. */
  readonly sendApi: SendApi;
  readonly fetchDokumentlager: (dokumentlagerId: string) => Promise<Uint8Array>;
  readonly clock: Clock;
  readonly prefetch?: number;
  readonly onEvent?: (event: ReceiverEvent) => void;
  /** The receiver's steps; the reference ones unless a variant replaces some. */
  readonly steps?: ReceiverSteps;
  /** The store's steps inside the one transaction; the reference ones unless told. */
  readonly storeSteps?: CaseStoreSteps;
  readonly retry?: Partial<ReceiverRetry>;
}

export interface ReceiverActivity {
  /** Deliveries taken and not yet settled or handed back. */
  readonly inHand: number;
  /** Of those, how many wait on the clock (a receipt retry, a pause before requeue). */
  readonly waitingOnClock: number;
}

export interface Receiver {
  readonly kontoId: string;
  readonly queue: string;
  /** Creates the store's tables and starts consuming. Once only. */
  start(): Promise<void>;
  /** Stops consuming (unacked messages go back to the queue) and waits for the work in hand. Idempotent. */
  stop(): Promise<void>;
  /** For a runner that drives a virtual clock: work in hand that only time can move on. */
  activity(): ReceiverActivity;
}

export function createReferenceReceiver(options: Omit<ReceiverOptions, 'steps' | 'storeSteps'>): Receiver {
  return createReceiver(options);
}

export function createReceiver(options: ReceiverOptions): Receiver {
  const prefetch = options.prefetch ?? DEFAULT_PREFETCH;
  if (!Number.isSafeInteger(prefetch) || prefetch < 1) throw new RangeError(`createReceiver: prefetch must be a whole number ≥ 1, got ${String(prefetch)}`);
  if (typeof options.kontoId !== 'string' || options.kontoId === '') throw new TypeError('createReceiver: kontoId must be the case system\'s Fiks IO account id');
  const steps = options.steps ?? referenceReceiverSteps;
  const emit = options.onEvent ?? (() => undefined);
  const queue = accountQueue(options.kontoId);
  const sleepers = new Set<{ readonly handle: TimerHandle; readonly interrupt: () => void }>();
  const inHand = new Set<Promise<void>>();
  let subscription: Subscription | undefined;
  let state: 'new' | 'started' | 'stopped' = 'new';
  let stopping: Promise<void> | undefined;

  const context: ReceiverContext = {
    kontoId: options.kontoId,
    db: options.db,
    sendApi: options.sendApi,
    fetchDokumentlager: options.fetchDokumentlager,
    clock: options.clock,
    storeSteps: options.storeSteps ?? referenceSteps,
    retry: { ...DEFAULT_RECEIVER_RETRY, ...options.retry },
    emit,
    sleep: (delayMs, stage) => sleepUnlessStopped(delayMs, stage),
  };

  function sleepUnlessStopped(delayMs: number, stage: ReceiverStage): Promise<void> {
    if (state === 'stopped') return Promise.reject(new ReceiverInterrupted(stage, 'the receiver stopped'));
    return new Promise((resolve, reject) => {
      const sleeper = {
        handle: options.clock.setTimer(delayMs, () => {
          sleepers.delete(sleeper);
          resolve();
        }),
        interrupt: () => reject(new ReceiverInterrupted(stage, 'the receiver stopped while waiting')),
      };
      sleepers.add(sleeper);
    });
  }

  function onDelivery(delivery: Delivery): void {
    const { headers } = delivery;
    emit({
      kind: 'delivered',
      at: options.clock.now(),
      meldingId: headers[HEADER.meldingId] ?? null,
      type: headers[HEADER.type] ?? null,
      bekymringsmeldingId: headers[customHeader(CUSTOM.bekymringsmeldingId)] ?? null,
      redelivered: delivery.redelivered,
      deliveryCount: delivery.deliveryCount,
    });
    const work = steps.handle(steps, context, delivery).catch((error: unknown) => {
      const meldingId = headers[HEADER.meldingId] ?? null;
      if (error instanceof ReceiverInterrupted) {
        emit({ kind: 'abandoned', at: options.clock.now(), meldingId, stage: error.stage, error: errorText(error.cause ?? error) });
        return;
      }
      // A step failed in a way it does not handle itself: the outcome is unknown, so the message
      // must come back rather than sit unacked in a prefetch slot for ever.
      try {
        delivery.requeue();
        emit({ kind: 'requeued', at: options.clock.now(), meldingId, stage: 'unknown', error: `receiver: unexpected failure: ${errorText(error)}` });
      } catch {
        emit({ kind: 'abandoned', at: options.clock.now(), meldingId, stage: 'unknown', error: `receiver: unexpected failure: ${errorText(error)}` });
      }
    });
    inHand.add(work);
    void work.finally(() => inHand.delete(work));
  }

  return {
    kontoId: options.kontoId,
    queue,
    async start() {
      if (state !== 'new') throw new Error(`receiver.start: this receiver was started before (it is ${state}); create a new one`);
      state = 'started';
      await migrate(options.db);
      subscription = await options.transport.consume(queue, { prefetch }, onDelivery);
      // stop() while consume() was under way found no subscription to close.
      if (stopping !== undefined) await subscription.close();
    },
    stop() {
      stopping ??= (async () => {
        state = 'stopped';
        await subscription?.close().catch(() => undefined);
        for (const sleeper of [...sleepers]) {
          options.clock.clearTimer(sleeper.handle);
          sleepers.delete(sleeper);
          sleeper.interrupt();
        }
        await Promise.allSettled([...inHand]);
      })();
      return stopping;
    },
    activity: () => ({ inHand: inHand.size, waitingOnClock: sleepers.size }),
  };
}
