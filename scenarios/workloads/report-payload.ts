// A generated report as the portal sends it: the payload zip with the JSON (UTF-8) and the PDF.
import { packPayload } from '../../contracts/payload-zip.ts';
import { renderReportPdf } from './report-pdf.ts';
import type { GeneratedReport } from './report-workload.ts';

export async function buildPayload(report: GeneratedReport): Promise<Uint8Array> {
  return (await buildPayloadParts(report)).payload;
}

/** The payload and what it holds: its JSON text, its PDF, and the content the JSON is of. */
export interface PayloadParts {
  readonly payload: Uint8Array;
  readonly contentJson: string;
  readonly pdf: Uint8Array;
  readonly content: GeneratedReport['content'];
}

export async function buildPayloadParts(report: GeneratedReport): Promise<PayloadParts> {
  // Read once: a report a run holds makes its content anew on every read (kept-report.ts).
  const content = report.content;
  const contentJson = JSON.stringify(content);
  // Not a spread of `report`: that would read (make) its content once more.
  const pdf = await renderReportPdf({ bekymringsmeldingId: report.bekymringsmeldingId, meldingstype: report.meldingstype, bydelRessursId: report.bydelRessursId, content });
  return { payload: packPayload({ json: new TextEncoder().encode(contentJson), pdf }), contentJson, pdf, content };
}
