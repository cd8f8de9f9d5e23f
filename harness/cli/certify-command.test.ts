// `ackproof certify` as a user runs it: a child process through bin/ackproof.js. The faulty
// receiver that says mottatt although its commit failed is not certified (exit 1) and the text
// names exactly the reports the checker finds lost in the history it wrote; the replay command it
// prints gives the identical history. Bad usage is exit 2. The reference certified (exit 0) is in
// certify-command-reference.test.ts, a file of its own so that a second jest worker can run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { checkHistory } from '../../scenarios/checker/index.ts';
import { readHistory } from '../../scenarios/history/index.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'ackproof-certify-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function ackproof(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['bin/ackproof.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 170_000 });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('ackproof certify', () => {
  test(
    'faulty:receipt-despite-storage-failure: exit 1, the lost reports named, and the printed replay gives the identical history',
    async () => {
      const outcome = ackproof(['certify', '--adapter', 'faulty:receipt-despite-storage-failure', '--history', join(folder, 'first')]);
      expect(outcome.status).toBe(1);
      expect(outcome.stdout).toMatch(/✗ storage-outage +FAILS/);
      expect(outcome.stdout).toMatch(/\nNOT CERTIFIED: \d+ of 20 scenarios fail/);
      expect(outcome.stderr).toContain('seed 1');

      const history = join(folder, 'first', 'storage-outage.history.jsonl');
      const lost = checkHistory(await readHistory(history), { expectedReports: 12 }).reports.lost;
      expect(lost.length).toBeGreaterThan(0);
      expect(outcome.stdout).toContain(`lost (${lost.length}): ${lost.join(', ')}`);

      const replay = /replay: npx ackproof (certify --adapter faulty:receipt-despite-storage-failure --scenario storage-outage --seed 1)\n/.exec(outcome.stdout)?.[1];
      if (replay === undefined) throw new Error(`no replay command for storage-outage in:\n${outcome.stdout}`);
      const again = ackproof([...replay.split(' '), '--history', join(folder, 'again')]);
      expect(again.status).toBe(1);
      expect(readFileSync(join(folder, 'again', 'storage-outage.history.jsonl'), 'utf8')).toBe(readFileSync(history, 'utf8'));
    },
    180_000,
  );

  test('--json: the certification as data', () => {
    const outcome = ackproof(['certify', '--adapter', 'faulty:rejects-v1', '--scenario', 'v1-message', '--json']);
    expect(outcome.status).toBe(1);
    const certification = JSON.parse(outcome.stdout) as { verdict: string; scenarios: { id: string; valid: unknown; counts: Record<string, number>; replay: string }[] };
    expect(certification.verdict).toBe('not certified');
    expect(certification.scenarios.map((scenario) => [scenario.id, scenario.valid])).toEqual([['v1-message', false]]);
    expect(certification.scenarios[0]?.counts['wrongly-refused']).toBeGreaterThan(0);
    expect(certification.scenarios[0]?.replay).toBe('npx ackproof certify --adapter faulty:rejects-v1 --scenario v1-message --seed 1');
  }, 60_000);

  test('bad usage: exit 2, saying what is wrong', () => {
    const missing = ackproof(['certify']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--adapter is required; the adapters are: reference, faulty:');
    const unknownAdapter = ackproof(['certify', '--adapter', 'faulty:nope']);
    expect(unknownAdapter.status).toBe(2);
    expect(unknownAdapter.stderr).toContain('no adapter named "faulty:nope"');
    expect(ackproof(['certify', '--adapter', 'reference', '--scenario', 'sunny-day']).stderr).toContain('no scenario "sunny-day"; the scenarios are: ordinary-day, ');
    expect(ackproof(['certify', '--adapter', 'reference', '--faults', 'storage-outage']).stderr).toContain('give exactly one --scenario with them');
    const badFaults = ackproof(['certify', '--adapter', 'reference', '--scenario', 'random-faults', '--faults', 'storage-outage:nth=2']);
    expect(badFaults.status).toBe(2);
    expect(badFaults.stderr).toContain('fault storage-outage: no parameter named "nth"');
  }, 60_000);

  test('a black-box adapter spec that does not parse, or a black box outside services: exit 2, saying what is wrong', () => {
    const empty = ackproof(['certify', '--adapter', 'cmd:']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('adapter "cmd:": cmd: needs a command');
    const quote = ackproof(['certify', '--adapter', "cmd:/usr/bin/python3 'examples/python/receiver.py"]);
    expect(quote.status).toBe(2);
    expect(quote.stderr).toMatch(/the command does not split into words: the single quote at character \d+ is never closed/);
    const url = ackproof(['certify', '--adapter', 'url:127.0.0.1:8080']);
    expect(url.status).toBe(2);
    expect(url.stderr).toContain('url: needs an absolute http(s) URL, e.g. url:http://127.0.0.1:8080; "127.0.0.1:8080" is not one');
    const kind = ackproof(['certify', '--adapter', 'docker:receiver']);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('docker: is not a kind of adapter (the forms are: reference, faulty:<name>, cmd:<command>, image:<reference>, url:<base URL>)');
    const embedded = ackproof(['certify', '--adapter', 'cmd:/usr/bin/python3 examples/python/receiver.py', '--env', 'embedded']);
    expect(embedded.status).toBe(2);
    expect(embedded.stderr).toContain('is a black box (a program of its own): it runs only in the services environment, on RabbitMQ and PostgreSQL; use --env services');
  }, 60_000);
});
