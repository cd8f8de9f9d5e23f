// The reference receiver as a process of its own, wired from the launch contract: the run's queue
// over AMQP, its own PostgreSQL database, receipts through the send API over HTTP, payloads from
// dokumentlager over HTTP, and the read-back API on 127.0.0.1:<port>. main.ts starts it; this file
// holds what a real receiver must do besides its steps:
// - it is ready (the read-back port answers) only once it consumes, so ackproof never publishes to
//   a receiver that is still connecting;
// - a lost broker connection (ackproof's fault proxy cuts it) is not the end: it connects again and
//   consumes again, with a new receiver generation on the same database. The old generation's
//   work in hand is left to finish on its own (its channel is gone, so it can no longer ack): a
//   hung database call there must not hold up the new connection;
// - the database is opened as its URL names it and never dropped: a restart finds what it stored.
import type { LaunchEnvironment } from '../../../harness/adapters/launch-contract.ts';
import { LAUNCH_VARIABLES } from '../../../harness/adapters/launch-contract.ts';
import type { Database } from '../../../harness/environments/database/database.ts';
import { openDatabaseAtUrl } from '../../../harness/environments/database/services-database.ts';
import { redactUrl } from '../../../harness/environments/database/services-unavailable-error.ts';
import type { Clock } from '../../../harness/time/clock.ts';
import { systemClock } from '../../../harness/time/system-clock.ts';
import { createDokumentlagerFetcher } from '../../fiks-io/http-dokumentlager-client.ts';
import { createHttpSendApiClient } from '../../fiks-io/http-send-api-client.ts';
import { type AmqpQueueTransport, createAmqpTransport } from '../../fiks-io/transport/amqp-transport.ts';
import type { QueueTransport } from '../../fiks-io/transport/queue-transport.ts';
import { type StartedReadBackServer, startReadBackServer } from '../read-back-server.ts';
import { migrate, readBack } from './case-store.ts';
import type { CaseStoreSteps } from './case-store.ts';
import { errorText } from './receiver-context.ts';
import type { ReceiverEvent } from './receiver-events.ts';
import type { ReceiverSteps } from './receiver-steps.ts';
import { type Receiver, createReceiver } from './receiver.ts';

export interface LaunchedReceiverOptions {
  /** One line of diagnostics (connecting, lost, reconnected): stderr in main.ts. */
  readonly log: (line: string) => void;
  /** Every receiver event; main.ts writes them to stdout as JSON lines. */
  readonly onEvent?: (event: ReceiverEvent) => void;
  /** How long start() keeps trying to reach the broker and the database; 30 s unless told. */
  readonly startDeadlineMs?: number;
  readonly clock?: Clock;
  /** A variant's steps (providers/case-system/faulty); the reference's unless told. */
  readonly steps?: ReceiverSteps;
  readonly storeSteps?: CaseStoreSteps;
}

export interface LaunchedReceiver {
  /** http://127.0.0.1:<ACKPROOF_READ_BACK_PORT> */
  readonly readBackUrl: string;
  /** Stops consuming (unacked messages go back), waits for the work in hand, ends every connection. Idempotent. */
  stop(): Promise<void>;
}

interface Generation {
  readonly transport: AmqpQueueTransport;
  readonly receiver: Receiver;
}

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5_000;

