// checkHistory, one run per test, built by hand: each test is a small story of what the portal,
// the broker and the read-back showed, and what the checker must conclude from it.
import { describe, expect, test } from '@jest/globals';
import { checkHistory } from './check-history.ts';
import { historyBuilder } from './history-test-kit.ts';

describe('checkHistory: runs that pass', () => {
  test('a perfect run: every report mottatt and stored exactly as sent → valid true, all ok', () => {
    const run = historyBuilder();
    for (const id of ['r1', 'r2', 'r3']) run.correctReport(id);
    for (const id of ['r1', 'r2', 'r3']) run.readBack(id, 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 3 });

    expect(result.valid).toBe(true);
    expect(result.reasons).toEqual([]);
    expect(result.reports.ok).toEqual(['r1', 'r2', 'r3']);
    expect(result.counts).toMatchObject({ ok: 3, lost: 0, unknown: 0 });
    expect(result.perReport['r1']).toMatchObject({ verdict: 'ok', meldingIds: ['r1/m1'], delivered: ['r1/m1'], flags: [] });
  });

  test('a crash after commit, down until the message expired: no receipt from the case system, Fiks IO said tidsavbrudd, the report is stored exactly → recovered, valid true', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m1 = run.send('r1');
    run.deliver(m1);
    run.operation('crash-receiver', 'ok', { boundary: 'after-commit' });
    run.deadLetter(m1, 'expired');
    run.receipt('tidsavbrudd', m1);
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(true);
    expect(result.reports.recovered).toEqual(['r1']);
  });

  test('a redelivery answered twice and a resend after tidsavbrudd are fine: ok, with flags that say so', () => {
    const run = historyBuilder();
    run.submit('r1');
    const first = run.send('r1');
    run.deadLetter(first, 'expired');
    run.receipt('tidsavbrudd', first);
    const second = run.send('r1');
    run.deliver(second);
    run.receipt('mottatt', second);
    run.deliver(second); // the ack was lost with the connection
    run.receipt('mottatt', second);
    run.ack(second);
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(true);
    expect(result.perReport['r1']?.verdict).toBe('ok');
    expect(result.perReport['r1']?.flags).toEqual(expect.arrayContaining(['resent', 'redelivered', 'duplicate-receipts', 'platform-receipt', 'dead-lettered']));
  });

  test("feilet for a report that breaks KS's schema (the kit's synthetic content) is refused: informational, the portal posts it; the run still passes", () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.submit('r2');
    const m = run.send('r2');
    run.deliver(m);
    run.receipt('feilet', m);
    run.ack(m);
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(true);
    expect(result.reports.refused).toEqual(['r2']);
  });

  test('never delivered (TTL ran out while the receiver was down), Fiks IO told the portal → undelivered, not a failure', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.submit('r2');
    const m = run.send('r2');
    run.deadLetter(m, 'expired');
    run.receipt('tidsavbrudd', m);
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(true);
    expect(result.reports.undelivered).toEqual(['r2']);
  });
});

