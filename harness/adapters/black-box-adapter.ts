// A receiver ackproof has never seen the source of, as an Adapter: started by its launcher (cmd:,
// image:, url:) with the launch contract, ready when its readiness probe says so, read back over
// HTTP, seen from outside at the fault proxy. Services environment only: it is a real process on
// a real broker and database.
//
// Each start() is one generation: a crash kills it through the launcher (SIGKILL, the whole
// process group or the container) and the run launches a new one on the same database, the same
// queue and the same read-back port. A `url:` receiver cannot be killed: the run never tries
// (harness/certify/applicability.ts), and stopping it only stops using it.
//
// Its work in hand cannot be seen inside it; what it holds unsettled at the broker can, and that
// is its activity: the run's services-mode settling waits for it (and for the queue to drain).
import { createReadBackClient } from '../../providers/portal/index.ts';
import type { ReadBackClient } from '../../providers/portal/index.ts';
import type { Adapter, AdapterStartOptions, StartedAdapter } from '../run/run-adapters.ts';
import type { RunEnvironment, ServicesRunEnvironment } from '../environments/run-environment.ts';
import { type BlackBoxRun, openBlackBoxRun } from './black-box-run.ts';
import { printed, waitUntilReady } from './readiness.ts';
import { ReceiverStartError } from './receiver-start-error.ts';
import type { LaunchedReceiver, ReceiverLauncher } from './receiver-launcher.ts';

/** How long a receiver may take from its launch to its first 200 on the readiness probe. */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** A black box asked to run where it cannot (embedded): bad usage, exit 2. */
export class BlackBoxEnvironmentError extends Error {
  override readonly name = 'BlackBoxEnvironmentError';
}

export interface BlackBoxAdapter extends Adapter {
  readonly launcher: ReceiverLauncher;
  readonly blackBox: { readonly canKill: boolean };
  /** Kills whatever it still runs and removes what its launcher made. Idempotent. */
  close(): Promise<void>;
}

export interface BlackBoxAdapterOptions {
  readonly readyTimeoutMs?: number;
  /** The base URL of a receiver ackproof does not start (url:); otherwise http://127.0.0.1:<read-back port>. */
  readonly baseUrl?: string;
}

export function createBlackBoxAdapter(launcher: ReceiverLauncher, options: BlackBoxAdapterOptions = {}): BlackBoxAdapter {
  const name = launcher.identity.spec;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let everReady = false;
  const startFailure = (message: string, cause: unknown): ReceiverStartError =>
    new ReceiverStartError(
      everReady ? `${message} (it had started before in this certification, so the run has no verdict)` : message,
      !everReady,
      { cause },
    );

  async function start(environment: RunEnvironment, startOptions: AdapterStartOptions): Promise<StartedAdapter> {
    if (environment.kind !== 'services') {
      throw new BlackBoxEnvironmentError(
        `adapter ${name} is a black box (a program of its own): it runs only in the services environment, on RabbitMQ and PostgreSQL; use --env services`,
      );
    }
    const services: ServicesRunEnvironment = environment;
    const open = (): Promise<BlackBoxRun> =>
      openBlackBoxRun({
        environment: services,
        kontoId: startOptions.kontoId,
        reportOf: startOptions.reportOf ?? (() => undefined),
        recordBroker: startOptions.recordBroker ?? (() => undefined),
        ...(startOptions.onProxies === undefined ? {} : { onProxies: startOptions.onProxies }),
      });
    const ownRun = startOptions.runScope === undefined;
    const run = ownRun ? await open() : await startOptions.runScope.once('black-box receiver', open, (opened) => opened.close());
    run.serve({ generation: startOptions.generation ?? 1, sendApi: services.sendApi, fetchDokumentlager: services.fetchDokumentlager });
    startOptions.watchUnacked?.(() => run.broker.unacked());
    const baseUrl = options.baseUrl ?? `http://127.0.0.1:${run.readBackPort}`;

    let launched: LaunchedReceiver;
    try {
      launched = await launcher.launch(run.launchEnvironment);
    } catch (error) {
      if (ownRun) await run.close();
      // The launcher's message names the command, image or URL already.
      throw startFailure(error instanceof Error ? error.message : String(error), error);
    }
    try {
      await waitUntilReady({ baseUrl, launched, name, clock: services.clock, timeoutMs: readyTimeoutMs });
    } catch (error) {
      if (launcher.canKill) await launched.kill();
      if (ownRun) await run.close();
      throw startFailure(error instanceof Error ? error.message : String(error), error);
    }
    everReady = true;
    const readBack: ReadBackClient = createReadBackClient(baseUrl);
    let stopping: Promise<void> | undefined;
    // Ended by itself, not by the run: the run cannot go on with it (and must not wait for it).
    const died = launched.exited.then((how) =>
      stopping === undefined ? `${name} (${launched.description}) exited by itself (${how}) during the run.${printed(launched)}` : new Promise<string>(() => undefined),
    );
    return {
      name,
      readBack,
      died,
      activity: () => ({ inHand: run.broker.unacked().length, waitingOnClock: 0 }),
      stop() {
        stopping ??= (async () => {
          // A black box has no orderly stop in the contract: it is killed, and what it held unacked
          // goes back to the queue, as after any crash.
          if (launcher.canKill) await launched.kill();
          if (ownRun) await run.close();
        })();
        return stopping;
      },
    };
  }

  return {
    name,
    description: `a black-box receiver: ${launcher.identity.spec}`,
    identity: launcher.identity,
    launcher,
    blackBox: { canKill: launcher.canKill },
    start,
    close: () => launcher.close(),
  };
}
