// Black-box receivers certified on RabbitMQ and PostgreSQL, and what is left after them: nothing.
//
//   - the Python example (examples/python/receiver.py, Debian's /usr/bin/python3) as a command:
//     certified, with the crash at the receipt played by killing and relaunching it;
//   - the same receiver behind a url: front: the scenarios that must kill it are not applicable,
//     named with the reason, and never counted as passed;
//   - a command that exits at start, one that never gets ready, a read-back API that answers
//     garbage: each a clear message and its exit code (2, 2, 3), never a pass.
//
// After each: no process of the receiver's group alive, every port of the run refused (the
// proxies, the send API, the read-back), the run's queue gone from the broker, its schema gone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect as connectSocket } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { connect } from 'amqplib';
import pg from 'pg';
import { checkHistory } from '../../scenarios/checker/index.ts';
import { readHistory } from '../../scenarios/history/index.ts';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { certificationJson } from '../certify/certification-json.ts';
import { certificationText } from '../certify/certification-text.ts';
import { certify } from '../certify/certify.ts';
import { DEFAULT_DATABASE_URL } from '../environments/database/index.ts';
import { DEFAULT_AMQP_URL } from '../environments/services-environment.ts';
import { systemClock } from '../time/system-clock.ts';
import { createBlackBoxAdapter } from './black-box-adapter.ts';
import { createCommandLauncher } from './command-launcher.ts';
import { freePort } from './free-port.ts';
import { LAUNCH_VARIABLES, type LaunchEnvironment } from './launch-contract.ts';
import type { LaunchedReceiver, ReceiverLauncher } from './receiver-launcher.ts';
import { ReceiverStartError } from './receiver-start-error.ts';
import { createUrlLauncher } from './url-launcher.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const RECEIVER = 'examples/python/receiver.py';
const NODE = 'node_modules/.bin/node';
const FRONT = 'harness/adapters/testing/front-receiver.ts';
const amqpUrl = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
const TIMEOUT_MS = 240_000;

function scenarios(...ids: string[]): Scenario[] {
  return ids.map((id) => {
    const scenario = scenarioNamed(id);
    if (scenario === undefined) throw new Error(`no scenario ${id}`);
    return scenario;
  });
}

/** A launcher that remembers every launch contract it gave and every receiver it started. */
interface Watched {
  readonly launcher: ReceiverLauncher;
  readonly environments: LaunchEnvironment[];
  readonly launched: LaunchedReceiver[];
}

function watched(launcher: ReceiverLauncher): Watched {
  const environments: LaunchEnvironment[] = [];
  const launched: LaunchedReceiver[] = [];
  return {
    environments,
    launched,
    launcher: {
      ...launcher,
      async launch(environment) {
        environments.push(environment);
        const started = await launcher.launch(environment);
        launched.push(started);
        return started;
      },
    },
  };
}

const checks: Watched[] = [];
const groups: number[] = [];

