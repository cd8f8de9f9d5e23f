// Where a run's real parts come from (DESIGN.md, "Where the real parts come from"): one object that
// holds the clock, the seeded randomness, the Fiks IO simulator on its queue transport, the two
// databases (the portal's and the case system's, never one shared) and what the case system under
// test uses to reach Fiks IO. Everything a run creates is closed by close(), also after a failure.
//
//   embedded  VirtualClock, in-process broker, PGlite ×2, send API in process: deterministic for a
//             seed, simulated days take no real time.
//   services  system clock, RabbitMQ (AMQP_URL), PostgreSQL (DATABASE_URL, one schema per party
//             and run), the simulator's HTTP server: the receiver sends receipts and fetches
//             dokumentlager payloads over real HTTP.
import type { FiksIoEvent, FiksIoSimulator, SendApi } from '../../providers/fiks-io/index.ts';
import type { AmqpQueueTransport } from '../../providers/fiks-io/transport/amqp-transport.ts';
import type { QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { Random } from '../../scenarios/workloads/random.ts';
import type { Clock } from '../time/clock.ts';
import type { VirtualClock } from '../time/virtual-clock.ts';
import type { Database, EmbeddedDatabasePool } from './database/index.ts';

export type EnvironmentKind = 'embedded' | 'services';
export const ENVIRONMENT_KINDS: readonly EnvironmentKind[] = ['embedded', 'services'];

export interface RunEnvironmentOptions {
  readonly kind: EnvironmentKind;
  /** Everything random in the run (melding-ids, klientMeldingIds, ...) is drawn from it. */
  readonly seed: string;
  /** services only; AMQP_URL, else amqp://guest:guest@127.0.0.1:5672. */
  readonly amqpUrl?: string;
  /** services only; DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. */
  readonly databaseUrl?: string;
  /** embedded only: where the virtual clock starts (ms since the epoch). */
  readonly startMs?: number;
  /**
   * embedded only: borrow the two databases from this pool (and give them back, emptied, on
   * close) instead of starting two PGlites: 25 ms instead of about 5 s per environment.
   */
  readonly databasePool?: EmbeddedDatabasePool;
  /** Payloads larger than this travel by dokumentlager reference; Fiks IO's 5 MB unless told. */
  readonly dokumentlagerThresholdBytes?: number;
}

interface RunEnvironmentBase {
  readonly seed: string;
  /** Names this run's queues and schemas; unique per run. */
  readonly runId: string;
  readonly random: Random;
  /** The platform's transport: the simulator's, and the one the portal's receipts arrive on. */
  readonly transport: QueueTransport;
  readonly simulator: FiksIoSimulator;
  readonly portalDb: Database;
  readonly caseDb: Database;
  /** How the case system under test sends receipts. */
  readonly sendApi: SendApi;
  /** How the case system under test fetches a payload sent by reference. */
  readonly fetchDokumentlager: (dokumentlagerId: string) => Promise<Uint8Array>;
  /** One line saying what this environment runs on, for the run's printout. */
  readonly description: string;
  /** Every simulator event goes to each listener, in order. */
  observeFiksIo(listener: (event: FiksIoEvent) => void): void;
  /**
   * A connection for a case-system receiver. services: its own AMQP connection (so it can be cut
   * without cutting the platform's), closed by the environment's close(). embedded: the one
   * in-process broker.
   */
  openReceiverTransport(): Promise<QueueTransport>;
  /** Removes everything the run created (queues, schemas, servers) and closes connections. Idempotent. */
  close(): Promise<void>;
}

export interface EmbeddedRunEnvironment extends RunEnvironmentBase {
  readonly kind: 'embedded';
  readonly clock: VirtualClock;
}

export interface ServicesRunEnvironment extends RunEnvironmentBase {
  readonly kind: 'services';
  readonly clock: Clock;
  /** The simulator's HTTP server, e.g. http://127.0.0.1:40123. */
  readonly fiksIoUrl: string;
  /** The broker's URL, credentials included: what a black-box receiver connects to (through the fault proxy). */
  readonly amqpUrl: string;
  /** A URL of the case system's own schema (search_path set in the URL): a black-box receiver's empty database. */
  readonly caseDatabaseUrl: string;
  /** The queue's name on the broker (this run's prefix added): what a black-box receiver consumes. */
  brokerQueueName(queue: string): string;
  openReceiverTransport(): Promise<AmqpQueueTransport>;
  /** What this run created on the broker and the database server, for leak checks after close(). */
  createdResources(): { readonly queues: readonly string[]; readonly exchanges: readonly string[]; readonly schemas: readonly string[] };
}

export type RunEnvironment = EmbeddedRunEnvironment | ServicesRunEnvironment;

export async function openRunEnvironment(options: RunEnvironmentOptions): Promise<RunEnvironment> {
  if (options.kind === 'embedded') {
    const { openEmbeddedEnvironment } = await import('./embedded-environment.ts');
    return openEmbeddedEnvironment(options);
  }
  if (options.kind === 'services') {
    const { openServicesEnvironment } = await import('./services-environment.ts');
    return openServicesEnvironment(options);
  }
  throw new TypeError(`openRunEnvironment: kind must be one of ${ENVIRONMENT_KINDS.join(', ')}, got ${JSON.stringify((options as { kind?: unknown }).kind)}`);
}
