// The services environment: the real broker and database, from URLs. RabbitMQ carries the Fiks IO
// queues (every name prefixed `ackproof.<runId>.`), PostgreSQL holds the portal's and the case
// system's stores in two schemas of their own, and the simulator's send API and dokumentlager are
// served over HTTP on 127.0.0.1, which is how the receiver reaches them. close() deletes the
// queues and drops the schemas, also when the run failed.
import {
  createFiksIoSimulator,
  createHttpDokumentlagerClient,
  createHttpSendApiClient,
  startFiksIoHttpServer,
} from '../../providers/fiks-io/index.ts';
import type { FiksIoEvent } from '../../providers/fiks-io/index.ts';
import { type AmqpQueueTransport, createAmqpTransport } from '../../providers/fiks-io/transport/amqp-transport.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { systemClock } from '../time/system-clock.ts';
import { createCleanupStack } from './cleanup-stack.ts';
import { DEFAULT_DATABASE_URL, ServicesUnavailableError, openServicesDatabase, redactUrl, schemaForRun } from './database/index.ts';
import type { ServicesRunEnvironment } from './run-environment.ts';

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** A run that dies without close() leaves queues; RabbitMQ removes them once unused this long. */
const EXPIRE_UNUSED_AFTER_MS = 30 * 60 * 1000;

const RABBITMQ_HINT = 'To start it on this machine: `rabbitmq-server -detached` (README, "Set up").';

let runs = 0;

/** Unique per process and run; not from the seed, because two runs of one seed must not share queues. */
function newRunId(): string {
  runs += 1;
  return `run_${Date.now().toString(36)}_${process.pid.toString(36)}_${runs}`;
}

export async function openServicesEnvironment(options: {
  readonly seed: string;
  readonly amqpUrl?: string;
  readonly databaseUrl?: string;
  readonly dokumentlagerThresholdBytes?: number;
}): Promise<ServicesRunEnvironment> {
  const amqpUrl = options.amqpUrl ?? process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const runId = newRunId();
  const namePrefix = `ackproof.${runId}.`;
  const cleanup = createCleanupStack('servicesEnvironment');
  const receiverTransports: AmqpQueueTransport[] = [];
  const connectAmqp = (): Promise<AmqpQueueTransport> => connectBroker(amqpUrl, namePrefix);
  try {
    // All three at once, so a machine with neither service running hears about both in one go.
    const [transport, portalDb, caseDb] = await Promise.allSettled([
      connectAmqp(),
      openServicesDatabase({ url: databaseUrl, runId: `${runId}_portal` }),
      openServicesDatabase({ url: databaseUrl, runId: `${runId}_case` }),
    ]);
    if (transport.status === 'fulfilled') cleanup.push('the platform transport', () => transport.value.close());
    if (portalDb.status === 'fulfilled') cleanup.push("the portal's schema", () => portalDb.value.close());
    if (caseDb.status === 'fulfilled') cleanup.push("the case system's schema", () => caseDb.value.close());
    if (transport.status === 'rejected' || portalDb.status === 'rejected' || caseDb.status === 'rejected') {
      throw openingFailure([transport, portalDb, caseDb].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : [])));
    }
    const clock = systemClock();
    const random = seededRandom(options.seed);
    const listeners: ((event: FiksIoEvent) => void)[] = [];
    const simulator = await createFiksIoSimulator({
      transport: transport.value,
      clock,
      random: random.fork('fiks-io'),
      ...(options.dokumentlagerThresholdBytes === undefined ? {} : { dokumentlagerThresholdBytes: options.dokumentlagerThresholdBytes }),
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
    });
    cleanup.push('the Fiks IO simulator', () => simulator.close());
    const server = await startFiksIoHttpServer({ simulator, host: '127.0.0.1', port: 0 });
    cleanup.push("the simulator's HTTP server", () => server.close());
    // Pushed last, so closed first: the receivers let go of their queues before the platform deletes them.
    cleanup.push("the receivers' connections", async () => {
      for (const receiverTransport of receiverTransports) await receiverTransport.close();
    });
    return {
      kind: 'services',
      seed: options.seed,
      runId,
      clock,
      random,
      transport: transport.value,
      simulator,
      portalDb: portalDb.value,
      caseDb: caseDb.value,
      sendApi: createHttpSendApiClient(server.url),
      fetchDokumentlager: createHttpDokumentlagerClient(server.url),
      fiksIoUrl: server.url,
      amqpUrl,
      caseDatabaseUrl: withSearchPath(databaseUrl, schemaForRun(`${runId}_case`)),
      brokerQueueName: (queue) => `${namePrefix}${queue}`,
      description: `services: RabbitMQ at ${redactUrl(amqpUrl)} (queues ${namePrefix}*), PostgreSQL at ${redactUrl(databaseUrl)} (schemas ${schemaForRun(`${runId}_portal`)}, ${schemaForRun(`${runId}_case`)}), Fiks IO API at ${server.url}`,
      observeFiksIo: (listener) => {
        listeners.push(listener);
      },
      async openReceiverTransport() {
        const receiverTransport = await connectAmqp();
        receiverTransports.push(receiverTransport);
        return receiverTransport;
      },
      createdResources: () => {
        const names = [transport.value, ...receiverTransports].map((each) => each.declaredNames());
        return {
          queues: [...new Set(names.flatMap((each) => each.queues))],
          exchanges: [...new Set(names.flatMap((each) => each.exchanges))],
          schemas: [schemaForRun(`${runId}_portal`), schemaForRun(`${runId}_case`)],
        };
      },
      close: () => cleanup.closeAll(),
    };
  } catch (error) {
    await cleanup.closeAll().catch(() => undefined);
    throw error;
  }
}

/** The database URL with every connection's search_path set to `schema` (libpq's and pg's `options`; %20, not +). */
export function withSearchPath(url: string, schema: string): string {
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}${options}`;
}

async function connectBroker(url: string, namePrefix: string): Promise<AmqpQueueTransport> {
  try {
    // Every connection of the run declares the same dead-letter queue, so the arguments must match.
    return await createAmqpTransport({ url, namePrefix, expireUnusedAfterMs: EXPIRE_UNUSED_AFTER_MS });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/cannot connect to RabbitMQ/.test(message)) throw error;
    throw new ServicesUnavailableError('rabbitmq', redactUrl(url), `${message.replace(/\s*$/, '')} ${RABBITMQ_HINT}`, { cause: error });
  }
}

/**
 * One ServicesUnavailableError naming every unreachable service when that is all that went wrong
 * (both schemas failing on one server count once); otherwise the first other error.
 */
function openingFailure(failures: readonly unknown[]): unknown {
  const other = failures.find((failure) => !(failure instanceof ServicesUnavailableError));
  if (other !== undefined) return other;
  const unavailable = failures as readonly ServicesUnavailableError[];
  const [first] = unavailable;
  const messages = [...new Set(unavailable.map((failure) => failure.message))];
  if (first === undefined || messages.length === 1) return first;
  const services = [...new Set(unavailable.map((failure) => failure.service))].join(' and ');
  const urls = [...new Set(unavailable.map((failure) => failure.url))].join(', ');
  return new ServicesUnavailableError(services, urls, messages.join('\n'));
}
