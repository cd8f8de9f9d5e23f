// Properties over seeded random histories (random-runs.ts). A failure prints the seed: rerun that
// one seed to replay the exact history.
import { describe, expect, test } from '@jest/globals';
import { seededRandom } from '../workloads/random.ts';
import { checkHistory } from './check-history.ts';
import { LOSS_KINDS, randomRun } from './random-runs.ts';
import { FAILING_VERDICTS } from './verdicts.ts';

const SEEDS = Array.from({ length: 150 }, (_, index) => `checker-property-${index}`);

function failingReports(result: ReturnType<typeof checkHistory>): Record<string, readonly string[]> {
  const failing: Record<string, readonly string[]> = {};
  for (const verdict of FAILING_VERDICTS) if (result.reports[verdict].length > 0) failing[verdict] = result.reports[verdict];
  return failing;
}

describe('checkHistory on random correct runs', () => {
  test('redeliveries, resends, duplicate receipts, refusals and crashes interleaved: always true', () => {
    for (const seed of SEEDS) {
      const random = seededRandom(seed);
      const reports = random.int(1, 40);
      const { run } = randomRun(random, { reports });

      const result = checkHistory(run.events(), { expectedReports: reports });

      expect({ seed, valid: result.valid, reasons: result.reasons }).toEqual({ seed, valid: true, reasons: [] });
      expect(result.counts.ok + result.counts.refused + result.counts.recovered).toBe(reports);
    }
  });

  test('one loss injected at a random report, of a random kind: always false, with exactly that report named lost', () => {
    let injected = 0;
    for (const seed of SEEDS) {
      const random = seededRandom(seed);
      const reports = random.int(1, 40);
      let victim: string | undefined;
      const { run } = randomRun(random, {
        reports,
        injectLoss: (candidates) => {
          if (candidates.length === 0) return undefined;
          victim = random.pick(candidates);
          return { reportId: victim, kind: random.pick(LOSS_KINDS) };
        },
      });
      if (victim === undefined) continue;
      injected += 1;

      const result = checkHistory(run.events(), { expectedReports: reports });

      expect({ seed, valid: result.valid, failing: failingReports(result), misattributed: result.misattributedReceipts }).toEqual({
        seed,
        valid: false,
        failing: { lost: [victim] },
        misattributed: [],
      });
    }
    // Most seeds must have had a report to lose, or the property says little.
    expect(injected).toBeGreaterThan(SEEDS.length * 0.9);
  });

  test('the same seed gives the same history and the same result', () => {
    const once = (): string => {
      const random = seededRandom('replay');
      const { run } = randomRun(random, { reports: 25 });
      return JSON.stringify([run.events(), checkHistory(run.events(), { expectedReports: 25 })]);
    };
    expect(once()).toBe(once());
  });
});
