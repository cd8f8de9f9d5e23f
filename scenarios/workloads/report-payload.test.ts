import { describe, expect, test } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { REPORT_JSON_NAME, REPORT_PDF_NAME, unpackPayload } from '../../contracts/payload-zip.ts';
import { seededRandom } from './random.ts';
import { madeOnRead } from './kept-report.ts';
import { buildPayload, buildPayloadParts } from './report-payload.ts';
import { generateReport } from './report-workload.ts';

describe('buildPayload', () => {
  test('holds the report JSON byte for byte (æøå intact) and its PDF; deterministic', async () => {
    const report = generateReport(seededRandom('payload'), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', textLength: 1_500 });
    const payload = await buildPayload(report);
    expect(await buildPayload(report)).toEqual(payload);
    const files = unpackPayload(payload);
    expect([...files.keys()]).toEqual([REPORT_JSON_NAME, REPORT_PDF_NAME]);
    const json = new TextDecoder('utf-8', { fatal: true }).decode(files.get(REPORT_JSON_NAME));
    expect(JSON.parse(json)).toEqual(report.content);
    expect(json).toMatch(/[æøå]/u);
    expect((await PDFDocument.load(files.get(REPORT_PDF_NAME)!)).getPageCount()).toBeGreaterThanOrEqual(1);
  });
});

describe('buildPayloadParts', () => {
  test('its parts are what its payload holds, byte for byte, and the payload is buildPayload\'s; a report made on read is drawn once', async () => {
    const root = seededRandom('payload parts');
    let draws = 0;
    const report = madeOnRead(() => {
      draws += 1;
      return generateReport(root.fork('one'), { type: 'no.ks.fiks.bekymringsmelding.privat.v2' });
    });
    const parts = await buildPayloadParts(report);
    expect(draws).toBe(2); // once for its ids, once for the payload
    const files = unpackPayload(parts.payload);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(files.get(REPORT_JSON_NAME))).toBe(parts.contentJson);
    expect(files.get(REPORT_PDF_NAME)).toEqual(parts.pdf);
    expect(parts.content).toEqual(JSON.parse(parts.contentJson));
    expect(await buildPayload(report)).toEqual(parts.payload);
  });
});
