// Which delivery a call of the receiver's belongs to. The run hands every delivery to the receiver
// inside an AsyncLocalStorage scope, so everything the receiver then does for it — its database
// transactions, its receipts — runs in that scope, whatever the receiver is built from. A fault
// that refuses a commit can thus say WHICH report's commit it refused, without knowing the
// receiver's code; a call outside any delivery (a receiver migrating its tables at start) has none.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface DeliveryContext {
  /** The receiver generation (1 for the first start, 2 after the first restart, …) that got it. */
  readonly generation: number;
  readonly meldingId: string | undefined;
  /** The bekymringsmelding-id header, when the message carries one. */
  readonly reportId: string | undefined;
  readonly redelivered: boolean;
}

const storage = new AsyncLocalStorage<DeliveryContext>();

export function withDelivery<T>(context: DeliveryContext, work: () => T): T {
  return storage.run(context, work);
}

/** The delivery whose handling made the current call, or undefined outside one. */
export function currentDelivery(): DeliveryContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` outside any delivery scope: work a fault starts on the run's behalf (restarting the
 * receiver) must not be taken for the receiver's own work on the delivery that triggered it.
 */
export function outsideDelivery<T>(work: () => T): T {
  return storage.exit(work);
}
