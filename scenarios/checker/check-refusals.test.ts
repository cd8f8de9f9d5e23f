// A feilet is the case system's right only for a report it cannot take. The checker validates the
// report as sent (report-submitted's content) against the schema of its own type: a valid one
// refused with no fault to excuse it is wrongly-refused, which fails the run. A storage fault in
// force excuses a refusal (KS: "on failure send the protocol's error reply and then ack"); a
// poison message excuses the melding-id it broke; v1 excuses nothing ("a receiver that supports
// v2 must accept v1").
import { describe, expect, test } from '@jest/globals';
import type { ReportType } from '../../contracts/message-types.ts';
import { reportSubmitted } from '../history/report-submitted.ts';
import { generateReport, seededRandom } from '../workloads/index.ts';
import { checkHistory } from './check-history.ts';
import { type HistoryBuilder, historyBuilder } from './history-test-kit.ts';
import { REFUSAL_EXCUSES } from './refusal-excuses.ts';

/** r1 handled correctly; `reportId` submitted (valid unless told), sent and delivered; returns its melding-id. */
function delivered(run: HistoryBuilder, reportId: string, options: { readonly valid?: boolean; readonly meldingstype?: ReportType; readonly keepContent?: boolean } = {}): string {
  run.submit(reportId, { valid: options.valid ?? true, ...(options.meldingstype === undefined ? {} : { meldingstype: options.meldingstype }), ...(options.keepContent === undefined ? {} : { keepContent: options.keepContent }) });
  const meldingId = run.send(reportId);
  run.deliver(meldingId);
  return meldingId;
}

function refuse(run: HistoryBuilder, reportId: string, meldingId: string): void {
  run.receipt('feilet', meldingId);
  run.ack(meldingId);
  run.portalState(reportId, 'SENDT_FAGSYSTEM', 'AVVIST_FAGSYSTEM', 'feilet');
}

function check(run: HistoryBuilder, reports: number): ReturnType<typeof checkHistory> {
  run.readBack('r1', 'as-sent');
  for (let index = 2; index <= reports; index += 1) run.readBack(`r${index}`, 'not-found');
  return checkHistory(run.events(), { expectedReports: reports });
}

