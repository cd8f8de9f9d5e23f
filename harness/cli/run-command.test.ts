// `ackproof run` as a user runs it: a child process through bin/ackproof.js.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';

const projectRoot = resolve(import.meta.dirname, '..', '..');

function ackproof(args: readonly string[], env: Readonly<Record<string, string>> = {}): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['bin/ackproof.js', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, ...env },
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('ackproof run', () => {
  test(
    '200 reports through the reference adapter, embedded: exit 0, the seed printed, the replay command given',
    () => {
      const outcome = ackproof(['run', '--adapter', 'reference', '--reports', '200']);
      expect(outcome.stderr).toContain('seed 1');
      expect(outcome.stdout).toMatch(/stored +200\n/);
      expect(outcome.stdout).toMatch(/duplicates +0\n/);
      expect(outcome.stdout).toContain('PASS');
      expect(outcome.stdout).toContain('replay: npx ackproof run --adapter reference --env embedded --reports 200 --seed 1');
      expect(outcome.status).toBe(0);
    },
    180_000,
  );

  test(
    '--json prints the summary as data',
    () => {
      const outcome = ackproof(['run', '--adapter', 'reference', '--reports', '3', '--seed', 'json run', '--json']);
      expect(outcome.status).toBe(0);
      const summary = JSON.parse(outcome.stdout) as { verdict: string; seed: string; stored: number };
      expect(summary).toMatchObject({ verdict: 'pass', seed: 'json run', stored: 3 });
    },
    180_000,
  );

  test('an unknown adapter: exit 2, naming the adapters there are', () => {
    const outcome = ackproof(['run', '--adapter', 'nope']);
    expect(outcome.stderr).toContain('unknown adapter "nope"; the adapters are: reference');
    expect(outcome.status).toBe(2);
  });

  test('bad numbers and kinds are usage errors', () => {
    expect(ackproof(['run', '--adapter', 'reference', '--reports', '0']).status).toBe(2);
    expect(ackproof(['run', '--adapter', 'reference', '--reports', '1e3']).stderr).toContain('--reports must be a whole number');
    expect(ackproof(['run', '--adapter', 'reference', '--env', 'cloud']).stderr).toContain('--env must be one of embedded, services');
  }, 60_000);

  test('services with no broker at AMQP_URL: exit 2 with the URL and what to start, no stack trace', () => {
    const outcome = ackproof(['run', '--adapter', 'reference', '--env', 'services', '--reports', '5'], { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('amqp://guest:***@127.0.0.1:1');
    expect(outcome.stderr).toContain('rabbitmq-server -detached');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
