// `url:<base URL>`: a receiver that is already running, somewhere ackproof did not start it. There
// is nothing to start and nothing ackproof may kill, so scenarios that crash or stop the receiver
// do not apply to it (harness/certify/applicability.ts) — they are reported as not applicable,
// never as passed.
//
// It was started before the run, so it cannot have read the run's launch contract from its
// environment: each run hands it over instead, as JSON, with PUT <base>/ackproof/v1/launch
// (docs/launch-contract.md). The receiver answers 2xx once it consumes the queue named there
// with what it was given, and from then on serves the read-back at <base>.
import type { LaunchEnvironment } from './launch-contract.ts';
import { LaunchError } from './command-launcher.ts';
import { fetchFailure } from './readiness.ts';
import type { LaunchedReceiver, ReceiverLauncher } from './receiver-launcher.ts';

export const LAUNCH_PATH = '/ackproof/v1/launch';

export function createUrlLauncher(options: { readonly spec: string; readonly baseUrl: string; readonly fetchImpl?: typeof fetch }): ReceiverLauncher {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    kind: 'url',
    identity: { kind: 'url', spec: options.spec },
    canKill: false,
    async launch(environment: LaunchEnvironment): Promise<LaunchedReceiver> {
      const url = `${base}${LAUNCH_PATH}`;
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(environment), signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new LaunchError(`url: the receiver at ${base} cannot be reached (PUT ${url}: ${fetchFailure(error)}); is it running, and is this its base URL?`);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        throw new LaunchError(
          `url: the receiver at ${base} did not take the run's launch contract: PUT ${url} answered ${response.status}${text === '' ? '' : ` (${text.slice(0, 200)})`}; a url: receiver must accept it (docs/launch-contract.md).`,
        );
      }
      return {
        description: `the service at ${base}`,
        // It is not ours: it neither ends by our hand nor tells us when it ends.
        exited: new Promise<string>(() => undefined),
        output: () => '',
        kill: () => Promise.reject(new Error(`url: ackproof did not start the receiver at ${base}, so it cannot kill it`)),
      };
    },
    close: () => Promise.resolve(),
  };
}