export async function startLaunchedReceiver(environment: LaunchEnvironment, options: LaunchedReceiverOptions): Promise<LaunchedReceiver> {
  const clock = options.clock ?? systemClock();
  const { log } = options;
  const amqpUrl = environment[LAUNCH_VARIABLES.amqpUrl];
  const queue = environment[LAUNCH_VARIABLES.queue];
  const deadline = clock.now() + (options.startDeadlineMs ?? 30_000);
  let stopped = false;
  const retired: Promise<void>[] = [];
  let current: Generation | undefined;
  let reconnecting: Promise<void> | undefined;

  async function untilDeadline<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
      try {
        return await attempt();
      } catch (error) {
        if (clock.now() + delay > deadline || isMissingQueue(error)) throw error;
        log(`${what} failed (${errorText(error)}); trying again in ${delay} ms`);
        await clock.sleep(delay);
      }
    }
  }

  // A line before each step that can wait: a start that hangs says where.
  log(`opening the database at ${redactUrl(environment[LAUNCH_VARIABLES.databaseUrl])}`);
  const db = await untilDeadline('opening the database', () => openDatabaseAtUrl({ url: environment[LAUNCH_VARIABLES.databaseUrl] }));
  log('creating the tables if missing');
  try {
    await untilDeadline('creating the tables', () => migrate(db));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const sendApi = createHttpSendApiClient(environment[LAUNCH_VARIABLES.sendApiUrl]);
  const fetchDokumentlager = createDokumentlagerFetcher(environment[LAUNCH_VARIABLES.dokumentlagerUrl]);

  async function startGeneration(): Promise<Generation> {
    const transport = await createAmqpTransport({
      url: amqpUrl,
      namePrefix: '',
      consumeOnly: true,
      onConnectionLost: (error) => onConnectionLost(transport, error),
    });
    const receiver = createReceiver({
      transport: consumerOf(transport, queue),
      kontoId: environment[LAUNCH_VARIABLES.kontoId],
      db,
      sendApi,
      fetchDokumentlager,
      clock,
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      ...(options.steps === undefined ? {} : { steps: options.steps }),
      ...(options.storeSteps === undefined ? {} : { storeSteps: options.storeSteps }),
    });
    try {
      await receiver.start();
    } catch (error) {
      await receiver.stop().catch(() => undefined);
      await transport.close().catch(() => undefined);
      throw error;
    }
    return { transport, receiver };
  }

  function retire(generation: Generation): void {
    retired.push(
      (async () => {
        await generation.receiver.stop().catch(() => undefined);
        await generation.transport.close().catch(() => undefined);
      })(),
    );
  }

  function onConnectionLost(transport: AmqpQueueTransport, error: Error): void {
    if (stopped || current?.transport !== transport) return;
    log(`the broker connection was lost (${error.message}); connecting again`);
    retire(current);
    current = undefined;
    reconnecting ??= (async () => {
      for (let delay = FIRST_RETRY_MS; !stopped; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
        try {
          const generation = await startGeneration();
          if (stopped) {
            retire(generation);
            return;
          }
          current = generation;
          log(`consuming ${queue} again`);
          return;
        } catch (failure) {
          log(`connecting to the broker failed (${errorText(failure)}); trying again in ${delay} ms`);
          await clock.sleep(delay);
        }
      }
    })().finally(() => {
      reconnecting = undefined;
    });
  }

  let server: StartedReadBackServer | undefined;
  try {
    log(`connecting to the broker at ${redactUrl(amqpUrl)}`);
    current = await untilDeadline(`consuming ${queue} on ${redactUrl(amqpUrl)}`, () => startGeneration());
    // Only now: the port answering is the readiness ackproof waits for.
    server = await startReadBackServer({ host: '127.0.0.1', port: Number(environment[LAUNCH_VARIABLES.readBackPort]), readBack: (id) => readBack(db, id) });
  } catch (error) {
    stopped = true;
    if (current !== undefined) retire(current);
    await Promise.allSettled(retired);
    await db.close().catch(() => undefined);
    throw error;
  }
  log(`consuming ${queue}; read-back and readiness on ${server.url}`);

  let stopping: Promise<void> | undefined;
  return {
    readBackUrl: server.url,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await server.close().catch(() => undefined);
        if (current !== undefined) retire(current);
        current = undefined;
        await reconnecting;
        await Promise.allSettled(retired);
        await closeDatabase(db);
      })();
      return stopping;
    },
  };
}

/**
 * The launch contract's queue exists before the receiver starts; when the broker says it does not,
 * waiting will not make it appear (transport-guards' noSuchQueueError says so in these words).
 */
function isMissingQueue(error: unknown): boolean {
  return error instanceof Error && /no queue named/.test(error.message);
}

/** The receiver consumes its account queue by Fiks IO's name; the launch contract names the broker's queue. */
function consumerOf(transport: AmqpQueueTransport, queue: string): QueueTransport {
  const notForAReceiver = (method: string) => (): Promise<never> =>
    Promise.reject(new Error(`launched receiver: ${method} is not something a receiver does; it only consumes ${queue}`));
  return {
    kind: 'services',
    declareQueue: notForAReceiver('declareQueue'),
    publish: notForAReceiver('publish'),
    consume: (_accountQueue, consumeOptions, onDelivery) => transport.consume(queue, consumeOptions, onDelivery),
    onDeadLetter: notForAReceiver('onDeadLetter'),
    depth: () => transport.depth(queue),
    close: () => transport.close(),
  };
}

async function closeDatabase(db: Database): Promise<void> {
  await db.close().catch(() => undefined);
}
