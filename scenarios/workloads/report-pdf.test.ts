import { describe, expect, test } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { isOffentlig, type OffentligBekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import { winAnsiSafe } from './pdf-layout.ts';
import { seededRandom } from './random.ts';
import { PDF_PRODUCER, renderReportPdf } from './report-pdf.ts';
import { type GeneratedReport, generateReport } from './report-workload.ts';

const report = (seed: string, options: Parameters<typeof generateReport>[1] = {}): GeneratedReport => generateReport(seededRandom(seed), options);
const startsWithPdf = (bytes: Uint8Array): boolean => new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '%PDF-';

describe('renderReportPdf', () => {
  test('the same report gives identical bytes; another report different ones', async () => {
    const one = report('pdf-same', { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', textLength: 3_000 });
    const first = await renderReportPdf(one);
    expect(await renderReportPdf(one)).toEqual(first);
    expect(await renderReportPdf(report('pdf-other', { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', textLength: 3_000 }))).not.toEqual(first);
  });

  test('a real PDF that pdf-lib reads back, with the metadata set from the report', async () => {
    for (const type of ['no.ks.fiks.bekymringsmelding.privat.v1', 'no.ks.fiks.bekymringsmelding.offentlig.v2'] as const) {
      const generated = report(`pdf-${type}`, { type, textLength: 500 });
      const bytes = await renderReportPdf(generated);
      expect(startsWithPdf(bytes)).toBe(true);
      const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
      expect(loaded.getPageCount()).toBeGreaterThanOrEqual(1);
      expect(loaded.getTitle()).toBe(`Bekymringsmelding ${generated.bekymringsmeldingId}`);
      expect(loaded.getProducer()).toBe(PDF_PRODUCER);
      // sendingstidspunkt is Norwegian local time: the PDF's date is the same moment in UTC.
      const sent = generated.content.sendingstidspunkt;
      const hoursAhead = (Date.parse(`${sent}Z`) - (loaded.getCreationDate()?.getTime() ?? 0)) / 3_600_000;
      expect([1, 2]).toContain(hoursAhead);
    }
  });

  test("the page's text is drawn in the font's WinAnsi codes, æøå and the en dash included", async () => {
    const generated = report('pdf-content', { type: 'no.ks.fiks.bekymringsmelding.privat.v2', textLength: 200 });
    const loaded = await PDFDocument.load(await renderReportPdf(generated));
    const contents = loaded.getPage(0).node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => loaded.context.lookup(ref)) : [contents];
    const text = streams.map((stream) => (stream instanceof PDFRawStream ? Buffer.from(inflateSync(stream.getContents())).toString('latin1') : '')).join('\n');
    expect(text).toContain('(Bekymringsmelding-id) Tj');
    expect(text).toContain(`(${generated.bekymringsmeldingId}) Tj`);
    // WinAnsi: ø is 0xF8 as in Latin-1; the en dash is 0x96.
    expect(text).toContain('(Bekymringsmelding \x96 privat melder) Tj');
    expect(text).toMatch(/\(Bekymringsmelding [0-9a-f-]{36} \x96 side 1 av 1\) Tj/);
  });

  test('a 60,000-character report runs over several pages', async () => {
    const long = report('pdf-long', { type: 'no.ks.fiks.bekymringsmelding.privat.v2', textLength: 60_000 });
    const short = report('pdf-long', { type: 'no.ks.fiks.bekymringsmelding.privat.v2', textLength: 100 });
    const longPages = (await PDFDocument.load(await renderReportPdf(long))).getPageCount();
    expect(longPages).toBeGreaterThanOrEqual(8);
    expect((await PDFDocument.load(await renderReportPdf(short))).getPageCount()).toBe(1);
  });

  test('æøå render, and characters WinAnsi lacks are replaced instead of crashing', async () => {
    const generated = report('pdf-letters', { type: 'no.ks.fiks.bekymringsmelding.offentlig.v1', childCount: 2 });
    const content = generated.content as OffentligBekymringsmelding;
    const strange: OffentligBekymringsmelding = {
      ...content,
      offentligMelder: { ...content.offentligMelder, personnavn: 'Åse Ødegård-Sæther Čoavddá Ŋ' },
      melding: { melding: 'Ærlig talt: «čáhci» 😀 \t tab, Σ, 中文, \r\n ny linje\u2028 og en svært lang lenke https://example.invalid/' + 'x'.repeat(400), historie: 'Øø Åå Ææ' },
    };
    expect(isOffentlig(strange)).toBe(true);
    const bytes = await renderReportPdf({ ...generated, content: strange });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1);
  });

  test('winAnsiSafe keeps æøå, folds accents it cannot draw, replaces the rest', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(winAnsiSafe('Bjørn Ærø Åsane', font)).toBe('Bjørn Ærø Åsane');
    expect(winAnsiSafe('čáhci Ŋ 😀', font)).toBe('cáhci ? ?');
  });
});
