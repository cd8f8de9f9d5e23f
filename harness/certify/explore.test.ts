// Exhaustive single-fault exploration on the embedded environment: the reference holds at every
// point; the faulty receiver that answers mottatt although its commit failed fails exactly at the
// points where a commit is refused, each naming the report it lost, and nowhere else.
import { afterAll, describe, expect, test } from '@jest/globals';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { adapterNamed } from '../run/run-adapters.ts';
import { exploreScenario } from './explore.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

const baseline = scenarioNamed('ordinary-day');
if (baseline === undefined) throw new Error('explore test: no ordinary-day scenario');
/** Two reports keep it to 18 runs; every boundary still has more than one occurrence. */
const REPORTS = 2;
const EXPLORATION_MS = 180_000;

const explore = (name: string) => {
  const adapter = adapterNamed(name);
  if (adapter === undefined) throw new Error(`explore test: no adapter ${name}`);
  return exploreScenario({ scenario: baseline, adapter, environment: 'embedded', seed: '1', reports: REPORTS, databasePool: pool });
};

describe('exhaustive single-fault exploration', () => {
  test(
    'the reference holds at every point, and every point that exists is explored',
    async () => {
      const { certified, points, results } = await explore('reference');
      // 2 reports: 2 deliveries × 2 faults, 2 commits × 3, 2 receipts × 2, 2 acks × 1.
      expect(points.map((point) => point.label)).toEqual([
        'crash at delivery #1', 'broker connection lost at delivery #1', 'crash at delivery #2', 'broker connection lost at delivery #2',
        'crash at commit #1', 'commit refused (database outage) at commit #1', 'commit reply lost at commit #1',
        'crash at commit #2', 'commit refused (database outage) at commit #2', 'commit reply lost at commit #2',
        'crash at receipt #1', 'receipt response lost at receipt #1', 'crash at receipt #2', 'receipt response lost at receipt #2',
        'crash at ack #1', 'crash at ack #2',
      ]);
      expect(certified.coverage?.points).toBe(16);
      expect(certified.coverage?.explored.map((point) => [point.point, point.valid])).toEqual(points.map((point) => [point.label, true]));
      expect(certified.result.valid).toBe(true);
      // Each point's fault fired, once, with its evidence in the history.
      for (const { point, result } of results) {
        const injected = result.events.filter((event) => event.event === 'fault-injected');
        expect([point.label, injected.length > 0]).toEqual([point.label, true]);
      }
    },
    EXPLORATION_MS,
  );

  test(
    'the faulty receiver fails exactly where a commit is refused, naming the report lost there',
    async () => {
      const { certified, results } = await explore('faulty:receipt-despite-storage-failure');
      const failing = certified.coverage?.explored.filter((point) => point.valid !== true) ?? [];
      expect(failing.map((point) => point.point)).toEqual(['commit refused (database outage) at commit #1', 'commit refused (database outage) at commit #2']);
      for (const point of failing) {
        const run = results.find((each) => each.point.label === point.point)?.result;
        const refused = run?.events.find((event) => event.event === 'fault-injected');
        const reportId = refused?.event === 'fault-injected' ? (refused.evidence as { reportId?: string }).reportId : undefined;
        expect(point.affectedReports).toEqual([reportId]);
        expect(run?.check.perReport[reportId ?? '']?.verdict).toBe('lost');
        expect(point.replay).toContain(`--reports ${REPORTS} --faults 'storage-outage:from=`);
      }
      expect(certified.result.valid).toBe(false);
    },
    EXPLORATION_MS,
  );
});
