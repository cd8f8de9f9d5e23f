// The reference receiver started as ackproof starts any black-box receiver (docs/launch-contract.md):
//   node_modules/.bin/node providers/case-system/reference/main.ts
// with the ACKPROOF_* variables set. It is what the container image ships (containers/), and what
// proves that the reference passes through the same door as a vendor's receiver.
//
// Exit codes: 0 after SIGTERM or SIGINT and a clean stop; 2 when the launch environment is not
// usable (every bad variable named on stderr); 1 when it could not start (broker, database or
// read-back port unreachable within the start deadline) or could not stop in time.
// stdout: one JSON line per receiver event; stderr: diagnostics.
import { LaunchEnvironmentError, readLaunchEnvironment } from './launch-environment.ts';
import { type LaunchedReceiver, startLaunchedReceiver } from './launched-receiver.ts';

const STOP_GRACE_MS = 10_000;

const log = (line: string): void => {
  process.stderr.write(`ackproof-reference: ${line}\n`);
};

async function main(): Promise<number> {
  let environment;
  try {
    environment = readLaunchEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof LaunchEnvironmentError)) throw error;
    log(error.message);
    return 2;
  }
  // Listening before starting: a SIGTERM during the start must stop what has started, not leave it.
  let signalled: NodeJS.Signals | undefined;
  let onSignal: (signal: NodeJS.Signals) => void = (signal) => {
    signalled = signal;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => onSignal(received));

  let receiver: LaunchedReceiver;
  try {
    receiver = await startLaunchedReceiver(environment, {
      log,
      onEvent: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
    });
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    if (signalled !== undefined) resolve(signalled);
  });
  const signal = await stopped;
  log(`${signal}: stopping (unacked messages go back to the queue)`);
  const grace = setTimeout(() => {
    log(`did not stop within ${STOP_GRACE_MS} ms; exiting anyway`);
    process.exit(1);
  }, STOP_GRACE_MS);
  grace.unref();
  await receiver.stop();
  clearTimeout(grace);
  log('stopped');
  return 0;
}

// process.exit, not exitCode: a handle some library keeps open must not turn a stop into a hang.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
