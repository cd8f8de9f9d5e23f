import { describe, expect, test } from '@jest/globals';
import { checkHistory } from './check-history.ts';
import { historyBuilder } from './history-test-kit.ts';
import { safeCheck } from './safe-check.ts';

describe('safeCheck', () => {
  test('a checker that throws reports unknown, with the error as data — never false, never true', () => {
    const result = safeCheck(() => {
      throw new TypeError('cannot read the read-back of r7');
    }, 'checkHistory');

    expect(result.valid).toBe('unknown');
    expect(result.reasons).toEqual(['checkHistory crashed, so the run has no verdict: cannot read the read-back of r7']);
    expect(result.error).toMatchObject({ name: 'TypeError', message: 'cannot read the read-back of r7' });
  });

  test('a thrown non-Error is kept as its text', () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the case under test
    const result = safeCheck(() => { throw 'out of memory'; });
    expect(result.error?.message).toBe('out of memory');
  });

  test('a checker that returns passes its result through untouched', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', 'as-sent');
    const direct = checkHistory(run.events(), { expectedReports: 1 });

    expect(safeCheck(() => checkHistory(run.events(), { expectedReports: 1 }))).toEqual(direct);
  });

  test('a bad option is a crash of the checker, so unknown', () => {
    expect(safeCheck(() => checkHistory([], { expectedReports: Number.NaN })).valid).toBe('unknown');
  });
});
