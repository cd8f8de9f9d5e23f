// A generated report as a run holds it while the run lasts: its content kept as deflated JSON
// (history/kept-text.ts) and parsed again on each read of `content`, instead of as the object tree
// the generator built (about 20 KB a report, over 1 GB for a national year). The same JSON value
// every read; each read is a new object, so no caller can change what the next one sees.
import { keepText } from '../history/kept-text.ts';
import type { Bekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import type { GeneratedReport } from './report-workload.ts';

const kept = new WeakSet<GeneratedReport>();

/** The report as a run keeps it; a report kept already is returned as it is. */
export function keptReport(report: GeneratedReport): GeneratedReport {
  if (kept.has(report)) return report;
  const content = keepText(JSON.stringify(report.content));
  const compact = Object.freeze(
    Object.defineProperty({ bekymringsmeldingId: report.bekymringsmeldingId, meldingstype: report.meldingstype, bydelRessursId: report.bydelRessursId }, 'content', {
      get: () => JSON.parse(content.read()) as Bekymringsmelding,
      enumerable: true,
    }),
  ) as GeneratedReport;
  kept.add(compact);
  return compact;
}
