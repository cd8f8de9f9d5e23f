// The cmd: launcher on real processes: a kill takes the whole process group (a `sh -c` wrapper
// cannot orphan its child); what it printed is kept; a command that does not exist is a clear
// error naming it; a command that exits at start, or never serves its readiness probe, is
// reported with how it ended and what it said.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { systemClock } from '../time/system-clock.ts';
import { LaunchError, createCommandLauncher } from './command-launcher.ts';
import { freePort } from './free-port.ts';
import { LAUNCH_VARIABLES, type LaunchEnvironment } from './launch-contract.ts';
import { waitUntilReady } from './readiness.ts';

const environment = { [LAUNCH_VARIABLES.readBackPort]: '1' } as unknown as LaunchEnvironment;

/** pids still alive in the process group `pgid` (none once it is killed). */
function groupMembers(pgid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

function pidOf(description: string): number {
  const pid = Number(/^pid (\d+)/.exec(description)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`no pid in ${description}`);
  return pid;
}

describe('createCommandLauncher', () => {
  test('kill() ends the whole process group: the sh wrapper and the child it started', async () => {
    const launcher = createCommandLauncher({ spec: 'cmd:sh', argv: ['sh', '-c', 'sleep 300 & echo started; sleep 301'] });
    const launched = await launcher.launch(environment);
    const pid = pidOf(launched.description);
    for (let tries = 0; groupMembers(pid).length < 3 && tries < 50; tries += 1) await systemClock().sleep(20);
    expect(groupMembers(pid).length).toBe(3);
    await launched.kill();
    expect(await launched.exited).toBe('signal SIGKILL');
    expect(groupMembers(pid)).toEqual([]);
    expect(launched.output()).toBe('started');
  });

  test('a wrapper that exits by itself takes what it left running with it', async () => {
    const launcher = createCommandLauncher({ spec: 'cmd:sh', argv: ['sh', '-c', 'sleep 302 & exit 0'] });
    const launched = await launcher.launch(environment);
    const pid = pidOf(launched.description);
    expect(await launched.exited).toBe('exit code 0');
    for (let tries = 0; groupMembers(pid).length > 0 && tries < 50; tries += 1) await systemClock().sleep(20);
    expect(groupMembers(pid)).toEqual([]);
    await launcher.close();
  });

  test('the launch contract reaches it in its environment, and its identity holds the script digest', async () => {
    const script = 'harness/adapters/adapter-spec.ts';
    const launcher = createCommandLauncher({ spec: `cmd:sh -c 'echo $ACKPROOF_READ_BACK_PORT' ${script}`, argv: ['sh', '-c', 'echo "port $ACKPROOF_READ_BACK_PORT"', script] });
    const launched = await launcher.launch(environment);
    await launched.exited;
    expect(launched.output()).toBe('port 1');
    const digest = createHash('sha256').update(readFileSync(resolve(script))).digest('hex');
    expect(launcher.identity).toMatchObject({ kind: 'cmd', digest: `sha256:${digest}` });
  });

  test('a command that does not exist: a LaunchError naming it and what to check', async () => {
    const launcher = createCommandLauncher({ spec: 'cmd:./no-such-receiver --x', argv: ['./no-such-receiver', '--x'] });
    const launching = launcher.launch(environment);
    await expect(launching).rejects.toThrow(LaunchError);
    await expect(launching).rejects.toThrow(/cmd: cannot start "\.\/no-such-receiver --x": .*no-such-receiver: no such file or command\. Check the path \(relative paths start from /);
  });
});

describe('waitUntilReady', () => {
  test('a command that exits at start: how it ended and its last output', async () => {
    const launcher = createCommandLauncher({ spec: 'cmd:sh', argv: ['sh', '-c', 'echo "cannot connect to the broker" >&2; exit 3'] });
    const launched = await launcher.launch(environment);
    const waiting = waitUntilReady({ baseUrl: `http://127.0.0.1:${await freePort()}`, launched, name: 'cmd:sh', clock: systemClock(), timeoutMs: 20_000 });
    await expect(waiting).rejects.toThrow(/^cmd:sh \(pid \d+ .*\) exited \(exit code 3\) before it was ready\. Its last output:\n {4}cannot connect to the broker$/);
  });

  test('a receiver that never serves its readiness probe: not ready within the bound, never answered, what it printed', async () => {
    const launcher = createCommandLauncher({ spec: 'cmd:sh', argv: ['sh', '-c', 'echo "starting up"; exec sleep 303'] });
    const launched = await launcher.launch(environment);
    try {
      const port = await freePort();
      const waiting = waitUntilReady({ baseUrl: `http://127.0.0.1:${port}`, launched, name: 'cmd:sh', clock: systemClock(), timeoutMs: 1_000 });
      await expect(waiting).rejects.toThrow(
        /was not ready within 1 s: GET http:\/\/127\.0\.0\.1:\d+\/ackproof\/v1\/ready must answer 200 once it consumes its queue; it never answered \(last try: ECONNREFUSED\)\. Its last output:\n {4}starting up$/,
      );
    } finally {
      await launcher.close();
    }
    expect(groupMembers(pidOf(launched.description))).toEqual([]);
  });
});
