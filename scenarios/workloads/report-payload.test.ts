import { describe, expect, test } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { REPORT_JSON_NAME, REPORT_PDF_NAME, unpackPayload } from '../../contracts/payload-zip.ts';
import { seededRandom } from './random.ts';
import { buildPayload } from './report-payload.ts';
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
