import { describe, expect, test } from '@jest/globals';
import { generateReports } from '../workloads/index.ts';
import { keepText } from './kept-text.ts';

describe('keepText', () => {
  test('gives back exactly the text it kept: Norwegian letters, emoji, escapes, long and empty', () => {
    const texts = ['', 'Blåbærsyltetøy på Ærøy', '{"melding":"linje 1\\nlinje 2 \\u00e6"}', '🧒 barn', 'ÆØÅ æøå '.repeat(20_000)];
    for (const text of texts) expect(keepText(text).read()).toBe(text);
  });

  test("holds generated reports' JSON in under a third of its UTF-8 size (a sixth of what a two-byte string takes)", () => {
    const texts = generateReports('kept text', 50).map((report) => JSON.stringify(report.content));
    const utf8 = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
    const held = texts.reduce((sum, text) => sum + keepText(text).bytes, 0);
    expect(held).toBeLessThan(utf8 / 3);
  });

  test('each read is the text anew, and two reads are equal', () => {
    const kept = keepText('Tromsø');
    expect(kept.read()).toBe(kept.read());
  });
});
