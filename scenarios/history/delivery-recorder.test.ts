import { describe, expect, test } from '@jest/globals';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { createEmbeddedTransport } from '../../providers/fiks-io/transport/embedded-transport.ts';
import type { Delivery } from '../../providers/fiks-io/transport/queue-transport.ts';
import { recordDeliveries } from './delivery-recorder.ts';
import type { HistoryEventBody } from './history-event.ts';

const message = (meldingId: string): { headers: Record<string, string>; body: Uint8Array } => ({ headers: { 'melding-id': meldingId }, body: new Uint8Array([1]) });

describe('recordDeliveries', () => {
  test('records each delivery as the broker hands it over (before the receiver runs), redeliveries counted, and each ack', async () => {
    const recorded: HistoryEventBody[] = [];
    const transport = recordDeliveries(createEmbeddedTransport({ clock: new VirtualClock(0) }), (event) => recorded.push(event), { queues: ['fiksio.konto.case'] });
    await transport.declareQueue('fiksio.konto.case');
    let first = true;
    await transport.consume('fiksio.konto.case', { prefetch: 1 }, (delivery: Delivery) => {
      recorded.push({ event: 'operation', op: `receiver saw ${delivery.headers['melding-id'] ?? '?'}`, outcome: 'ok' });
      if (first) {
        first = false;
        delivery.requeue();
      } else {
        delivery.ack();
      }
    });

    await transport.publish('fiksio.konto.case', message('m1'));
    for (let turn = 0; turn < 5; turn++) await nextMacrotask();
    await transport.close();

    expect(recorded).toEqual([
      { event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false },
      { event: 'operation', op: 'receiver saw m1', outcome: 'ok' },
      { event: 'delivered', meldingId: 'm1', deliveryCount: 1, redelivered: true },
      { event: 'operation', op: 'receiver saw m1', outcome: 'ok' },
      { event: 'acked', meldingId: 'm1' },
    ]);
  });

  test('queues not asked for are passed through unrecorded', async () => {
    const recorded: HistoryEventBody[] = [];
    const transport = recordDeliveries(createEmbeddedTransport({ clock: new VirtualClock(0) }), (event) => recorded.push(event), { queues: ['fiksio.konto.case'] });
    await transport.declareQueue('fiksio.konto.portal');
    let acked = false;
    await transport.consume('fiksio.konto.portal', { prefetch: 1 }, (delivery) => {
      delivery.ack();
      acked = true;
    });

    await transport.publish('fiksio.konto.portal', message('k1'));
    for (let turn = 0; turn < 5; turn++) await nextMacrotask();
    await transport.close();

    expect(acked).toBe(true);
    expect(recorded).toEqual([]);
  });
});
