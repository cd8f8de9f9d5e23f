import { describe, expect, test } from '@jest/globals';
import { keptReport, madeOnRead, reportsMadeOnRead } from './kept-report.ts';
import { seededRandom } from './random.ts';
import { generateReports, reportAt } from './report-workload.ts';

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

describe('madeOnRead', () => {
  test('is report i of generateReports, drawn again on every read of its content, each read a new object', () => {
    const expected = generateReports('made on read', 5);
    const root = seededRandom('made on read');
    let draws = 0;
    const reports = expected.map((_, index) =>
      madeOnRead(() => {
        draws += 1;
        return reportAt(root, index);
      }),
    );
    expect(draws).toBe(5); // once each, for the ids
    void reports[0]?.content;
    expect(draws).toBe(6); // and once for each read of a content
    expect(reports).toEqual(expected);
    expect(reports[2]?.content).not.toBe(reports[2]?.content);
    expect(keptReport(reports[2] as never)).toBe(reports[2]);
  });
});

test('reportsMadeOnRead: the reports generateReports draws from the seed, with each report its own options', () => {
  expect(reportsMadeOnRead('made on read', 4)).toEqual(generateReports('made on read', 4));
  const long = reportsMadeOnRead('made on read', 3, (index) => (index === 1 ? { textLength: 6_000 } : {}));
  expect(long[0]).toEqual(generateReports('made on read', 1)[0]);
  expect(JSON.stringify(long[1]?.content).length).toBeGreaterThan(6_000);
});
