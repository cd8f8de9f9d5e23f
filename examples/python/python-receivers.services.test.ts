// The example Python receivers (examples/python/) certified as black boxes, started the way a
// vendor's CI starts its own receiver: `cmd:/usr/bin/python3 examples/python/<receiver>.py`, on
// RabbitMQ and PostgreSQL, every fault acting at ackproof's fault proxy. The proof that the launch
// contract is language-neutral, and that certification tells the two apart:
//   - receiver.py (commit, then mottatt, then ack) is certified;
//   - receiver_acks_failed_insert.py (the 2020–2023 fault: a failed insert logged, then mottatt and
//     ack anyway) is not — `ackproof certify` exits 1 — and its certification names as lost
//     exactly the reports whose commits the database outage broke.
// A subset of the suite keeps the time down: the baseline, a crash at the commit boundary, poison
// messages, and the storage outage that separates the two. Then both are explored point by point
// (every single fault at every boundary of a small run): the exploration finds the faulty one's
// loss where it is — a refused commit — and nothing anywhere in the correct one. (harness/adapters/black-box.services.test.ts
// certifies receiver.py through a crash after its receipt, and checks nothing of a run is left.)
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { adapterForSpec } from '../../harness/adapters/adapter-for-spec.ts';
import { type Certification, certify } from '../../harness/certify/certify.ts';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';

const REPO = join(import.meta.dirname, '..', '..');
/** Debian's Python, which has python3-pika and python3-psycopg2 (a pyenv python3 on PATH has not). */
const PYTHON = '/usr/bin/python3';
const CORRECT = 'examples/python/receiver.py';
const FAULTY = 'examples/python/receiver_acks_failed_insert.py';
const STORAGE_FAULT = 'storage-outage';
/** Reports in an explored run: every point is a run of its own, so two keep it short. */
const EXPLORED_REPORTS = 2;

function scenarios(ids: readonly string[]): Scenario[] {
  return ids.map((id) => {
    const scenario = scenarioNamed(id);
    if (scenario === undefined) throw new Error(`python-receivers test: no scenario ${id} in the suite`);
    return scenario;
  });
}

/** The reports a fault says it hit: the `reportId` in the evidence of each of its fault-injected events. */
function reportsHit(events: readonly unknown[], fault: string): string[] {
  const ids = events.flatMap((event) => {
    const { event: kind, name, evidence } = event as { event?: unknown; name?: unknown; evidence?: unknown };
    if (kind !== 'fault-injected' || name !== fault || typeof evidence !== 'object' || evidence === null) return [];
    const { reportId } = evidence as { reportId?: unknown };
    return typeof reportId === 'string' ? [reportId] : [];
  });
  return [...new Set(ids)].sort();
}

/** Each scenario in one line: what held, and why not. */
function outcomes(certification: Certification): string[] {
  return certification.scenarios.map(({ result }) => `${result.scenarioId}: ${String(result.valid)}${result.reasons.length === 0 ? '' : ` (${result.reasons.join('; ')})`}`);
}

describe('the Python example receivers, certified as commands', () => {
  test(
    'receiver.py is certified: the baseline, a crash at the commit, poison messages and a storage outage all hold',
    async () => {
      const ids = ['ordinary-day', 'crash-after-commit', 'poison-message', STORAGE_FAULT];
      const adapter = await adapterForSpec(`cmd:${PYTHON} ${CORRECT}`, { cwd: REPO });
      let certification: Certification;
      try {
        certification = await certify({ adapter, environment: 'services', seed: 'python receiver', scenarios: scenarios(ids) });
      } finally {
        await adapter.close();
      }

      expect(certification.notApplicable.map(({ scenario, why }) => `${scenario.id}: ${why}`)).toEqual([]);
      expect(outcomes(certification)).toEqual(ids.map((id) => `${id}: true`));
      expect(certification.verdict).toBe('certified');
      // Each fault fired: the outage broke commits, which the receiver handed back and stored later;
      // the poison messages were refused (feilet), not stored.
      const byId = (id: string) => certification.scenarios.find(({ scenario }) => scenario.id === id)?.result;
      expect(reportsHit(byId(STORAGE_FAULT)?.events ?? [], STORAGE_FAULT).length).toBeGreaterThan(0);
      expect(byId('poison-message')?.check.reports.refused.length).toBeGreaterThan(0);
    },
    600_000,
  );

  test(
    `ackproof certify exits 1 for receiver_acks_failed_insert.py, naming as lost exactly the reports whose commits ${STORAGE_FAULT} broke`,
    () => {
      // The report folder keeps the run's history, where every injection of the fault is recorded.
      const folder = mkdtempSync(join(tmpdir(), 'ackproof-python-faulty-'));
      const out = join(folder, 'report');
      let child: SpawnSyncReturns<string>;
      let history: unknown[];
      try {
        child = spawnSync(
          process.execPath,
          ['bin/ackproof.js', 'certify', '--adapter', `cmd:${PYTHON} ${FAULTY}`, '--env', 'services', '--scenario', STORAGE_FAULT, '--seed', 'python faulty', '--json', '--out', out],
          { cwd: REPO, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
        );
        expect({ status: child.status, stderr: child.status === 1 ? '' : child.stderr }).toEqual({ status: 1, stderr: '' });
        history = readFileSync(join(out, 'history.jsonl'), 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as unknown);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }

      const certification = JSON.parse(child.stdout) as {
        verdict: string;
        scenarios: { id: string; valid: unknown; reasons: string[]; reports: { lost: string[] } }[];
      };
      expect(certification.verdict).toBe('not certified');
      const [outage] = certification.scenarios;
      expect(outage?.id).toBe(STORAGE_FAULT);
      expect(outage?.valid).toBe(false);
      const lost = [...(outage?.reports.lost ?? [])].sort();
      expect(lost.length).toBeGreaterThan(0);
      expect(lost).toEqual(reportsHit(history, STORAGE_FAULT));
      for (const id of lost) expect(outage?.reasons.join('\n')).toContain(id);
    },
    600_000,
  );

  test.each([
    [CORRECT, []],
    [FAULTY, ['commit refused (database outage) at commit #1', 'commit refused (database outage) at commit #2']],
  ] as const)(
    'explored point by point, %s fails at exactly these points: %j',
    async (script, failingPoints) => {
      const adapter = await adapterForSpec(`cmd:${PYTHON} ${script}`, { cwd: REPO });
      let certification: Certification;
      try {
        certification = await certify({ adapter, environment: 'services', seed: 'python explored', scenarios: scenarios(['ordinary-day']), explore: { reports: EXPLORED_REPORTS } });
      } finally {
        await adapter.close();
      }

      const coverage = certification.scenarios[0]?.coverage;
      const explored = coverage?.explored ?? [];
      // Exhaustive: every point that exists was run, and they include every kind at every boundary.
      expect(explored.length).toBe(coverage?.points);
      expect(new Set(explored.map(({ point }) => point.replace(/ #\d+$/, '')))).toEqual(
        new Set(['crash at delivery', 'broker connection lost at delivery', 'crash at commit', 'commit refused (database outage) at commit', 'commit reply lost at commit', 'crash at receipt', 'receipt response lost at receipt', 'crash at ack']),
      );
      expect(explored.filter(({ valid }) => valid !== true).map(({ point }) => point)).toEqual(failingPoints);
      // Where it fails, it loses the one report whose commit was refused.
      for (const { valid, affectedReports } of explored) if (valid === false) expect(affectedReports).toHaveLength(1);
      expect(certification.verdict).toBe(failingPoints.length === 0 ? 'certified' : 'not certified');
    },
    600_000,
  );
});
