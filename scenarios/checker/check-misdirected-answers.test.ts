// Answers that name the wrong delivery, already delivered (misdirected-answers.ts): some melding-id
// is answered more often than the broker delivered it, while reports the receiver took are never
// answered and go to letter post at the portal's deadline. Both traces together are misattributed,
// on both sides; either alone is what a correct receiver (a receipt sent again after a lost
// response) or a silent drop (unanswered) shows.
import { describe, expect, test } from '@jest/globals';
import { checkHistory } from './check-history.ts';
import { type HistoryBuilder, historyBuilder } from './history-test-kit.ts';

function submitAndDeliver(run: HistoryBuilder, reportId: string): string {
  run.submit(reportId);
  run.portalState(reportId, 'AKSEPTERT', 'SENDT_FAGSYSTEM', 'sent');
  const meldingId = run.send(reportId);
  run.deliver(meldingId);
  return meldingId;
}

function postedAtDeadline(run: HistoryBuilder, reportId: string): void {
  run.portalState(reportId, 'SENDT_FAGSYSTEM', 'SENDT_PRINT', 'deadline');
  run.portalState(reportId, 'SENDT_PRINT', 'LEVERT', 'post');
}

describe('checkHistory: answers naming another delivery', () => {
  test('three in hand, every answer names the latest delivery: it is misattributed (answered 3 times, delivered once), and so are the two stored and never answered', () => {
    const run = historyBuilder();
    const [a, b, c] = ['r1', 'r2', 'r3'].map((id) => submitAndDeliver(run, id));
    if (a === undefined || b === undefined || c === undefined) throw new Error('three melding-ids expected');
    for (const handled of [a, b, c]) {
      run.receipt('mottatt', c);
      run.ack(handled);
    }
    run.portalState('r3', 'SENDT_FAGSYSTEM', 'LEVERT', 'mottatt');
    postedAtDeadline(run, 'r1');
    postedAtDeadline(run, 'r2');
    for (const id of ['r1', 'r2', 'r3']) run.readBack(id, 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 3 });

    expect(result.valid).toBe(false);
    expect(result.reports.misattributed).toEqual(['r1', 'r2', 'r3']);
    expect(result.perReport['r1']?.flags).toContain('unanswered');
    expect(result.perReport['r3']?.flags).toContain('answered-beyond-deliveries');
    expect(result.perReport['r3']?.reasons.join(' ')).toContain(`${c} was answered 3 times but delivered 1 time`);
    expect(result.misattributedReceipts.filter((receipt) => receipt.why === 'answers-another-delivery').map((receipt) => receipt.svarTil)).toEqual([c, c]);
  });

  test('another receiver, another mix-up: each answer names the delivery handled BEFORE it (a stale variable) → the first is answered twice, the last never: both misattributed', () => {
    const run = historyBuilder();
    const [a, b, c] = ['r1', 'r2', 'r3'].map((id) => submitAndDeliver(run, id));
    if (a === undefined || b === undefined || c === undefined) throw new Error('three melding-ids expected');
    for (const [handled, named] of [[a, a], [b, a], [c, b]] as const) {
      run.receipt('mottatt', named);
      run.ack(handled);
    }
    postedAtDeadline(run, 'r3');
    for (const id of ['r1', 'r2', 'r3']) run.readBack(id, 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 3 });

    expect(result.valid).toBe(false);
    expect(result.reports.misattributed).toEqual(['r1', 'r3']);
    // r2 got an answer (from r3's handling) and is stored: from outside nothing is wrong with it.
    expect(result.reports.ok).toEqual(['r2']);
  });

  test('a receipt sent again after its response was lost (two answers, one delivery), nothing unanswered → ok: no failure, a flag', () => {
    const run = historyBuilder();
    const m1 = submitAndDeliver(run, 'r1');
    run.receipt('mottatt', m1);
    run.receipt('mottatt', m1);
    run.ack(m1);
    run.portalState('r1', 'SENDT_FAGSYSTEM', 'LEVERT', 'mottatt');
    run.correctReport('r2');
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(true);
    expect(result.perReport['r1']).toMatchObject({ verdict: 'ok', flags: expect.arrayContaining(['answered-beyond-deliveries']) });
  });

  test('the same receipt redelivered to the portal is one answer, not two', () => {
    const run = historyBuilder();
    const m1 = submitAndDeliver(run, 'r1');
    run.receipt('mottatt', m1, 'receipt-x');
    run.receipt('mottatt', m1, 'receipt-x');
    run.ack(m1);
    run.readBack('r1', 'as-sent');

    expect(checkHistory(run.events(), { expectedReports: 1 }).perReport['r1']?.flags).not.toContain('answered-beyond-deliveries');
  });

  test('a report taken and never answered beside a receipt sent twice: unanswered while the portal still waits; after its deadline both are misattributed (from outside, the same traces as an answer gone astray; it fails either way)', () => {
    const build = (deadline: boolean): ReturnType<typeof checkHistory> => {
      const run = historyBuilder();
      const m1 = submitAndDeliver(run, 'r1');
      run.receipt('mottatt', m1);
      run.receipt('mottatt', m1);
      run.ack(m1);
      const m2 = submitAndDeliver(run, 'r2');
      run.ack(m2);
      if (deadline) postedAtDeadline(run, 'r2');
      run.readBack('r1', 'as-sent');
      run.readBack('r2', 'as-sent');
      return checkHistory(run.events(), { expectedReports: 2 });
    };

    const waiting = build(false);
    expect(waiting.reports.unanswered).toEqual(['r2']);
    expect(waiting.reports.misattributed).toEqual([]);

    const gaveUp = build(true);
    expect(gaveUp.valid).toBe(false);
    expect(gaveUp.reports.misattributed).toEqual(['r1', 'r2']);
  });

  test('redelivered and answered once per delivery is no surplus: a report never answered beside it stays unanswered', () => {
    const run = historyBuilder();
    const m1 = submitAndDeliver(run, 'r1');
    run.receipt('mottatt', m1);
    run.deliver(m1);
    run.receipt('mottatt', m1);
    run.ack(m1);
    const m2 = submitAndDeliver(run, 'r2');
    run.nack(m2);
    postedAtDeadline(run, 'r2');
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.reports.unanswered).toEqual(['r2']);
    expect(result.reports.ok).toEqual(['r1']);
  });
});
