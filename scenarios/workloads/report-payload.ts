// A generated report as the portal sends it: the payload zip with the JSON (UTF-8) and the PDF.
import { packPayload } from '../../contracts/payload-zip.ts';
import { renderReportPdf } from './report-pdf.ts';
import type { GeneratedReport } from './report-workload.ts';

export async function buildPayload(report: GeneratedReport): Promise<Uint8Array> {
  const json = new TextEncoder().encode(JSON.stringify(report.content));
  return packPayload({ json, pdf: await renderReportPdf(report) });
}