describe('checkHistory: the fault that lost 63 reports, and its relatives', () => {
  test('mottatt, then the read-back finds nothing (2020–2023) → false, lost, the report named', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.correctReport('r2');
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(false);
    expect(result.reports.lost).toEqual(['r2']);
    expect(result.reasons.join('\n')).toContain('r2');
    expect(result.perReport['r2']?.reasons.join('\n')).toContain('mottatt receipt-2 (seq');
    expect(result.perReport['r2']?.readBack).toMatchObject({ outcome: 'not-found' });
  });

  test('the text cut at 4,000 characters → lost, with the path and the character position, never the text', () => {
    const run = historyBuilder();
    run.correctReport('r1', { textLength: 12_000 });
    run.readBack('r1', (stored) => ({ ...stored, bekymringsmelding: { ...(stored.bekymringsmelding as object), melding: run.submitted('r1').content['melding']?.toString().slice(0, 4000) } }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.readBack?.differences).toEqual(['bekymringsmelding.json /melding: text differs from character 4000 (sent 12000 characters, stored 4000)']);
    expect(JSON.stringify(result)).not.toContain('Grünerløkka');
  });

  test('æøå mangled by a wrong character set (Bjørnstad as Latin-1) → lost, with the path and the first character that changed', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => {
      const content = structuredClone(stored.bekymringsmelding) as { barn: { etternavn: string }[] };
      const child = content.barn[0];
      if (child !== undefined) child.etternavn = Buffer.from(child.etternavn, 'utf8').toString('latin1');
      return { ...stored, bekymringsmelding: content };
    });

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.readBack?.differences).toEqual(['bekymringsmelding.json /barn/0/etternavn: text differs from character 2 (sent 9 characters, stored 10)']);
  });

  test('without the content kept in the history, a difference is still lost, told by digest', () => {
    const run = historyBuilder();
    run.correctReport('r1', { keepContent: false });
    run.readBack('r1', (stored) => ({ ...stored, bekymringsmelding: { ...(stored.bekymringsmelding as object), melding: '' } }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.readBack?.differences[0]).toMatch(/^bekymringsmelding\.json: differs from what was sent \(SHA-256 sent [0-9a-f]{64}, stored [0-9a-f]{64}\)/);
  });

  test('a store that re-serialises the JSON with its keys in another order is not a loss', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, bekymringsmelding: Object.fromEntries(Object.entries(stored.bekymringsmelding as object).reverse()) }));

    expect(checkHistory(run.events(), { expectedReports: 1 }).reports.ok).toEqual(['r1']);
  });

  test('the PDF missing, or another PDF → lost', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.correctReport('r2');
    run.readBack('r1', (stored) => ({ ...stored, pdf: null }));
    run.readBack('r2', (stored) => ({ ...stored, pdf: { sha256: '0'.repeat(64), bytes: 10 } }));

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.reports.lost).toEqual(['r1', 'r2']);
    expect(result.perReport['r1']?.readBack?.differences).toEqual(['bekymringsmelding.pdf: sent but not stored']);
    expect(result.perReport['r2']?.readBack?.differences).toEqual(['bekymringsmelding.pdf: SHA-256 differs (stored 10 bytes)']);
  });

  test('a v2 report stored as v1 → lost', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v1' }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.readBack?.differences).toEqual(['meldingstype: sent no.ks.fiks.bekymringsmelding.offentlig.v2, stored no.ks.fiks.bekymringsmelding.offentlig.v1']);
  });

  test('mottatt before the commit: a read-back asked after the mottatt finds nothing → lost, even though a redelivery stores it later', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    const mottatt = run.receipt('mottatt', m);
    const askedAfterSeq = (run.events().at(-1)?.seq ?? 0);
    run.append({ event: 'read-back', reportId: 'r1', outcome: 'not-found', askedAfterSeq });
    run.deliver(m); // the receiver crashed before its commit; the message came back
    run.receipt('mottatt', m);
    run.ack(m);
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.reasons[0]).toBe(
      `mottatt ${mottatt} (seq 3) came before the report was held: the read-back asked after it (seq 4, asked after seq 3) did not find what was sent: it found nothing`,
    );
  });

  test('a read-back asked BEFORE the mottatt arrived may find nothing, even when its answer is recorded after it', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    const askedAfterSeq = (run.events().at(-1)?.seq ?? 0);
    run.receipt('mottatt', m);
    run.append({ event: 'read-back', reportId: 'r1', outcome: 'not-found', askedAfterSeq });
    run.ack(m);
    run.readBack('r1', 'as-sent');

    expect(checkHistory(run.events(), { expectedReports: 1 }).reports.ok).toEqual(['r1']);
  });

  test('found, but with no case (antallSaker 0) after mottatt → lost', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, antallSaker: 0 }));

    expect(checkHistory(run.events(), { expectedReports: 1 }).reports.lost).toEqual(['r1']);
  });
});

describe('checkHistory: stored, but wrong', () => {
  test('stored twice → duplicated', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, antallSaker: 2 }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.reports.duplicated).toEqual(['r1']);
  });

  test('visible to another district than the one it was sent to → misrouted', () => {
    const run = historyBuilder();
    run.correctReport('r1', { kommunenummer: '0301', bydelsnummer: '04' });
    run.readBack('r1', (stored) => ({ ...stored, synligFor: [{ kommunenummer: '0301', bydelsnummer: '05' }] }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.reports.misrouted).toEqual(['r1']);
    expect(result.perReport['r1']?.reasons).toContain('not visible to 0301/04, the municipality/district it was sent to (visible to 0301/05)');
  });

  test('visible to the right district and another besides is a flag, not a failure', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, synligFor: [...stored.synligFor, { kommunenummer: '0301', bydelsnummer: '05' }] }));

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(true);
    expect(result.perReport['r1']?.flags).toContain('visible-to-others');
  });

  test('stored twice AND cut short: one primary verdict (lost, the worst), the other as a flag', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', (stored) => ({ ...stored, antallSaker: 2, pdf: null }));

    const evidence = checkHistory(run.events(), { expectedReports: 1 }).perReport['r1'];

    expect(evidence?.verdict).toBe('lost');
    expect(evidence?.flags).toContain('duplicated');
  });
});

