// The verdict sentence a non-engineer reads first: lost reports counted and named as lost; other
// failures in plain words; a certified subset of the suite says it is a subset; no verdict is
// never worded as a pass.
import { describe, expect, test } from '@jest/globals';
import { emptyVerdictCounts } from '../../scenarios/checker/verdicts.ts';
import type { Verdict } from '../../scenarios/checker/index.ts';
import { SUITE } from '../../scenarios/suite/suite.ts';
import type { Certification, CertificationVerdict } from '../certify/certify.ts';
import { plainVerdict } from './plain-verdict.ts';

function run(verdict: CertificationVerdict, results: readonly { valid: true | false | 'unknown'; counts?: Partial<Record<Verdict, number>>; faults?: number }[]): Certification {
  return {
    verdict,
    notApplicable: [],
    scenarios: results.map((result, index) => ({
      scenario: SUITE[index % SUITE.length],
      result: { valid: result.valid, schedule: { reports: 10, faults: Array.from({ length: result.faults ?? 1 }) }, check: { counts: { ...emptyVerdictCounts(), ...result.counts } } },
    })),
  } as unknown as Certification;
}

describe('the verdict in one plain sentence', () => {
  test('lost reports come first, counted', () => {
    expect(plainVerdict(run('not certified', [{ valid: false, counts: { lost: 3 } }, { valid: true }]))).toBe(
      'This receiver can lose a report it has acknowledged: 3 reports were lost (1 of 2 scenarios failed).',
    );
  });

  test('other failures in plain words, without claiming a loss', () => {
    const sentence = plainVerdict(run('not certified', [{ valid: false, counts: { duplicated: 1, unanswered: 2 } }]));
    expect(sentence).toContain('did not lose an acknowledged report in these tests, but it mishandled reports');
    expect(sentence).toContain('1 report was stored more than once');
    expect(sentence).toContain('2 reports were never answered');
  });

  test('certified on a subset of the suite says so; on the whole suite it does not', () => {
    expect(plainVerdict(run('certified', [{ valid: true, faults: 0 }]))).toBe(
      `This receiver did not lose any report it had acknowledged: the 1 scenario run held, with no fault injected. Only 1 of the ${SUITE.length} scenarios of ackproof's suite was run.`,
    );
    const whole = plainVerdict(run('certified', SUITE.map(() => ({ valid: true as const }))));
    expect(whole).toBe(`This receiver did not lose any report it had acknowledged: all ${SUITE.length} scenarios held, ${SUITE.length} of them with faults injected.`);
  });

  test('no verdict is never worded as a pass', () => {
    expect(plainVerdict(run('no verdict', [{ valid: 'unknown' }, { valid: true }]))).toMatch(/^ackproof could not reach a verdict on this receiver: 1 of 2 scenarios could not be judged, and none failed\. This is not a pass\./);
  });
});
