// The portal consumes no queue itself (providers/portal/portal.ts): the run does it for the portal.
// Each receipt on the portal's account is handed to portal.handleReceipt and acked only after that
// resolved (after the portal's commit). A rejection means nothing was stored, so the receipt goes
// back to the queue; handling it again is harmless.
import type { Delivery, QueueTransport, Subscription } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { Portal } from '../../providers/portal/index.ts';

export interface PortalReceiptConsumer {
  /** Receipts taken and not yet settled. */
  inHand(): number;
  /** Receipts the portal failed to handle (each went back to the queue). */
  failures(): readonly string[];
  stop(): Promise<void>;
}

export async function consumePortalReceipts(transport: QueueTransport, queue: string, portal: Portal, prefetch = 10): Promise<PortalReceiptConsumer> {
  const inHand = new Set<Promise<void>>();
  const failures: string[] = [];
  const settle = (delivery: Delivery, how: 'ack' | 'requeue'): void => {
    try {
      delivery[how]();
    } catch {
      // The channel closed under us (stop, a lost connection): the receipt comes back by itself.
    }
  };
  const subscription: Subscription = await transport.consume(queue, { prefetch }, (delivery) => {
    const work = portal.handleReceipt(delivery).then(
      () => settle(delivery, 'ack'),
      (error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
        settle(delivery, 'requeue');
      },
    );
    inHand.add(work);
    void work.finally(() => inHand.delete(work));
  });
  return {
    inHand: () => inHand.size,
    failures: () => failures,
    async stop() {
      await subscription.close();
      await Promise.allSettled([...inHand]);
    },
  };
}
