// One life of an in-process receiver, between its start and its death or stop: a "generation".
// The receiver under test gets the environment through this process boundary — its database, its
// send API, its dokumentlager and its broker connection — so the run can do to ANY receiver what
// a crash does to a real one, without knowing its code:
//
//   kill()   the process dies at once: from that instant every call it makes fails (a transaction
//            in progress rolls back at its next statement; a commit or a send that completes
//            after the death is never seen by the dead process); its channels close, so what it
//            had not acked goes back to the queue (services: its TCP connection is cut, as a
//            dead process's would be). Its memory is gone with it: the next start is a new
//            generation on the same database.
//   cut()    only the broker connection is lost: the process lives on, its work in hand
//            continues, but it can no longer ack what it holds.
//
// Each delivery is handed over inside a delivery scope (delivery-context.ts), so whatever the
// receiver does for it can be attributed to it.
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import type { SendApi } from '../../providers/fiks-io/index.ts';
import type { Delivery, QueueTransport, Subscription } from '../../providers/fiks-io/transport/queue-transport.ts';
import { withSettlement } from '../../providers/fiks-io/transport/with-settlement.ts';
import type { Database, Queryable } from '../environments/database/index.ts';
import type { RunEnvironment } from '../environments/run-environment.ts';
import { withDelivery } from './delivery-context.ts';

/** A call made by, or answered to, a receiver process that has died. */
export class ReceiverCrashedError extends Error {
  override readonly name = 'ReceiverCrashedError';
}

export interface ReceiverProcessParts {
  readonly environment: RunEnvironment;
  /** The case database as the run offers it (faults may wrap it); shared by every generation. */
  readonly caseDb: Database;
  readonly sendApi: SendApi;
  /** What the run puts between the raw connection and the receiver (recording, faults). */
  readonly wrapTransport: (raw: QueueTransport) => QueueTransport;
}

export interface ReceiverProcess {
  readonly generation: number;
  /** The environment as this process sees it: every part of it dies with the process. */
  readonly environment: RunEnvironment;
  alive(): boolean;
  /** melding-ids handed to the receiver and not yet settled, in the order they came. */
  unacked(): string[];
  /** The process dies now (see above); resolves once its channels are closed. */
  kill(reason: string): Promise<void>;
  /** Its broker connection is lost (see above); resolves once the channels are closed. */
  cut(): Promise<void>;
}

interface Severable {
  severConnection(): Promise<void>;
}

function isSeverable(transport: QueueTransport): transport is QueueTransport & Severable {
  return typeof (transport as Partial<Severable>).severConnection === 'function';
}

export function startReceiverProcess(generation: number, parts: ReceiverProcessParts): ReceiverProcess {
  let death: string | undefined;
  const raws: QueueTransport[] = [];
  const subscriptions = new Set<Subscription>();
  const unacked = new Map<object, string>();

  const check = (what: string): void => {
    if (death !== undefined) throw new ReceiverCrashedError(`receiver process ${generation}: ${what} after the process died (${death}); a dead process does nothing more`);
  };
  const checked = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    check(what);
    const result = await call();
    // Completed after the death: the dead process never sees the answer.
    check(what);
    return result;
  };

  const session = (queryable: Queryable): Queryable => ({
    query: (sql, params) => checked('a database query', () => queryable.query(sql, params)),
  });
  const caseDb: Database = {
    kind: parts.caseDb.kind,
    ...session(parts.caseDb),
    transaction: (work) => checked('a database transaction', () => parts.caseDb.transaction((tx) => work(session(tx)))),
    // The environment owns the database; a receiver closing it must not close it for the run.
    close: () => Promise.resolve(),
  };
  const sendApi: SendApi = { send: (request) => checked('a send', () => parts.sendApi.send(request)) };
  const fetchDokumentlager = (id: string): Promise<Uint8Array> => checked('a dokumentlager fetch', () => parts.environment.fetchDokumentlager(id));

  const guardDelivery = (delivery: Delivery): Delivery => {
    const token = {};
    unacked.set(token, delivery.headers[HEADER.meldingId] ?? '(no melding-id)');
    const settle = (how: 'ack' | 'nack' | 'requeue') => (): void => {
      check(how);
      delivery[how]();
      unacked.delete(token);
    };
    return withSettlement(delivery, { ack: settle('ack'), nack: settle('nack'), requeue: settle('requeue') });
  };

  const guardTransport = (transport: QueueTransport): QueueTransport => ({
    kind: transport.kind,
    declareQueue: (queue) => checked('declareQueue', () => transport.declareQueue(queue)),
    publish: (queue, message) => checked('publish', () => transport.publish(queue, message)),
    async consume(queue, options, onDelivery) {
      check('consume');
      const subscription = await transport.consume(queue, options, (delivery) => {
        // A dead process takes nothing in; the broker gets the delivery back when the channel closes.
        if (death !== undefined) return;
        const guarded = guardDelivery(delivery);
        const meldingId = delivery.headers[HEADER.meldingId];
        const reportId = delivery.headers[customHeader(CUSTOM.bekymringsmeldingId)];
        withDelivery({ generation, meldingId, reportId, redelivered: delivery.redelivered }, () => onDelivery(guarded));
      });
      subscriptions.add(subscription);
      return {
        close: async () => {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },
    onDeadLetter: (handler) => checked('onDeadLetter', () => transport.onDeadLetter(handler)),
    depth: (queue) => checked('depth', () => transport.depth(queue)),
    // The environment owns the connection; closing it here closes this process's channels only.
    close: () => closeChannels(),
  });

  async function closeChannels(): Promise<void> {
    const open = [...subscriptions];
    subscriptions.clear();
    await Promise.allSettled(open.map((subscription) => subscription.close()));
  }

  async function cut(): Promise<void> {
    const severable = raws.filter(isSeverable);
    // services: the TCP connection goes, as with a pulled cable or a dead process; amqplib then
    // closes every channel on it. embedded: the channels close (the one broker stays up).
    await Promise.allSettled(severable.map((raw) => raw.severConnection()));
    await closeChannels();
  }

  const environment = {
    ...parts.environment,
    caseDb,
    sendApi,
    fetchDokumentlager,
    async openReceiverTransport() {
      check('openReceiverTransport');
      const raw = await parts.environment.openReceiverTransport();
      raws.push(raw);
      return guardTransport(parts.wrapTransport(raw));
    },
    close: () => Promise.resolve(),
  } as RunEnvironment;

  return {
    generation,
    environment,
    alive: () => death === undefined,
    unacked: () => [...unacked.values()],
    kill(reason) {
      death ??= reason;
      return cut();
    },
    cut,
  };
}
