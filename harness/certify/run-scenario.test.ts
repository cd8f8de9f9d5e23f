// One scenario run, as examples: what the history holds when a crash hits (the evidence names the
// melding-id and what the receiver held unacked, the heal names the new process), what a poison
// message and an expired message end as for a correct receiver, and that a fault which never
// fires leaves the scenario without a verdict — never a pass.
import { afterAll, describe, expect, test } from '@jest/globals';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { findAdapter, referenceAdapter } from '../run/run-adapters.ts';
import { type ScenarioResult, checkedValidity, runScenario } from './run-scenario.ts';
import type { ScheduleOverride } from './scenario-schedule.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

function reference(id: string, override?: ScheduleOverride): Promise<ScenarioResult> {
  const scenario: Scenario | undefined = scenarioNamed(id);
  if (scenario === undefined) throw new Error(`no scenario ${id}`);
  return runScenario({ scenario, adapter: referenceAdapter, environment: 'embedded', seed: 'examples', databasePool: pool, ...(override === undefined ? {} : { override }) });
}

describe('runScenario with the reference receiver', () => {
  test(
    'crash after commit: the injection names the melding-id and the deliveries held unacked; the heal names the new process; every report ok, some redelivered',
    async () => {
      const result = await reference('crash-after-commit');
      expect(result.valid).toBe(true);
      const injected = result.events.find((event) => event.event === 'fault-injected');
      const healed = result.events.find((event) => event.event === 'fault-healed');
      expect(injected?.event === 'fault-injected' && injected.evidence).toMatchObject({ boundary: 'after commit', occurrence: 3, meldingId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown });
      const unacked = injected?.event === 'fault-injected' ? (injected.evidence as { unackedAtCrash: string[] }).unackedAtCrash : [];
      expect(unacked.length).toBeGreaterThan(1);
      expect(healed?.event === 'fault-healed' && healed.evidence).toMatchObject({ crashedGeneration: 1, restartedAs: 2 });
      expect(result.check.counts.ok).toBe(12);
      expect(Object.values(result.check.perReport).filter((report) => report.flags.includes('redelivered')).length).toBe(unacked.length);
    },
    60_000,
  );

  test(
    'poison messages are refused and the rest ok; messages that expire while the receiver is down are undelivered and the rest ok',
    async () => {
      const poison = await reference('poison-message');
      expect(poison.valid).toBe(true);
      expect(poison.check.counts).toMatchObject({ refused: 6, ok: 6 });
      const poisonKinds = poison.events.flatMap((event) => (event.event === 'fault-injected' ? [(event.evidence as { kind: string }).kind] : []));
      expect(poisonKinds).toEqual(['broken-zip', 'invalid-json', 'schema-invalid', 'unknown-type', 'missing-pdf', 'broken-zip']);

      const ttl = await reference('ttl-expiry-while-down');
      expect(ttl.valid).toBe(true);
      expect(ttl.check.counts).toMatchObject({ undelivered: 4, ok: 8 });
    },
    60_000,
  );

  test(
    'a fault that never fires (the 100th commit of 12 reports) leaves the scenario without a verdict',
    async () => {
      const result = await reference('crash-after-commit', { faults: [{ fault: 'crash-after-commit', params: { nth: 100 } }] });
      expect(result.check.counts.ok).toBe(12);
      expect(result.valid).toBe('unknown');
      expect(result.reasons).toContain('fault crash-after-commit#1 was required to fire, but the history has no fault-injected event for it with evidence');
    },
    60_000,
  );
});

describe('a run that did not finish', () => {
  test(
    'fails on a valid report answered feilet (the portal posts it and never sends it again), but has no verdict on one merely unanswered',
    async () => {
      const scenario = scenarioNamed('v1-message');
      if (scenario === undefined) throw new Error('no scenario v1-message');
      const result = await runScenario({ scenario, adapter: findAdapter('faulty:rejects-v1'), environment: 'embedded', seed: 'examples', databasePool: pool });
      expect(result.check.counts['wrongly-refused']).toBeGreaterThan(0);
      expect(result.check.counts).toMatchObject({ lost: 0, misattributed: 0, duplicated: 0, misrouted: 0 });
      expect(result.valid).toBe(false);
      // The same history, had the run stopped before every report was final.
      expect(checkedValidity(result.check, false)).toBe(false);
      const unansweredOnly = { ...result.check, counts: { ...result.check.counts, 'wrongly-refused': 0, unanswered: 1 } };
      expect(checkedValidity(unansweredOnly, false)).toBe('unknown');
      expect(checkedValidity(unansweredOnly, true)).toBe(false);
    },
    60_000,
  );
});
