// The case systems a run can put under test, by the name `ackproof run --adapter <name>` takes.
// Each starts against a run environment and offers the same handles to the run: its account, its
// activity (so a virtual clock is moved only when nothing else can happen), its read-back, stop().
// The reference adapter, and one `faulty:<name>` per receiver in the catalogue of faulty receivers.
// Black boxes (cmd:, image:, url:) are Adapters too, made from their spec by
// harness/adapters/adapter-for-spec.ts; the run sees them only from outside (blackBox, watchUnacked, died).
import type { ReceiverIdentity } from '../adapters/receiver-launcher.ts';
import type { ReceiverProxies } from '../fault-proxy/index.ts';
import type { ReceiverEvent } from '../../providers/case-system/reference/receiver-events.ts';
import { inProcessReadBack, serveReadBack } from '../../providers/case-system/reference/receiver-read-back.ts';
import { type ReceiverVariant, FAULTY_RECEIVERS } from '../../providers/case-system/faulty/index.ts';
import { type ReceiverActivity, createReceiver } from '../../providers/case-system/reference/receiver.ts';
import type { QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { ReadBackClient } from '../../providers/portal/index.ts';
import type { RunEnvironment } from '../environments/run-environment.ts';

export interface StartedAdapter {
  readonly name: string;
  /** The guarded connection it consumes on (in-process receivers); to play a crash or a cut, use the run's crashAdapter() / cutAdapterConnection(). */
  readonly transport?: QueueTransport;
  /** Where the run asks what the case system stored. */
  readonly readBack: ReadBackClient;
  activity(): ReceiverActivity;
  /** Settles, saying how, if the receiver ends by itself (a black box's process dies): the run cannot go on with it. */
  readonly died?: Promise<string>;
  /** Stops consuming; unacked messages go back to the queue. Idempotent. */
  stop(): Promise<void>;
}

/** What the broker did for a receiver the run sees only from outside: a delivery, or its ack. */
export type BrokerObservation =
  | { readonly event: 'delivered'; readonly meldingId: string; readonly deliveryCount: number; readonly redelivered: boolean }
  | { readonly event: 'acked'; readonly meldingId: string };

/** Resources that live as long as one run and are shared by all its receiver generations; the run closes them when it stops. */
export interface RunScope {
  /** The value opened under `key` for this run, opening it (once) when it is asked for first. */
  once<T>(key: string, open: () => Promise<T>, close: (value: T) => Promise<void>): Promise<T>;
}

export interface AdapterStartOptions {
  /** The case system's Fiks IO account (created by the run). */
  readonly kontoId: string;
  readonly onEvent: (event: ReceiverEvent) => void;
  /** Which receiver generation this start is: 1, then 2 after the first restart, … */
  readonly generation?: number;
  /** The report a melding-id was sent for, once the portal recorded the send. */
  readonly reportOf?: (meldingId: string) => string | undefined;
  /** Records the broker's view of a receiver whose transport the run cannot wrap (a black box). */
  readonly recordBroker?: (observation: BrokerObservation) => void;
  readonly runScope?: RunScope;
  /** A black box's fault proxies, once per run when they start (the faults' receiverProxies). */
  readonly onProxies?: (proxies: ReceiverProxies) => void;
  /**
   * Hears how to ask which melding-ids the receiver holds delivered and unsettled, when the run
   * cannot see them by wrapping its transport (a black box: seen at its broker proxy). Called
   * before the receiver is launched, not once it is ready: a black box consumes before its
   * readiness answers 200, and a crash in that gap must still see what it held.
   */
  readonly watchUnacked?: (unacked: () => string[]) => void;
}

export interface Adapter {
  readonly name: string;
  readonly description: string;
  /** Who the receiver under test is, for the report; in-process adapters by default. */
  readonly identity?: ReceiverIdentity;
  /** A receiver out of ackproof's process (cmd:, image:, url:): runs only in the services environment. */
  readonly blackBox?: { readonly canKill: boolean };
  start(environment: RunEnvironment, options: AdapterStartOptions): Promise<StartedAdapter>;
}

/**
 * An adapter running the receiver with `variant`'s steps (the reference's where it has none): the
 * reference and every faulty receiver share this wiring, so what differs between them is exactly
 * their steps.
 */
function receiverAdapter(name: string, description: string, variant: () => ReceiverVariant): Adapter {
  return {
    name,
    description,
    async start(environment, options) {
      const transport = await environment.openReceiverTransport();
      const { steps, storeSteps } = variant();
      const receiver = createReceiver({
        transport,
        kontoId: options.kontoId,
        db: environment.caseDb,
        sendApi: environment.sendApi,
        fetchDokumentlager: environment.fetchDokumentlager,
        clock: environment.clock,
        onEvent: options.onEvent,
        ...(steps === undefined ? {} : { steps }),
        ...(storeSteps === undefined ? {} : { storeSteps }),
      });
      await receiver.start();
      // Embedded: in process, so nothing escapes the virtual clock. Services: over HTTP, the contract.
      const served = environment.kind === 'services' ? await serveReadBack(environment.caseDb) : undefined;
      let stopping: Promise<void> | undefined;
      return {
        name,
        transport,
        readBack: served?.client ?? inProcessReadBack(environment.caseDb),
        activity: () => receiver.activity(),
        stop() {
          stopping ??= (async () => {
            await receiver.stop();
            await served?.close();
          })();
          return stopping;
        },
      };
    },
  };
}

export const referenceAdapter: Adapter = receiverAdapter(
  'reference',
  'the reference case system: commit, then mottatt, then ack; feilet for what it cannot take; never nack',
  () => ({}),
);

/** `faulty:<name>` for every receiver in the catalogue (providers/case-system/faulty/). */
export const FAULTY_ADAPTER_PREFIX = 'faulty:';

export const ADAPTERS: Readonly<Record<string, Adapter>> = Object.fromEntries([
  [referenceAdapter.name, referenceAdapter],
  ...FAULTY_RECEIVERS.map((faulty) => {
    const name = `${FAULTY_ADAPTER_PREFIX}${faulty.name}`;
    return [name, receiverAdapter(name, `${faulty.description} (expected: ${faulty.expectedVerdict})`, () => faulty.variant())] as const;
  }),
]);

export function adapterNamed(name: string): Adapter | undefined {
  return Object.hasOwn(ADAPTERS, name) ? ADAPTERS[name] : undefined;
}

/** The adapter `spec` names (reference, faulty:<name>); throws, listing the names, when there is none. */
export function findAdapter(spec: string): Adapter {
  const adapter = adapterNamed(spec);
  if (adapter !== undefined) return adapter;
  const faulty = spec.startsWith(FAULTY_ADAPTER_PREFIX)
    ? ` There is no faulty receiver ${JSON.stringify(spec.slice(FAULTY_ADAPTER_PREFIX.length))}; \`npx ackproof faults\` lists them.`
    : '';
  throw new RangeError(`findAdapter: no adapter named ${JSON.stringify(spec)}; the adapters are: ${Object.keys(ADAPTERS).join(', ')}.${faulty}`);
}
