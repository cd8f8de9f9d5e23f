// The verdict is three-valued and merges false > unknown > true: a report lost after mottatt fails
// the run even when the run did not finish; an unfinished run is otherwise no answer, never a pass.
// The checker's judgement of the history counts too: what it fails for good fails the run.
import { describe, expect, test } from '@jest/globals';
import { emptyStateCounts } from '../../providers/portal/portal-states.ts';
import { checkHistory } from '../../scenarios/checker/index.ts';
import { historyBuilder } from '../../scenarios/checker/history-test-kit.ts';
import type { ReportReadBack } from './read-back-all.ts';
import { type SummaryInput, summarise } from './run-summary.ts';

const ids = ['a', 'b'];
const match = (id: string): ReportReadBack => ({ bekymringsmeldingId: id, outcome: 'match', antallSaker: 1, details: [] });

/** A history where both reports were delivered, answered mottatt and read back as sent. */
function cleanHistory(): ReturnType<typeof historyBuilder> {
  const run = historyBuilder();
  for (const id of ids) {
    run.submit(id);
    const meldingId = run.send(id);
    run.deliver(meldingId);
    run.receipt('mottatt', meldingId);
    run.ack(meldingId);
    run.readBack(id, 'as-sent');
  }
  return run;
}

function input(overrides: Partial<SummaryInput>): SummaryInput {
  const events = cleanHistory().events();
  return {
    adapter: 'reference',
    environment: 'embedded',
    seed: '1',
    reportIds: ids,
    sentIds: new Set(ids),
    sends: 2,
    events,
    check: checkHistory(events, { expectedReports: 2 }),
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
  test('every report LEVERT by mottatt, stored once as sent: pass, no problems, counted from the history', () => {
    const summary = summarise(input({}));
    expect(summary).toMatchObject({ verdict: 'pass', stored: 2, contentEqual: 2, duplicates: 0, problems: [], delivered: 2, deliveries: 2, redeliveries: 0 });
    expect(summary.receipts).toEqual({ mottatt: 2, feilet: 0, serverfeil: 0, tidsavbrudd: 0 });
    expect(summary.checker).toEqual({ valid: true, counts: { ok: 2 }, reasons: [] });
    expect(summary.historyDigest).toMatch(/^[0-9a-f]{64}$/);
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

  test('a receipt for a melding-id the receiver had not been given fails the run even unfinished; a silent drop unfinished is no answer', () => {
    const misattributed = historyBuilder();
    misattributed.submit('a');
    const meldingId = misattributed.send('a');
    misattributed.receipt('mottatt', meldingId);
    misattributed.readBack('a', 'as-sent');
    const events = misattributed.events();
    const unfinished = { finished: false, reason: 'bound hit' } as const;
    const one = { reportIds: ['a'], sentIds: new Set(['a']), leveredByMottatt: ['a'], readBacks: [match('a')], portalStates: { ...emptyStateCounts(), LEVERT: 1 } };
    const failed = summarise(input({ ...one, events, check: checkHistory(events, { expectedReports: 1 }), outcome: unfinished }));
    expect(failed.verdict).toBe('fail');
    expect(failed.problems.some((problem) => problem.startsWith('checker: 1 report misattributed'))).toBe(true);

    const silent = historyBuilder();
    silent.submit('a');
    silent.deliver(silent.send('a'));
    silent.readBack('a', 'not-found');
    const silentEvents = silent.events();
    const check = checkHistory(silentEvents, { expectedReports: 1 });
    expect(check.counts.unanswered).toBe(1);
    const readBacks = [{ bekymringsmeldingId: 'a', outcome: 'not-found', antallSaker: 0, details: [] } as const];
    expect(summarise(input({ ...one, leveredByMottatt: [], readBacks, events: silentEvents, check, outcome: unfinished })).verdict).toBe('unknown');
    expect(summarise(input({ ...one, leveredByMottatt: [], readBacks, events: silentEvents, check })).verdict).toBe('fail');
  });

  test('a valid report answered feilet fails the run even unfinished: the portal posts it and never sends it again', () => {
    const clean = input({});
    const check = { ...clean.check, valid: false as const, counts: { ...clean.check.counts, ok: 1, 'wrongly-refused': 1 } };
    expect(summarise(input({ check, outcome: { finished: false, reason: 'bound hit' } })).verdict).toBe('fail');
    const unanswered = { ...clean.check, valid: false as const, counts: { ...clean.check.counts, ok: 1, unanswered: 1 } };
    expect(summarise(input({ check: unanswered, outcome: { finished: false, reason: 'bound hit' } })).verdict).toBe('unknown');
  });
});
