// What one run sets up for a black-box receiver, once, for all its generations (a restart finds
// the same): the fault proxies in front of the broker and the receiver's database, a send API of
// its own, the read-back port, and the broker's view of it read at the proxy.
//
// The receiver's receipts arrive at this run's own HTTP send API (the simulator's HTTP face, see
// providers/fiks-io/fiks-io-http-server.ts), which hands them to the run's receipt send API — the
// one the faults wrap — inside the delivery scope of the message the receipt answers (found from
// its svar-til), exactly as an in-process receiver's sends run in the scope of their delivery.
import { type FiksIoHttpServer, type SendRequest, startFiksIoHttpServer } from '../../providers/fiks-io/index.ts';
import { DOKUMENTLAGER_PATH_PREFIX } from '../../providers/fiks-io/send-api.ts';
import type { SendApi, SendtMelding } from '../../providers/fiks-io/index.ts';
import type { ServicesRunEnvironment } from '../environments/run-environment.ts';
import { type ReceiverProxies, startReceiverProxies } from '../fault-proxy/index.ts';
import { withDelivery } from '../run/delivery-context.ts';
import type { BrokerObservation } from '../run/run-adapters.ts';
import { type BrokerObserver, createBrokerObserver } from './broker-observer.ts';
import { freePort } from './free-port.ts';
import { LAUNCH_VARIABLES, type LaunchEnvironment } from './launch-contract.ts';

/** What the current generation sends and fetches through: its parts die with it. */
export interface GenerationParts {
  readonly generation: number;
  readonly sendApi: SendApi;
  readonly fetchDokumentlager: (dokumentlagerId: string) => Promise<Uint8Array>;
}

export interface BlackBoxRun {
  readonly launchEnvironment: LaunchEnvironment;
  readonly readBackPort: number;
  readonly proxies: ReceiverProxies;
  readonly broker: BrokerObserver;
  /** The generation whose sends the run's send API now serves. */
  serve(parts: GenerationParts): void;
  close(): Promise<void>;
}

export interface BlackBoxRunOptions {
  readonly environment: ServicesRunEnvironment;
  readonly kontoId: string;
  readonly reportOf: (meldingId: string) => string | undefined;
  readonly recordBroker: (observation: BrokerObservation) => void;
  /** Hears of the proxies once they run (the faults that act on the wire). */
  readonly onProxies?: (proxies: ReceiverProxies) => void;
}

export async function openBlackBoxRun(options: BlackBoxRunOptions): Promise<BlackBoxRun> {
  const { environment } = options;
  const broker = createBrokerObserver(options.recordBroker);
  let current: GenerationParts | undefined;
  const parts = (): GenerationParts => {
    if (current === undefined) throw new Error('black-box run: a send arrived before any receiver generation started');
    return current;
  };
  const proxies = await startReceiverProxies({ amqpUrl: environment.amqpUrl, databaseUrl: environment.caseDatabaseUrl });
  const unsubscribe = proxies.broker.onEvent((event) => broker.observe(event));
  options.onProxies?.(proxies);
  let server: FiksIoHttpServer | undefined;
  try {
    server = await startFiksIoHttpServer({
      host: '127.0.0.1',
      port: 0,
      simulator: {
        send(request: SendRequest) {
          const generation = parts();
          const svarTil = request.metadata.svarPaMelding ?? undefined;
          const scope = { generation: generation.generation, meldingId: svarTil, reportId: svarTil === undefined ? undefined : options.reportOf(svarTil), redelivered: svarTil === undefined ? false : broker.redelivered(svarTil) };
          // The run's send API answers with what Fiks IO answered: the simulator's SendtMelding.
          return withDelivery(scope, () => generation.sendApi.send(request)) as Promise<SendtMelding>;
        },
        fetchDokumentlager: (id: string) => parts().fetchDokumentlager(id),
      },
    });
    const readBackPort = await freePort();
    const launchEnvironment: LaunchEnvironment = {
      [LAUNCH_VARIABLES.amqpUrl]: proxies.amqpUrl,
      [LAUNCH_VARIABLES.queue]: environment.brokerQueueName(environment.simulator.queueFor(options.kontoId)),
      [LAUNCH_VARIABLES.kontoId]: options.kontoId,
      [LAUNCH_VARIABLES.sendApiUrl]: server.url,
      [LAUNCH_VARIABLES.dokumentlagerUrl]: `${server.url}${DOKUMENTLAGER_PATH_PREFIX}`,
      [LAUNCH_VARIABLES.databaseUrl]: proxies.databaseUrl,
      [LAUNCH_VARIABLES.readBackPort]: String(readBackPort),
    };
    const opened = server;
    return {
      launchEnvironment,
      readBackPort,
      proxies,
      broker,
      serve(generationParts) {
        current = generationParts;
      },
      async close() {
        unsubscribe();
        await Promise.allSettled([opened.close(), proxies.close()]);
      },
    };
  } catch (error) {
    unsubscribe();
    await Promise.allSettled([server?.close(), proxies.close()]);
    throw error;
  }
}
