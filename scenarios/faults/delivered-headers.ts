// What the broker handed the receiver, for a fault that only needs to SEE its deliveries (the
// proof that a payload went by reference, or that a v1 report arrived): in process from the
// receiver's transport, for a black box from the Basic.Deliver frames at its broker proxy. The
// same listener hears both, so such a fault works on any receiver.
import type { RunPartWrappers } from '../../harness/run/run-parts.ts';
import { interceptDeliveries } from './part-wrappers.ts';

export interface DeliveredHeaders {
  /** The message's headers as text (the AMQP application headers). */
  readonly headers: Readonly<Record<string, string>>;
  readonly redelivered: boolean;
  readonly bodyBytes: number;
}

export function watchDeliveredHeaders(listener: (delivery: DeliveredHeaders) => void): Pick<RunPartWrappers, 'receiverTransport' | 'receiverProxies'> {
  return {
    receiverTransport: (transport) =>
      interceptDeliveries(transport, (delivery) => {
        listener({ headers: delivery.headers, redelivered: delivery.redelivered, bodyBytes: delivery.body.length });
        return delivery;
      }),
    receiverProxies: (proxies) => {
      proxies.broker.onEvent((event) => {
        if (event.kind !== 'deliver') return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(event.headers)) {
          const text = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : undefined;
          if (text !== undefined) headers[name] = text;
        }
        listener({ headers, redelivered: event.redelivered, bodyBytes: Number(event.bodySize) });
      });
    },
  };
}