describe('checkHistory: refusals judged against the contract', () => {
  test.each(['no.ks.fiks.bekymringsmelding.privat.v1', 'no.ks.fiks.bekymringsmelding.offentlig.v1', 'no.ks.fiks.bekymringsmelding.offentlig.v2'] as const)(
    'a valid %s report answered feilet, no fault in force → wrongly-refused, false, the report named',
    (meldingstype) => {
      const run = historyBuilder();
      run.correctReport('r1', { valid: true });
      refuse(run, 'r2', delivered(run, 'r2', { meldingstype }));

      const result = check(run, 2);

      expect(result.valid).toBe(false);
      expect(result.reports['wrongly-refused']).toEqual(['r2']);
      expect(result.perReport['r2']?.reasons.join(' ')).toContain(`valid against the ${meldingstype} schema`);
      expect(result.reasons.join(' ')).toMatch(/wrongly-refused.*r2/);
    },
  );

  test('a report that breaks its schema answered feilet → refused, true; the reason quotes the schema problem', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    refuse(run, 'r2', delivered(run, 'r2', { valid: false }));

    const result = check(run, 2);

    expect(result.valid).toBe(true);
    expect(result.reports.refused).toEqual(['r2']);
    expect(result.perReport['r2']?.reasons.join(' ')).toMatch(/breaks the no\.ks\.fiks\.bekymringsmelding\.offentlig\.v2 schema \(\//);
  });

  test('a storage outage in force when it was delivered excuses the feilet → refused (flag refusal-excused), true', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    run.faultInjected('storage-outage', { commit: 1, meldingId: 'r1/m1', what: 'commit refused' });
    const m2 = delivered(run, 'r2');
    run.faultHealed('storage-outage');
    refuse(run, 'r2', m2);

    const result = check(run, 2);

    expect(result.valid).toBe(true);
    expect(result.perReport['r2']).toMatchObject({ verdict: 'refused', flags: expect.arrayContaining(['refusal-excused']) });
  });

  test('a feilet that arrives while a storage fault is in force is excused; one for a melding-id its evidence names, after the heal, too', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    const m2 = delivered(run, 'r2');
    const m3 = delivered(run, 'r3');
    run.faultInjected('storage-overload', { commit: 3, meldingId: m3, what: 'commit hung, then failed' }, 'storage-overload#1');
    refuse(run, 'r2', m2);
    run.faultHealed('storage-overload', 'storage-overload#1');
    refuse(run, 'r3', m3);

    const result = check(run, 3);

    expect(result.valid).toBe(true);
    expect(result.reports.refused).toEqual(['r2', 'r3']);
  });

  test('outside every storage-fault window: refused after the heal, delivered after it → wrongly-refused', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    run.faultInjected('storage-outage', { commit: 1, meldingId: 'r1/m1', what: 'commit refused' });
    run.faultHealed('storage-outage');
    refuse(run, 'r2', delivered(run, 'r2'));

    const result = check(run, 2);

    expect(result.valid).toBe(false);
    expect(result.reports['wrongly-refused']).toEqual(['r2']);
  });

  test('a poison message excuses the feilet for the melding-id it broke, and no other', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    const m2 = delivered(run, 'r2');
    run.faultInjected('poison-message', { reportId: 'r2', kind: 'schema-invalid', meldingId: m2, what: 'report r2 went out as a poison message (schema-invalid)' });
    refuse(run, 'r2', m2);
    refuse(run, 'r3', delivered(run, 'r3'));

    const result = check(run, 3);

    expect(result.valid).toBe(false);
    expect(result.reports.refused).toEqual(['r2']);
    expect(result.reports['wrongly-refused']).toEqual(['r3']);
  });

  test('v1-message never excuses: a valid v1 report refused while it is in force → wrongly-refused', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    const m2 = delivered(run, 'r2', { meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v1' });
    run.faultInjected('v1-message', { meldingId: m2, reportId: 'r2', type: 'no.ks.fiks.bekymringsmelding.privat.v1', what: 'a v1 report delivered' });
    refuse(run, 'r2', m2);
    run.faultHealed('v1-message');

    const result = check(run, 2);

    expect(result.valid).toBe(false);
    expect(result.reports['wrongly-refused']).toEqual(['r2']);
  });

  test('a fault the checker does not know, in force, is given the benefit of the doubt: refused, not a failure', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    run.faultInjected('some-newer-fault', { what: 'something broke' });
    refuse(run, 'r2', delivered(run, 'r2'));
    run.faultHealed('some-newer-fault');

    const result = check(run, 2);

    expect(result.valid).toBe(true);
    expect(result.perReport['r2']?.flags).toContain('refusal-excused');
  });

  test('refused, and the history kept no content: whether it was valid cannot be told → unknown, never a pass', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    refuse(run, 'r2', delivered(run, 'r2', { keepContent: false }));

    const result = check(run, 2);

    expect(result.valid).toBe('unknown');
    expect(result.perReport['r2']?.verdict).toBe('unknown');
  });

  test('without the content, the validity the run judged as it recorded (keepValidity) decides, in the same words', () => {
    for (const valid of [true, false]) {
      const generated = generateReport(seededRandom('check-refusals validity'), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2' }).content;
      // Without kommunenummer (JSON drops an undefined field) the report breaks its schema.
      const content = valid ? generated : { ...generated, kommunenummer: undefined };
      const judged = [{ keepContent: true }, { keepValidity: true }].map((options) => {
        const run = historyBuilder();
        run.correctReport('r1', { valid: true });
        const sent = { bekymringsmeldingId: 'r2', meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v2', contentJson: JSON.stringify(content), pdfSha256: 'ab'.repeat(32), pdfBytes: 10, kommunenummer: generated.kommunenummer, bydelsnummer: generated.bydelsnummer };
        run.append(reportSubmitted(sent, options));
        const meldingId = run.send('r2');
        run.deliver(meldingId);
        refuse(run, 'r2', meldingId);
        return check(run, 2).perReport['r2'];
      });

      expect(judged[0]?.verdict).toBe(valid ? 'wrongly-refused' : 'refused');
      expect(judged[1]).toEqual(judged[0]);
    }
  });

  test('a valid report refused and then, on a resend, accepted and stored is still wrongly-refused: the portal acted on the feilet', () => {
    const run = historyBuilder();
    run.correctReport('r1', { valid: true });
    const m1 = delivered(run, 'r2');
    refuse(run, 'r2', m1);
    const m2 = run.send('r2');
    run.deliver(m2);
    run.receipt('mottatt', m2);
    run.ack(m2);
    run.readBack('r1', 'as-sent');
    run.readBack('r2', 'as-sent');

    const result = checkHistory(run.events(), { expectedReports: 2 });

    expect(result.valid).toBe(false);
    expect(result.perReport['r2']).toMatchObject({ verdict: 'wrongly-refused', flags: expect.arrayContaining(['mottatt-and-feilet']) });
  });

  test('every excuse class is one the checker knows how to apply', () => {
    expect(new Set(Object.values(REFUSAL_EXCUSES))).toEqual(new Set(['while-active', 'named-melding', 'none']));
    expect(REFUSAL_EXCUSES['v1-message']).toBe('none');
  });
});
