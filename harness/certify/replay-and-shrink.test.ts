// A failing embedded run replays exactly from its seed: the same history, event for event (JSON
// lines compared), whether the databases are fresh or reused from the pool. A failing randomized
// run is shrunk to the smallest failing schedule, which the report shows with its own replay
// command — and that command replays the smallest run exactly too.
import { afterAll, describe, expect, test } from '@jest/globals';
import { historyJsonLine } from '../../scenarios/history/index.ts';
import type { HistoryEvent } from '../../scenarios/history/index.ts';
import { RANDOM_ID, scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { findAdapter } from '../run/run-adapters.ts';
import { certify } from './certify.ts';
import { runScenario } from './run-scenario.ts';
import { scheduleFor } from './scenario-schedule.ts';
import { shrinkFailure } from './shrink.ts';
import type { ScenarioResult } from './run-scenario.ts';
import type { ScenarioSchedule } from './scenario-schedule.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

/** Drops a commit while claiming it stored the report: loses a report under any storage fault that refuses a commit. */
const faulty = findAdapter('faulty:receipt-despite-storage-failure');

function scenario(id: string): Scenario {
  const found = scenarioNamed(id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

function jsonLines(events: readonly HistoryEvent[]): string {
  return events.map(historyJsonLine).join('');
}

describe('replay', () => {
  test(
    'a failing embedded run, replayed from its seed, gives the identical history — on reused and on fresh databases',
    async () => {
      const run = (fresh: boolean): Promise<ScenarioResult> =>
        runScenario({ scenario: scenario('storage-outage'), adapter: faulty, environment: 'embedded', seed: 'replay me', ...(fresh ? {} : { databasePool: pool }) });
      const first = await run(false);
      expect(first.valid).toBe(false);
      expect(first.check.counts.lost).toBeGreaterThan(0);

      const again = await run(false);
      const fresh = await run(true);
      expect(jsonLines(again.events)).toBe(jsonLines(first.events));
      expect(jsonLines(fresh.events)).toBe(jsonLines(first.events));
      expect(first.events.length).toBeGreaterThan(100);
    },
    120_000,
  );
});

describe('shrinking', () => {
  test(
    'a failing random multi-fault run is shrunk to fewer faults and fewer reports; its replay command gives the same history',
    async () => {
      const random = scenario(RANDOM_ID);
      // A seed whose schedule holds a storage outage (which loses reports with this receiver) and more.
      const seed = Array.from({ length: 1000 }, (_, index) => `shrink ${index}`).find((candidate) => {
        const faults = scheduleFor(random, candidate).faults;
        return faults.length >= 3 && faults.some((plan) => plan.fault === 'storage-outage');
      });
      if (seed === undefined) throw new Error('no seed among 1000 draws a storage outage with two more faults');

      const certification = await certify({ adapter: faulty, environment: 'embedded', seed, scenarios: [random], databasePool: pool });
      const [done] = certification.scenarios;
      expect(certification.verdict).toBe('not certified');
      const shrunk = done?.shrunk;
      if (shrunk === undefined) throw new Error('the failing random run was not shrunk');
      expect(shrunk.result.valid).toBe(false);
      expect(shrunk.smallest.faults.length).toBeLessThan(shrunk.original.faults.length);
      expect(shrunk.smallest.faults.map((plan) => plan.fault)).toEqual(['storage-outage']);
      expect(shrunk.smallest.reports).toBeLessThan(shrunk.original.reports);
      expect(done?.replaySmallest).toContain(`--reports ${shrunk.smallest.reports} --faults 'storage-outage:`);

      const replayed = await runScenario({ scenario: random, adapter: faulty, environment: 'embedded', seed, override: shrunk.smallest, databasePool: pool });
      expect(jsonLines(replayed.events)).toBe(jsonLines(shrunk.result.events));
    },
    120_000,
  );

  test('shrinkFailure keeps only what the failure needs: the fault it needs, at its smallest, and the fewest reports', async () => {
    // A stand-in run: fails when storage-outage is scheduled with from ≤ reports and at least 2 reports.
    const run = (schedule: ScenarioSchedule): Promise<ScenarioResult> => {
      const outage = schedule.faults.find((plan) => plan.fault === 'storage-outage');
      const fails = outage !== undefined && (outage.params?.['from'] ?? 2) <= schedule.reports && schedule.reports >= 2;
      return Promise.resolve({ schedule, valid: fails ? false : 'unknown', scenarioId: 'x' } as unknown as ScenarioResult);
    };
    const original: ScenarioSchedule = {
      reports: 16,
      faults: [
        { fault: 'crash-after-ack', params: { nth: 9 } },
        { fault: 'storage-outage', params: { from: 12, count: 3 } },
        { fault: 'send-api-slow', params: { from: 4, count: 2, delayMs: 900 } },
      ],
    };
    const outcome = await shrinkFailure(await run(original), run);
    expect(outcome.smallest).toEqual({ reports: 2, faults: [{ fault: 'storage-outage', params: { from: 1, count: 1 } }] });
    expect(outcome.original).toEqual(original);
  });
});