afterEach(async () => {
  const all = checks.splice(0);
  const leaders = groups.splice(0);
  for (const pgid of leaders) killGroup(pgid);
  for (const each of all) {
    expect(each.environments.length).toBeGreaterThan(0);
    for (const launched of each.launched) {
      const pid = Number(/^pid (\d+)/.exec(launched.description)?.[1]);
      if (Number.isSafeInteger(pid) && pid > 0) expect(groupAlive(pid)).toEqual([]);
    }
    for (const environment of each.environments) expect(await leftovers(environment)).toEqual([]);
  }
  for (const pgid of leaders) expect(groupAlive(pgid)).toEqual([]);
}, 60_000);

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** Processes of group `pgid` still alive (zombies are dead). */
function groupAlive(pgid: number): number[] {
  const table = spawnSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' }).stdout;
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connectSocket({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** What of this launch contract's run is still there: ports that answer, the queue, the schema. */
async function leftovers(environment: LaunchEnvironment): Promise<string[]> {
  const left: string[] = [];
  const ports = [
    Number(environment[LAUNCH_VARIABLES.readBackPort]),
    Number(new URL(environment[LAUNCH_VARIABLES.amqpUrl]).port),
    Number(new URL(environment[LAUNCH_VARIABLES.databaseUrl]).port),
    Number(new URL(environment[LAUNCH_VARIABLES.sendApiUrl]).port),
  ];
  for (const port of ports) if (await portOpen(port)) left.push(`port ${port}`);
  const queue = environment[LAUNCH_VARIABLES.queue];
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const exists = await channel.checkQueue(queue).then(
      () => true,
      () => false,
    );
    if (exists) left.push(`queue ${queue}`);
  } finally {
    await connection.close().catch(() => undefined);
  }
  const schema = /search_path=([a-z0-9_]+)/.exec(decodeURIComponent(environment[LAUNCH_VARIABLES.databaseUrl]))?.[1];
  if (schema === undefined) left.push('no schema named in the database URL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    if (found.rows.length > 0) left.push(`schema ${schema}`);
  } finally {
    await client.end();
  }
  return left;
}

function command(spec: string, argv: readonly [string, ...string[]]): Watched {
  const each = watched(createCommandLauncher({ spec, argv, cwd: projectRoot }));
  checks.push(each);
  return each;
}

/** Command lines still running that contain `text` (read from ps, for a child ackproof ran in its own process). */
function running(text: string): string[] {
  return spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).stdout.split('\n').filter((line) => line.includes(text) && !line.startsWith('ps '));
}

function ackproof(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['bin/ackproof.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 200_000 });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('black-box receivers on RabbitMQ and PostgreSQL', () => {
  test(
    'the Python receiver as a command: certified; the crash at the receipt kills it and a new process takes over on the same database',
    async () => {
      const receiver = command(`cmd:${PYTHON} ${RECEIVER}`, [PYTHON, RECEIVER]);
      const adapter = createBlackBoxAdapter(receiver.launcher);
      try {
        const certification = await certify({ adapter, environment: 'services', seed: 'black box', scenarios: scenarios('ordinary-day', 'crash-after-receipt') });
        expect(certification.scenarios.map(({ scenario, result }) => [scenario.id, result.valid, result.reasons])).toEqual([
          ['ordinary-day', true, []],
          ['crash-after-receipt', true, []],
        ]);
        expect(certification.verdict).toBe('certified');
        expect(certification.notApplicable).toEqual([]);
        expect(certification.identity).toMatchObject({ kind: 'cmd', spec: `cmd:${PYTHON} ${RECEIVER}`, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
        // The crash: one receiver for the ordinary day, two for the crash scenario (killed, relaunched).
        expect(receiver.launched.map((each) => each.exited)).toHaveLength(3);
        const crash = certification.scenarios[1]?.result.events ?? [];
        const injected = crash.find((event) => event.event === 'fault-injected');
        expect(injected).toMatchObject({ evidence: { boundary: 'after receipt', unackedAtCrash: [expect.any(String)] } });
        expect(await receiver.launched[1]?.exited).toBe('signal SIGKILL');
        // Seen at the broker proxy: the message it held when it died came again and was acked.
        const unacked = (injected as { evidence: { unackedAtCrash: string[] } }).evidence.unackedAtCrash[0];
        expect(crash.filter((event) => event.event === 'delivered' && event.meldingId === unacked).map((event) => event.event === 'delivered' && event.redelivered)).toEqual([false, true]);
        expect(crash.some((event) => event.event === 'acked' && event.meldingId === unacked)).toBe(true);
      } finally {
        await adapter.close();
      }
    },
    TIMEOUT_MS,
  );

  test(
    'a url: receiver: the scenarios that must kill it are not applicable, by name and why, never passed',
    async () => {
      const port = await freePort();
      // The service runs before the certification and after it: ackproof's certification never started it.
      const front = createCommandLauncher({ spec: `cmd:${NODE} ${FRONT} url`, argv: [NODE, FRONT, 'url', String(port), '--', PYTHON, RECEIVER], cwd: projectRoot });
      const service = await front.launch({} as LaunchEnvironment);
      groups.push(Number(/^pid (\d+)/.exec(service.description)?.[1]));
      for (let tries = 0; !(await portOpen(port)) && tries < 100; tries += 1) await systemClock().sleep(50);
      const url = watched(createUrlLauncher({ spec: `url:http://127.0.0.1:${port}`, baseUrl: `http://127.0.0.1:${port}` }));
      checks.push(url);
      const adapter = createBlackBoxAdapter(url.launcher, { baseUrl: `http://127.0.0.1:${port}` });
      const certification = await certify({ adapter, environment: 'services', seed: 'url', scenarios: scenarios('ordinary-day', 'crash-after-receipt', 'ttl-expiry-while-down') });
      await service.kill();
      expect(certification.scenarios.map(({ scenario, result }) => [scenario.id, result.valid])).toEqual([['ordinary-day', true]]);
      expect(certification.notApplicable.map(({ scenario, why }) => [scenario.id, why])).toEqual([
        ['crash-after-receipt', expect.stringContaining(`crash-after-receipt must kill or stop the receiver, and ackproof cannot kill a receiver it did not start (url:http://127.0.0.1:${port})`)],
        ['ttl-expiry-while-down', expect.stringContaining('ttl-expiry-while-down must kill or stop the receiver')],
      ]);
      expect(certification.verdict).toBe('certified');
      const text = certificationText(certification);
      expect(text).toContain(`Not applicable to url:http://127.0.0.1:${port} — not run, not passed (2):`);
      expect(text).toMatch(/– crash-after-receipt +The receiver dies/);
      expect(text).toContain('CERTIFIED: all 1 scenarios hold that applied; 2 did not apply to this receiver and were not run (not passed)');
      const json = certificationJson(certification) as { notApplicable: { id: string; why: string }[]; scenarios: { id: string }[]; receiver: unknown };
      expect(json.notApplicable.map(({ id }) => id)).toEqual(['crash-after-receipt', 'ttl-expiry-while-down']);
      expect(json.scenarios.map(({ id }) => id)).toEqual(['ordinary-day']);
      expect(json.receiver).toEqual({ kind: 'url', spec: `url:http://127.0.0.1:${port}` });
    },
    TIMEOUT_MS,
  );

  test(
    'the command line, as the issue asks: the correct Python receiver exit 0, the one with the 2020–2023 fault exit 1 naming the reports it lost',
    async () => {
      // -B (no bytecode files) marks these runs' processes as this test's on a machine others share.
      const good = ackproof(['certify', '--adapter', `cmd:${PYTHON} -B ${RECEIVER}`, '--scenario', 'storage-outage']);
      expect(good.stdout).toMatch(/✓ storage-outage +holds/);
      expect(good.status).toBe(0);
      const history = mkdtempSync(join(tmpdir(), 'ackproof-black-box-'));
      try {
        const bad = ackproof(['certify', '--adapter', `cmd:${PYTHON} -B examples/python/receiver_acks_failed_insert.py`, '--scenario', 'storage-outage', '--history', history]);
        expect(bad.status).toBe(1);
        expect(bad.stdout).toMatch(/✗ storage-outage +FAILS/);
        const lost = checkHistory(await readHistory(join(history, 'storage-outage.history.jsonl')), { expectedReports: 12 }).reports.lost;
        expect(lost.length).toBeGreaterThan(0);
        expect(bad.stdout).toContain(`lost (${lost.length}): ${lost.join(', ')}`);
      } finally {
        rmSync(history, { recursive: true, force: true });
      }
      expect(running(`${PYTHON} -B examples/python/receiver`)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a command that exits at start: exit 2, how it ended and what it printed; nothing left running',
    () => {
      const outcome = ackproof(['certify', '--adapter', `cmd:sh -c 'echo "no broker for me" >&2; exit 4'`, '--scenario', 'ordinary-day']);
      expect(outcome.status).toBe(2);
      expect(outcome.stderr).toMatch(/ackproof certify: cmd:sh -c 'echo "no broker for me" >&2; exit 4' \(pid \d+ .*\) exited \(exit code 4\) before it was ready\. Its last output:\n {4}no broker for me\n/);
      expect(outcome.stdout).not.toContain('CERTIFIED');
      expect(running('no broker for me')).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a command that does not exist, a url: where nothing answers: exit 2, naming it',
    async () => {
      const outcome = ackproof(['certify', '--adapter', 'cmd:./examples/no-such-receiver.py --x', '--scenario', 'ordinary-day']);
      expect(outcome.status).toBe(2);
      expect(outcome.stderr).toContain('cmd: cannot start "./examples/no-such-receiver.py --x": ');
      expect(outcome.stderr).toContain('no such file or command. Check the path (relative paths start from');
      const port = await freePort();
      const nobody = ackproof(['certify', '--adapter', `url:http://127.0.0.1:${port}`, '--scenario', 'ordinary-day']);
      expect(nobody.status).toBe(2);
      expect(nobody.stderr).toContain(`url: the receiver at http://127.0.0.1:${port} cannot be reached (PUT http://127.0.0.1:${port}/ackproof/v1/launch: ECONNREFUSED); is it running, and is this its base URL?`);
    },
    TIMEOUT_MS,
  );

  test(
    'a receiver that never gets ready: a ReceiverStartError saying so and what it printed; it is killed, nothing left',
    async () => {
      const receiver = command('cmd:sh', ['sh', '-c', 'echo "warming up"; exec sleep 600']);
      const adapter = createBlackBoxAdapter(receiver.launcher, { readyTimeoutMs: 2_000 });
      const certifying = certify({ adapter, environment: 'services', seed: 'never ready', scenarios: scenarios('ordinary-day') });
      await expect(certifying).rejects.toThrow(ReceiverStartError);
      await expect(certifying).rejects.toThrow(/\) was not ready within 2 s: GET http:\/\/127\.0\.0\.1:\d+\/ackproof\/v1\/ready must answer 200 once it consumes its queue; it never answered \(last try: ECONNREFUSED\)\. Its last output:\n {4}warming up$/);
      expect(await receiver.launched[0]?.exited).toBe('signal SIGKILL');
    },
    TIMEOUT_MS,
  );

  test(
    'a receiver that dies by itself mid-run: no verdict, saying how it ended and what it printed; nothing left',
    async () => {
      const script = [
        'import http.server, os, sys, threading',
        'class Ready(http.server.BaseHTTPRequestHandler):',
        '    def do_GET(self):',
        '        self.send_response(200); self.end_headers(); self.wfile.write(b"{}")',
        '    def log_message(self, *args): pass',
        'server = http.server.HTTPServer(("127.0.0.1", int(os.environ["ACKPROOF_READ_BACK_PORT"])), Ready)',
        'threading.Timer(1.0, lambda: (print("out of memory, giving up", flush=True), os._exit(5))).start()',
        'server.serve_forever()',
      ].join('\n');
      const receiver = command('cmd:python3 -c …', [PYTHON, '-c', script]);
      const adapter = createBlackBoxAdapter(receiver.launcher);
      const certification = await certify({ adapter, environment: 'services', seed: 'dies', scenarios: scenarios('ordinary-day') });
      await adapter.close();
      expect(certification.verdict).toBe('no verdict');
      expect(certification.scenarios[0]?.result.reasons[0]).toMatch(/^the run broke off, so it has no verdict: cmd:python3 -c … \(pid \d+ .*\) exited by itself \(exit code 5\) during the run\. Its last output:\n {4}out of memory, giving up$/);
    },
    TIMEOUT_MS,
  );

  test(
    'a read-back API that answers garbage: no verdict (exit 3), saying the read-back breaks its contract; never a pass',
    () => {
      const outcome = ackproof(['certify', '--adapter', `cmd:${NODE} ${FRONT} junk-read-back -- ${PYTHON} ${RECEIVER}`, '--scenario', 'ordinary-day']);
      expect(outcome.status).toBe(3);
      expect(outcome.stdout).toMatch(/\? ordinary-day +NO VERDICT/);
      expect(outcome.stdout).toContain('breaks the read-back contract');
      expect(outcome.stdout).not.toContain('CERTIFIED');
      expect(running(`${FRONT} junk-read-back`)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
