// How a black-box receiver is started and killed: a child process (`cmd:`), a container
// (`image:`), or nothing at all for a service that is already running (`url:`). The black-box
// adapter (black-box-adapter.ts) drives any launcher the same way: launch with the launch
// contract's variables, wait until it is ready, kill it at a boundary (SIGKILL, no grace), launch
// it again on the same database.
import type { LaunchEnvironment } from './launch-contract.ts';

export interface LaunchedReceiver {
  /** What is running, for messages and the report: `pid 1234`, `container 3f2a…`. */
  readonly description: string;
  /** Kills it at once (SIGKILL; a container is killed, not stopped); resolves when it is gone. Idempotent. */
  kill(): Promise<void>;
  /** Settles when it ends by itself, with how it ended (`exit code 1`, `signal SIGKILL`). */
  readonly exited: Promise<string>;
  /** The last lines it wrote (stdout and stderr), for an error message that says what happened. */
  output(): string;
}

/** Who the receiver under test is, for the report. */
export interface ReceiverIdentity {
  readonly kind: 'in-process' | 'cmd' | 'image' | 'url';
  /** The adapter spec as given: `cmd:/usr/bin/python3 examples/x.py`, `image:ackproof/reference:dev`. */
  readonly spec: string;
  readonly command?: string;
  readonly image?: string;
  /** sha256:… of the image, or of the command's script file when it can be found. */
  readonly digest?: string;
  readonly version?: string;
}

export interface ReceiverLauncher {
  readonly kind: 'cmd' | 'image' | 'url';
  readonly identity: ReceiverIdentity;
  /** false for `url:`: ackproof cannot kill what it did not start, so crash scenarios do not apply. */
  readonly canKill: boolean;
  /** Starts one instance; rejects with a clear message when it cannot (no such command or image). */
  launch(environment: LaunchEnvironment): Promise<LaunchedReceiver>;
  /** Removes whatever the launcher made (containers, temporary files); idempotent. */
  close(): Promise<void>;
}
