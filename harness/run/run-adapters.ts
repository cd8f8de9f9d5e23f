// The case systems a run can put under test, by the name `ackproof run --adapter <name>` takes.
// Each starts against a run environment and offers the same handles to the run: its account, its
// activity (so a virtual clock is moved only when nothing else can happen), its read-back, stop().
// Only the reference adapter exists yet; the faulty variants and container adapters join here.
import type { ReceiverEvent } from '../../providers/case-system/reference/receiver-events.ts';
import { inProcessReadBack, serveReadBack } from '../../providers/case-system/reference/receiver-read-back.ts';
import { type ReceiverActivity, createReferenceReceiver } from '../../providers/case-system/reference/receiver.ts';
import type { QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { ReadBackClient } from '../../providers/portal/index.ts';
import type { RunEnvironment } from '../environments/run-environment.ts';

export interface StartedAdapter {
  readonly name: string;
  /** The connection it consumes on; a test cuts it to play a crash (severConnection on services). */
  readonly transport: QueueTransport;
  /** Where the run asks what the case system stored. */
  readonly readBack: ReadBackClient;
  activity(): ReceiverActivity;
  /** Stops consuming; unacked messages go back to the queue. Idempotent. */
  stop(): Promise<void>;
}

export interface AdapterStartOptions {
  /** The case system's Fiks IO account (created by the run). */
  readonly kontoId: string;
  readonly onEvent: (event: ReceiverEvent) => void;
}

export interface Adapter {
  readonly name: string;
  readonly description: string;
  start(environment: RunEnvironment, options: AdapterStartOptions): Promise<StartedAdapter>;
}

export const referenceAdapter: Adapter = {
  name: 'reference',
  description: 'the reference case system: commit, then mottatt, then ack; feilet for what it cannot take; never nack',
  async start(environment, options) {
    const transport = await environment.openReceiverTransport();
    const receiver = createReferenceReceiver({
      transport,
      kontoId: options.kontoId,
      db: environment.caseDb,
      sendApi: environment.sendApi,
      fetchDokumentlager: environment.fetchDokumentlager,
      clock: environment.clock,
      onEvent: options.onEvent,
    });
    await receiver.start();
    // Embedded: in process, so nothing escapes the virtual clock. Services: over HTTP, the contract.
    const served = environment.kind === 'services' ? await serveReadBack(environment.caseDb) : undefined;
    let stopping: Promise<void> | undefined;
    return {
      name: referenceAdapter.name,
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

export const ADAPTERS: Readonly<Record<string, Adapter>> = { reference: referenceAdapter };

export function adapterNamed(name: string): Adapter | undefined {
  return Object.hasOwn(ADAPTERS, name) ? ADAPTERS[name] : undefined;
}
