import { describe, expect, test } from '@jest/globals';
import { keptReport } from './kept-report.ts';
import { generateReports } from './report-workload.ts';

describe('keptReport', () => {
  const [report] = generateReports('kept report', 1);
  if (report === undefined) throw new Error('no report generated');

  test('is the same report: ids, type and a content deep-equal to what was generated, as JSON too', () => {
    const kept = keptReport(report);
    expect(kept).toEqual(report);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(report));
    expect(Object.keys(kept)).toEqual(['bekymringsmeldingId', 'meldingstype', 'bydelRessursId', 'content']);
  });

  test('each read of content is a new object, so a caller that changes one changes nothing the next sees', () => {
    const kept = keptReport(report);
    const first = kept.content as unknown as Record<string, unknown>;
    first['kommunenummer'] = 'changed';
    expect(kept.content.kommunenummer).toBe(report.content.kommunenummer);
    expect(kept.content).not.toBe(kept.content);
  });

  test('a kept report is kept once: keeping it again returns it as it is', () => {
    const kept = keptReport(report);
    expect(keptReport(kept)).toBe(kept);
    expect(Object.isFrozen(kept)).toBe(true);
  });
});
