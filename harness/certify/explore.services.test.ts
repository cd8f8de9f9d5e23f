// Exhaustive exploration of a black box: the example Python receivers as commands, on RabbitMQ
// and PostgreSQL, every fault acting at the fault proxy. The faulty copy (mottatt although its
// insert failed, the 2020–2023 fault) is found at the commit boundary — exactly where the proxy
// refuses a COMMIT — with the lost report named; the correct one holds at every point. The
// evidence of each commit point says which database connection and which frame.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from '@jest/globals';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import { adapterForSpec } from '../adapters/adapter-for-spec.ts';
import { exploreScenario } from './explore.ts';

const baseline = scenarioNamed('ordinary-day');
if (baseline === undefined) throw new Error('explore services test: no ordinary-day scenario');
const REPORTS = 2;
const EXPLORATION_MS = 240_000;
const CORRECT = 'examples/python/receiver.py';
const FAULTY = 'examples/python/receiver_acks_failed_insert.py';

async function explorePython(script: string) {
  const adapter = await adapterForSpec(`cmd:/usr/bin/python3 ${script}`);
  try {
    return await exploreScenario({ scenario: baseline!, adapter, environment: 'services', seed: '1', reports: REPORTS });
  } finally {
    await adapter.close();
  }
}

/** This test's own child processes still running the script (none may outlive the exploration; other people's runs are theirs). */
function stillRunning(script: string): string[] {
  return execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${process.pid} `) && line.includes(script));
}

describe('exploration of a black box (Python receivers as commands)', () => {
  test(
    "finds the faulty receiver's loss at the commit boundary, where the proxy refused the COMMIT",
    async () => {
      const { certified, results } = await explorePython(FAULTY);
      const failing = certified.coverage?.explored.filter((point) => point.valid !== true) ?? [];
      expect(failing.map((point) => [point.point, point.valid])).toEqual([
        ['commit refused (database outage) at commit #1', false],
        ['commit refused (database outage) at commit #2', false],
      ]);
      for (const point of failing) {
        const run = results.find((each) => each.point.label === point.point)?.result;
        const injected = run?.events.find((event) => event.event === 'fault-injected');
        const evidence = (injected?.event === 'fault-injected' ? injected.evidence : {}) as { reportId?: string; seenAt?: string };
        expect(evidence.seenAt).toMatch(/^database connection \d+, COMMIT sent$/);
        expect(point.affectedReports).toEqual([evidence.reportId]);
        expect(run?.check.perReport[evidence.reportId ?? '']?.verdict).toBe('lost');
      }
      expect(certified.coverage?.explored).toHaveLength(certified.coverage?.points ?? -1);
      expect(stillRunning(FAULTY)).toEqual([]);
    },
    EXPLORATION_MS,
  );

  test(
    'the correct receiver holds at every point; crashes at a commit are seen at the database proxy',
    async () => {
      const { certified, results } = await explorePython(CORRECT);
      // With each run's reasons, so a point that is not true says why.
      const notHolding = results.filter(({ result }) => result.valid !== true).map(({ point, result }) => ({ point: point.label, valid: result.valid, reasons: result.reasons }));
      expect(notHolding).toEqual([]);
      expect(certified.coverage?.explored).toHaveLength(certified.coverage?.points ?? -1);
      const crash = results.find((each) => each.point.label === 'crash at commit #1')?.result.events.find((event) => event.event === 'fault-injected');
      expect(crash?.event === 'fault-injected' && crash.evidence).toMatchObject({ boundary: 'after commit', seenAt: expect.stringMatching(/^database connection \d+, COMMIT confirmed$/) });
      expect(stillRunning(CORRECT)).toEqual([]);
    },
    EXPLORATION_MS,
  );
});
