// What the receiver's tests share: an adapter built from a receiver with some of its parts replaced
// (steps, database, send API), a transport that records how every delivery was settled, and a
// flaky database and send API for outages. Not a test file itself; imported by *.test.ts.
import type { RunEnvironment } from '../../../harness/environments/run-environment.ts';
import type { Database } from '../../../harness/environments/database/index.ts';
import type { Adapter } from '../../../harness/run/run-adapters.ts';
import { SendApiUnavailableError, type SendApi } from '../../fiks-io/index.ts';
import type { Delivery, QueueTransport } from '../../fiks-io/transport/queue-transport.ts';
import { inProcessReadBack } from './receiver-read-back.ts';
import { type Receiver, type ReceiverOptions, createReceiver } from './receiver.ts';

/** An adapter running createReceiver with the environment's parts, after `customise` changed what it wants. */
export function receiverAdapter(
  name: string,
  customise: (options: ReceiverOptions, self: () => Receiver) => ReceiverOptions = (options) => options,
): Adapter {
  return {
    name,
    description: `test variant ${name}`,
    async start(environment: RunEnvironment, { kontoId, onEvent }) {
      const transport = await environment.openReceiverTransport();
      const defaults: ReceiverOptions = {
        transport,
        kontoId,
        db: environment.caseDb,
        sendApi: environment.sendApi,
        fetchDokumentlager: environment.fetchDokumentlager,
        clock: environment.clock,
        onEvent,
      };
      const receiver: Receiver = createReceiver(customise(defaults, () => receiver));
      await receiver.start();
      return { name, transport, readBack: inProcessReadBack(environment.caseDb), activity: () => receiver.activity(), stop: () => receiver.stop() };
    },
  };
}

export type Settlement = 'ack' | 'nack' | 'requeue';

/** The transport, with every settlement of every delivery it hands out recorded (by melding-id). */
export function settlementSpy(transport: QueueTransport): { readonly transport: QueueTransport; readonly settlements: { meldingId: string | undefined; how: Settlement }[] } {
  const settlements: { meldingId: string | undefined; how: Settlement }[] = [];
  const recorded = (delivery: Delivery): Delivery => {
    const record = (how: Settlement) => (): void => {
      delivery[how]();
      settlements.push({ meldingId: delivery.headers['melding-id'], how });
    };
    return { ...delivery, ack: record('ack'), nack: record('nack'), requeue: record('requeue') };
  };
  return {
    settlements,
    transport: {
      kind: transport.kind,
      declareQueue: (queue) => transport.declareQueue(queue),
      publish: (queue, message) => transport.publish(queue, message),
      consume: (queue, options, onDelivery) => transport.consume(queue, options, (delivery) => onDelivery(recorded(delivery))),
      onDeadLetter: (handler) => transport.onDeadLetter(handler),
      depth: (queue) => transport.depth(queue),
      close: () => transport.close(),
    },
  };
}

/**
 * The database, whose transactions fail as a dropped connection would, before doing anything: the
 * first `skip` go through (the receiver's migrate), the `failures` after them throw.
 */
export function outageDatabase(db: Database, outage: { readonly skip: number; readonly failures: number }): Database & { readonly failed: () => number } {
  let started = 0;
  let failed = 0;
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    transaction(work) {
      started += 1;
      if (started > outage.skip && failed < outage.failures) {
        failed += 1;
        return Promise.reject(new Error('database: Connection terminated unexpectedly (injected storage outage)'));
      }
      return db.transaction(work);
    },
    close: () => db.close(),
    failed: () => failed,
  };
}

/** The send API, whose next `failures` sends fail with an unknown outcome, as a 503 would. */
export function unavailableSendApi(sendApi: SendApi, failures: number): SendApi {
  let failed = 0;
  return {
    send(request) {
      if (failed < failures) {
        failed += 1;
        return Promise.reject(new SendApiUnavailableError('test sendApi', 'POST /fiks-io/api/v1/send answered 503 (injected)'));
      }
      return sendApi.send(request);
    },
  };
}
