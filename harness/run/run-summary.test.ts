// The verdict is three-valued and merges false > unknown > true: a report lost after mottatt fails
// the run even when the run did not finish; an unfinished run is otherwise no answer, never a pass.
import { describe, expect, test } from '@jest/globals';
import { emptyStateCounts } from '../../providers/portal/portal-states.ts';
import type { ReportReadBack } from './read-back-all.ts';
import { createRunHistory } from './run-history.ts';
import { type SummaryInput, summarise } from './run-summary.ts';

const ids = ['a', 'b'];
const match = (id: string): ReportReadBack => ({ bekymringsmeldingId: id, outcome: 'match', antallSaker: 1, details: [] });

function input(overrides: Partial<SummaryInput>): SummaryInput {
  return {
    adapter: 'reference',
    environment: 'embedded',
    seed: '1',
    reportIds: ids,
    sentIds: new Set(ids),
    sends: 2,
    history: createRunHistory(),
    portalStates: { ...emptyStateCounts(), LEVERT: 2 },
    leveredByMottatt: ids,
    readBacks: ids.map(match),
    outcome: { finished: true },
    virtualMs: 0,
    timing: { wallMs: 1, prepareMs: 0, deliverMs: 1, readBackMs: 0, reportsPerSecond: 2000, deliveredPerSecond: 2000 },
    ...overrides,
  };
}

describe('summarise', () => {
  test('every report LEVERT by mottatt, stored once as sent: pass, no problems', () => {
    expect(summarise(input({}))).toMatchObject({ verdict: 'pass', stored: 2, contentEqual: 2, duplicates: 0, problems: [] });
  });

  test('a report confirmed by mottatt but not stored fails the run, finished or not', () => {
    const readBacks = [match('a'), { bekymringsmeldingId: 'b', outcome: 'not-found', antallSaker: 0, details: ['the case system holds no report b'] } as const];
    expect(summarise(input({ readBacks })).verdict).toBe('fail');
    const unfinished = summarise(input({ readBacks, outcome: { finished: false, reason: 'bound hit' } }));
    expect(unfinished.verdict).toBe('fail');
    expect(unfinished.problems).toEqual(['no answer: bound hit', 'b: read-back not-found: the case system holds no report b']);
  });

  test('a second case is a duplicate and fails the run', () => {
    const summary = summarise(input({ readBacks: [match('a'), { ...match('b'), outcome: 'different', antallSaker: 2, details: ['antallSaker is 2, expected exactly 1'] }] }));
    expect(summary).toMatchObject({ verdict: 'fail', duplicates: 1, stored: 2, contentEqual: 1 });
  });

  test('an unfinished run, or a read-back that cannot be trusted, is no answer rather than a pass', () => {
    expect(summarise(input({ outcome: { finished: false, reason: 'bound hit' }, leveredByMottatt: ['a'] })).verdict).toBe('unknown');
    const readBacks = [match('a'), { bekymringsmeldingId: 'b', outcome: 'unknown', antallSaker: null, details: ['500'] } as const];
    expect(summarise(input({ readBacks })).verdict).toBe('unknown');
  });

  test('LEVERT by post is final but not delivered: the run fails', () => {
    const summary = summarise(input({ leveredByMottatt: ['a'] }));
    expect(summary).toMatchObject({ verdict: 'fail', leveredByMottatt: 1, leveredByPost: 1 });
    expect(summary.problems).toEqual(['1 report(s) not LEVERT by mottatt, e.g. b']);
  });
});