describe('checkHistory: answers that do not belong', () => {
  test('mottatt whose svar-til is no melding-id the portal sent → misattributed receipt, false', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.receipt('mottatt', 'no-such-melding', 'receipt-x');
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.misattributedReceipts).toEqual([expect.objectContaining({ meldingId: 'receipt-x', svarTil: 'no-such-melding', why: 'unknown-svar-til' })]);
    expect(result.reasons.join('\n')).toContain('no-such-melding');
  });

  test("mottatt naming another report's melding-id, sent but not yet delivered → misattributed; the report really handled goes unanswered", () => {
    const run = historyBuilder();
    run.submit('r1');
    run.submit('r2');
    const m1 = run.send('r1');
    const m2 = run.send('r2');
    run.deliver(m1);
    run.receipt('mottatt', m2); // the receiver answers for r2, which it has not been given
    run.ack(m1);
    run.deliver(m2);
    run.receipt('mottatt', m2);
    run.ack(m2);
    run.readBack('r1', 'not-found');
    run.readBack('r2', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(false);
    expect(result.reports.misattributed).toEqual(['r2']);
    expect(result.reports.unanswered).toEqual(['r1']);
    expect(result.misattributedReceipts).toEqual([expect.objectContaining({ svarTil: m2, reportId: 'r2', why: 'not-delivered-before' })]);
    expect(result.counts.ok).toBe(0);
  });

  test('a receipt can overtake the portal recording its send: attributed by svar-til whatever the order', () => {
    const run = historyBuilder();
    run.submit('r1');
    run.deliver('r1/m1');
    run.receipt('mottatt', 'r1/m1');
    run.send('r1', 'r1/m1');
    run.readBack('r1', 'as-sent');

    expect(checkHistory(run.events(), { expectedReports: 1 }).reports.ok).toEqual(['r1']);
  });
});

describe('checkHistory: silence', () => {
  test('a nack (Fiks IO tells nobody) and no receipt → unanswered, false', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    run.nack(m);
    run.deadLetter(m, 'rejected');
    run.readBack('r1', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe(false);
    expect(result.reports.unanswered).toEqual(['r1']);
    expect(result.perReport['r1']?.flags).toEqual(expect.arrayContaining(['nacked', 'dead-lettered']));
  });

  test('an unreadable receipt answers nothing: listed, and the report it may have meant is still unanswered', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    run.append({ event: 'receipt', kind: 'unreadable', meldingId: 'k1', detail: 'no svar-til header' });
    run.ack(m);
    run.readBack('r1', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.reports.unanswered).toEqual(['r1']);
    expect(result.unreadableReceipts).toEqual([{ seq: 3, meldingId: 'k1', detail: 'no svar-til header' }]);
  });

  test('acked without a receipt and not stored (the receiver threw it away) → unanswered', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    run.ack(m);
    run.readBack('r1', 'not-found');

    expect(checkHistory(run.events(), { expectedReports: 1 }).reports.unanswered).toEqual(['r1']);
  });

  test('dead-lettered after 3 deliveries with serverfeil from the platform → undelivered, not a failure: the portal was told at once and posts it', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    for (let delivery = 0; delivery < 3; delivery++) run.deliver(m);
    run.deadLetter(m, 'delivery-limit');
    run.receipt('serverfeil', m);
    run.readBack('r1', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 1 });
    expect(result.reports.undelivered).toEqual(['r1']);
    expect(result.reports.unanswered).toEqual([]);
  });

  test('stored and acked but never answered, and Fiks IO had no reason to speak → unanswered: the portal waits two working days and posts a report the case system holds', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deliver(m);
    run.ack(m);
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 1 });
    expect(result.valid).toBe(false);
    expect(result.reports.unanswered).toEqual(['r1']);
  });
});

