// `cmd:<command>`: the receiver under test is a child process. It is started without a shell, in
// a process group of its own (detached), so a kill takes the whole group with it — a `sh -c`
// wrapper cannot leave its child running, nor can a receiver that forks workers. Its stdout and
// stderr are kept (the last lines) so a receiver that dies or never gets ready can be shown with
// what it said.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { LaunchEnvironment } from './launch-contract.ts';
import type { LaunchedReceiver, ReceiverIdentity, ReceiverLauncher } from './receiver-launcher.ts';

/** A command that could not be started at all (no such file, not executable). */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}

export interface CommandLauncherOptions {
  /** The adapter spec as given (`cmd:…`), for the report. */
  readonly spec: string;
  readonly argv: readonly [string, ...string[]];
  /** Where the command runs and relative paths resolve; the current directory unless told. */
  readonly cwd?: string;
  /** How many lines of output to keep; 40 unless told. */
  readonly keepLines?: number;
}

export function createCommandLauncher(options: CommandLauncherOptions): ReceiverLauncher {
  const cwd = options.cwd ?? process.cwd();
  const [program, ...args] = options.argv;
  // A program given with a slash runs from where it says, relative to cwd, as a shell would.
  const executable = program.includes('/') && !isAbsolute(program) ? resolve(cwd, program) : program;
  const command = options.argv.join(' ');
  const running = new Set<LaunchedReceiver>();
  const digest = scriptDigest(cwd, args) ?? scriptDigest(cwd, [executable]);
  const identity: ReceiverIdentity = { kind: 'cmd', spec: options.spec, command, ...(digest === undefined ? {} : { digest }) };
  return {
    kind: 'cmd',
    identity,
    canKill: true,
    async launch(environment) {
      const launched = await spawnGroup(executable, args, cwd, environment, command, options.keepLines ?? 40);
      running.add(launched);
      void launched.exited.then(() => running.delete(launched));
      return launched;
    },
    async close() {
      await Promise.all([...running].map((each) => each.kill()));
    },
  };
}

/** sha256 of the first argument that is a file (the script the interpreter runs), if any. */
function scriptDigest(cwd: string, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate.startsWith('-')) continue;
    const path = resolve(cwd, candidate);
    try {
      if (!statSync(path).isFile()) continue;
      return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * Process groups started and not yet ended. A receiver runs in a group of its own, so a Ctrl-C in
 * the terminal does not reach it: when ackproof exits or is told to stop, they are killed here.
 */
const liveGroups = new Set<number>();
let exitGuarded = false;

function killLiveGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  liveGroups.clear();
}

function guardExit(): void {
  if (exitGuarded) return;
  exitGuarded = true;
  process.on('exit', killLiveGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killLiveGroups();
      process.off(signal, onSignal);
      // Nobody else handles it: die of it, as the signal's default would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function spawnGroup(executable: string, args: readonly string[], cwd: string, environment: LaunchEnvironment, command: string, keepLines: number): Promise<LaunchedReceiver> {
  const lines: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer): void => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > keepLines) lines.splice(0, lines.length - keepLines);
  };
  const child: ChildProcess = spawn(executable, args, {
    cwd,
    env: { ...process.env, ...environment },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((resolveLaunch, rejectLaunch) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'no such file or command' : error.code === 'EACCES' ? 'permission denied (is it executable?)' : error.message;
      rejectLaunch(new LaunchError(`cmd: cannot start ${JSON.stringify(command)}: ${executable}: ${why}. Check the path (relative paths start from ${cwd}).`));
    });
    child.once('spawn', () => {
      const pid = child.pid ?? 0;
      guardExit();
      liveGroups.add(pid);
      const killGroup = (): void => {
        try {
          // The negative pid is the process group: the command and everything it started.
          process.kill(-pid, 'SIGKILL');
        } catch {
          // ESRCH: the whole group is gone already.
        }
      };
      const exited = new Promise<string>((resolveExit) => {
        child.once('exit', (code, signal) => {
          // Whatever the command left behind in its group (a `sh -c` child) dies with it.
          killGroup();
          liveGroups.delete(pid);
          const how = signal === null ? `exit code ${code ?? '?'}` : `signal ${signal}`;
          // Its last words may still be in the pipes: wait for them to close (a process that left
          // the group could hold them open, so not for long).
          const cap = setTimeout(() => resolveExit(how), 1_000);
          child.once('close', () => {
            clearTimeout(cap);
            resolveExit(how);
          });
        });
      });
      let killing: Promise<void> | undefined;
      resolveLaunch({
        description: `pid ${pid} (${command.length > 80 ? `${command.slice(0, 79).replaceAll('\n', ' ')}…` : command})`,
        exited,
        output: () => [...lines, ...(partial === '' ? [] : [partial])].join('\n'),
        kill() {
          killing ??= (async () => {
            killGroup();
            await exited;
          })();
          return killing;
        },
      });
    });
  });
}
