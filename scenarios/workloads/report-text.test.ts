import { describe, expect, test } from '@jest/globals';
import { seededRandom } from './random.ts';
import { SHORT_TEXTS, drawReportText, reportText } from './report-text.ts';

describe('report texts', () => {
  test('reportText gives exactly the length asked for', () => {
    const random = seededRandom('text');
    for (const length of [0, 1, 2, 39, 40, 41, 333, 5_000, 51_234]) expect(reportText(random, length)).toHaveLength(length);
  });

  test('long texts are paragraphs of sentences with æøå, ending in a full stop', () => {
    const text = reportText(seededRandom('long'), 20_000);
    expect(text).toContain('\n\n');
    expect(text.endsWith('.')).toBe(true);
    for (const letter of ['æ', 'ø', 'å']) expect(text).toContain(letter);
    expect(text.split(/[.!?»]\s+/u).length).toBeGreaterThan(100);
  });

  test('short texts are under 40 characters', () => {
    for (const text of SHORT_TEXTS) expect(text.length).toBeLessThan(40);
  });

  test('drawReportText reaches both ends of the size distribution', () => {
    const random = seededRandom('sizes');
    const lengths = Array.from({ length: 600 }, () => drawReportText(random).length);
    expect(Math.min(...lengths)).toBeLessThan(40);
    expect(Math.max(...lengths)).toBeGreaterThan(40_000);
  });

  test('a bad length is refused', () => {
    expect(() => reportText(seededRandom(1), 1.5)).toThrow(/^reportText:/);
  });
});