describe('checkHistory: unknown is neither pass nor fail', () => {
  test('the read-back could not be trusted → unknown (never true, never false), even after mottatt', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.correctReport('r2');
    run.readBack('r1', 'as-sent');
    run.readBack('r2', { unknown: 'read-back: GET … answered 503' });

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe('unknown');
    expect(result.reports.unknown).toEqual(['r2']);
    expect(result.perReport['r2']?.reasons.join('\n')).toContain('answered 503');
  });

  test('a report never read back → unknown', () => {
    const run = historyBuilder();
    run.correctReport('r1');

    expect(checkHistory(run.events(), { expectedReports: 1 }).valid).toBe('unknown');
  });

  test('fewer reports than expected → unknown, saying how many', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 100 });

    expect(result.valid).toBe('unknown');
    expect(result.reasons).toContain('too little traffic: 1 of the 100 expected reports were submitted');
  });

  test('a required fault with no evidence that it fired → unknown; with evidence → true', () => {
    const run = historyBuilder();
    run.faultInjected('crash-after-commit', {});
    run.correctReport('r1');
    run.readBack('r1', 'as-sent');

    const withoutProof = checkHistory(run.events(), { expectedReports: 1, requireFaultsFired: ['crash-after-commit'] });
    expect(withoutProof.valid).toBe('unknown');
    expect(withoutProof.reasons.join('\n')).toContain('crash-after-commit');

    run.faultInjected('crash-after-commit', { killedProcess: 4711, afterCommitOf: 'r1/m1' });
    run.faultHealed('crash-after-commit');
    const withProof = checkHistory(run.events(), { expectedReports: 1, requireFaultsFired: ['crash-after-commit'] });
    expect(withProof.valid).toBe(true);
    expect(withProof.faults).toEqual([expect.objectContaining({ name: 'crash-after-commit', evidence: { killedProcess: 4711, afterCommitOf: 'r1/m1' } })]);
  });

  test('a fault never mentioned at all → unknown', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', 'as-sent');

    expect(checkHistory(run.events(), { expectedReports: 1, requireFaultsFired: ['storage-outage'] }).valid).toBe('unknown');
  });

  test('false wins over unknown: a lost report in a run that is also short of traffic is false', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', 'not-found');

    expect(checkHistory(run.events(), { expectedReports: 10, requireFaultsFired: ['never-fired'] }).valid).toBe(false);
  });

  test('a report the portal never managed to send is unknown: it never tested the receiver', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.submit('r2');
    run.sendFailed('r2');
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe('unknown');
    expect(result.perReport['r2']).toMatchObject({ verdict: 'unknown', sendFailures: 1 });
  });

  test('a receiver that never consumed anything: every report undelivered, which is too little traffic', () => {
    const run = historyBuilder();
    run.submit('r1');
    const m = run.send('r1');
    run.deadLetter(m, 'expired');
    run.receipt('tidsavbrudd', m);
    run.readBack('r1', 'not-found');

    const result = checkHistory(run.events(), { expectedReports: 1 });

    expect(result.valid).toBe('unknown');
    expect(result.reasons).toContain('too little traffic: not one report reached the receiver (none delivered, answered or stored)');
  });

  test('an empty history is unknown, even when nothing was expected: nothing was checked', () => {
    expect(checkHistory([], { expectedReports: 0 })).toMatchObject({ valid: 'unknown', reasons: ['no report was submitted (0 expected), so nothing was checked'] });
  });

  test('expectedReports must be a whole number', () => {
    expect(() => checkHistory([], { expectedReports: -1 })).toThrow('checkHistory: expectedReports');
  });
});

describe('checkHistory: the result is plain data', () => {
  test('it survives JSON unchanged, and any iterable (a generator) can feed it', () => {
    const run = historyBuilder();
    run.correctReport('r1');
    run.readBack('r1', 'as-sent');
    const events = run.events();
    function* stream(): Generator<(typeof events)[number]> {
      yield* events;
    }

    const result = checkHistory(stream(), { expectedReports: 1 });

    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.events).toBe(events.length);
  });

  test('a report id is only a key: one named __proto__ is judged like any other, not taken for the prototype', () => {
    const run = historyBuilder();
    for (const id of ['__proto__', 'r2']) run.correctReport(id);
    for (const id of ['__proto__', 'r2']) run.readBack(id, 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(Object.keys(result.perReport)).toEqual(['__proto__', 'r2']);
    expect(Object.getPrototypeOf(result.perReport)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(result.perReport))).toMatchObject({ ['__proto__']: { verdict: 'ok' }, r2: { verdict: 'ok' } });
  });

  test('an empty evidence list shared by many reports is frozen: changing it throws instead of changing every report', () => {
    const run = historyBuilder();
    for (const id of ['r1', 'r2']) run.correctReport(id);
    for (const id of ['r1', 'r2']) run.readBack(id, 'as-sent');

    const { perReport } = checkHistory(run.events(), { expectedReports: 2 });

    expect(() => (perReport['r1']?.nacked as string[]).push('m9')).toThrow(TypeError);
    expect(perReport['r2']?.nacked).toEqual([]);
  });
});
