// What every step of a receiver's work may use: its account, its store, the send API, the clock,
// the event sink, and a sleep that the receiver can cut short when it stops. Internal to the
// receiver and its variants (receiver-steps.ts shows what they do with it).
import type { Database } from '../../../harness/environments/database/index.ts';
import type { Clock } from '../../../harness/time/clock.ts';
import type { SendApi } from '../../fiks-io/index.ts';
import type { CaseStoreSteps } from './case-store.ts';
import type { ReceiverEvent, ReceiverStage } from './receiver-events.ts';

export interface ReceiverRetry {
  /** Wait before the second attempt to send a receipt; doubles on every further attempt. */
  readonly receiptFirstDelayMs: number;
  readonly receiptMaxDelayMs: number;
  /** Wait before a message whose outcome is unknown (storage failed) goes back to the queue. */
  readonly requeueDelayMs: number;
}

export const DEFAULT_RECEIVER_RETRY: ReceiverRetry = {
  receiptFirstDelayMs: 200,
  receiptMaxDelayMs: 30_000,
  // Long enough that a storage outage does not burn the three deliveries Fiks IO allows in a blink.
  requeueDelayMs: 1_000,
};

export interface ReceiverContext {
  /** The receiver's Fiks IO account: avsenderKontoId of every receipt. */
  readonly kontoId: string;
  readonly db: Database;
  readonly sendApi: SendApi;
  readonly fetchDokumentlager: (dokumentlagerId: string) => Promise<Uint8Array>;
  readonly clock: Clock;
  readonly storeSteps: CaseStoreSteps;
  readonly retry: ReceiverRetry;
  emit(event: ReceiverEvent): void;
  /** Waits on the clock; rejects with ReceiverInterrupted when the receiver stops first. */
  sleep(delayMs: number, stage: ReceiverStage): Promise<void>;
}

/**
 * The receiver stopped, or its channel closed, before a step could finish: the delivery can no
 * longer be settled and comes back to the queue by itself. Not a failure of the message.
 */
export class ReceiverInterrupted extends Error {
  override readonly name = 'ReceiverInterrupted';
  readonly stage: ReceiverStage;

  constructor(stage: ReceiverStage, reason: string, options?: ErrorOptions) {
    super(`receiver: interrupted at ${stage}: ${reason}`, options);
    this.stage = stage;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
