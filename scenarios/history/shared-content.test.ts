import { describe, expect, test } from '@jest/globals';
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import { checkHistory } from '../checker/check-history.ts';
import { parseHistoryJsonLines } from './history-file.ts';
import type { HistoryEventOf } from './history-event.ts';
import { createHistory } from './history.ts';
import { reportSubmitted } from './report-submitted.ts';

const content = { kommunenummer: '4601', bydelsnummer: '00', melding: 'Barnet på Grünerløkka – sulten og trøtt', barn: [{ fornavn: 'Søren' }] };
const sent = {
  bekymringsmeldingId: 'r1',
  meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2',
  contentJson: JSON.stringify(content),
  pdfSha256: 'ab'.repeat(32),
  pdfBytes: 1234,
  kommunenummer: '4601',
  bydelsnummer: '00',
};

function readBackOf(stored: unknown): ReadBack {
  return { bekymringsmeldingId: 'r1', meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2', bekymringsmelding: stored, pdf: { sha256: 'ab'.repeat(32), bytes: 1234 }, synligFor: [{ kommunenummer: '4601', bydelsnummer: '00' }], antallSaker: 1 };
}

/** One report, sent, delivered, answered mottatt, then read back with `stored`. */
function recordRun(stored: unknown): ReturnType<typeof createHistory> {
  const history = createHistory({ now: () => 0 });
  history.append(reportSubmitted(sent, { keepContent: true }));
  history.append({ event: 'sent', reportId: 'r1', meldingId: 'm1' });
  history.append({ event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false });
  history.append({ event: 'receipt', kind: 'mottatt', svarTil: 'm1', meldingId: 'k1' });
  history.append({ event: 'read-back', reportId: 'r1', outcome: 'found', readBack: readBackOf(stored) });
  return history;
}

function readBackEvent(history: ReturnType<typeof createHistory>): HistoryEventOf<'read-back'> {
  const event = history.events().find((each) => each.event === 'read-back');
  if (event?.event !== 'read-back') throw new Error('no read-back recorded');
  return event;
}

describe('report content held once, as the sent text', () => {
  test('report-submitted keeps the content as the sent text: read, it is that JSON; written, the line holds it as an object, as before', () => {
    const history = createHistory({ now: () => 7 });
    const event = history.append(reportSubmitted(sent, { keepContent: true }));

    expect(event.event === 'report-submitted' && event.content).toEqual(content);
    // Not a value kept in the event: an accessor over the sent text.
    expect(Object.getOwnPropertyDescriptor(event, 'content')).not.toHaveProperty('value');
    expect(JSON.parse(history.toJsonLines())).toEqual({ ...reportSubmitted(sent), content, seq: 0, at: 7 });
    expect(Object.isFrozen(event)).toBe(true);
  });

  test('a read-back that holds what was sent (keys in another order) is read from the sent text, not kept as a second copy', () => {
    const reordered = JSON.parse(JSON.stringify({ barn: content.barn, melding: content.melding, bydelsnummer: '00', kommunenummer: '4601' })) as unknown;
    const history = recordRun(reordered);
    const event = readBackEvent(history);

    expect(event.readBack?.bekymringsmelding).toEqual(content);
    expect(event.readBack?.bekymringsmelding).not.toBe(reordered);
    expect(Object.getOwnPropertyDescriptor(event.readBack ?? {}, 'bekymringsmelding')).not.toHaveProperty('value');
    expect(checkHistory(history.events(), { expectedReports: 1 })).toMatchObject({ valid: true, counts: { ok: 1 } });
  });

  test('a read-back that differs from what was sent is kept as it came: it is the evidence', () => {
    const cut = { ...content, melding: 'Barnet på' };
    const history = recordRun(cut);

    expect(readBackEvent(history).readBack?.bekymringsmelding).toBe(cut);
    const result = checkHistory(history.events(), { expectedReports: 1 });
    expect(result.reports.lost).toEqual(['r1']);
    expect(result.perReport['r1']?.readBack?.differences.join('\n')).toContain('/melding');
  });

  test('written and read back, the history is judged the same, for an equal copy and for a changed one', () => {
    for (const stored of [structuredClone(content), { ...content, melding: 'Barnet på' }]) {
      const history = recordRun(stored);
      const reread = parseHistoryJsonLines(history.toJsonLines());

      expect(reread).toEqual(history.events());
      expect(checkHistory(reread, { expectedReports: 1 })).toEqual(checkHistory(history.events(), { expectedReports: 1 }));
    }
  });

  test('keepReadBack holds a read-back as the history would: an equal copy over the sent text, a different one as it came; appended then, it is not shared twice', () => {
    const history = createHistory({ now: () => 0 });
    history.append(reportSubmitted(sent, { keepContent: true }));
    const equal = history.keepReadBack('r1', readBackOf(structuredClone(content)));
    expect(Object.getOwnPropertyDescriptor(equal, 'bekymringsmelding')).not.toHaveProperty('value');
    expect(equal.bekymringsmelding).toEqual(content);
    const cut = readBackOf({ ...content, melding: 'Barnet på' });
    expect(history.keepReadBack('r1', cut)).toBe(cut);
    // A report the history has no sent text for: as it came.
    const other = readBackOf(content);
    expect(history.keepReadBack('r2', other)).toBe(other);

    const event = history.append({ event: 'read-back', reportId: 'r1', outcome: 'found', readBack: equal });
    expect(event.event === 'read-back' && event.readBack).toBe(equal);
  });
});
