// A generated report as a run holds it while the run lasts, instead of as the object tree the
// generator built (about 20 KB a report, over 1 GB for a national year): its ids, and a content
// that each read makes anew — drawn again from the report's own seed (madeOnRead: nothing held, and
// drawing a report takes about as long as inflating and parsing it), or parsed from deflated JSON
// (keptReport, for reports given from outside). The same JSON value every read; each read is a new
// object, so no caller can change what the next one sees.
import { keepText } from '../history/kept-text.ts';
import type { Bekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import { seededRandom } from './random.ts';
import { type GeneratedReport, type ReportOptions, reportAt } from './report-workload.ts';

const kept = new WeakSet<GeneratedReport>();

function withContentOnRead(report: GeneratedReport, content: () => Bekymringsmelding): GeneratedReport {
  const compact = Object.freeze(
    Object.defineProperty({ bekymringsmeldingId: report.bekymringsmeldingId, meldingstype: report.meldingstype, bydelRessursId: report.bydelRessursId }, 'content', {
      get: content,
      enumerable: true,
    }),
  ) as GeneratedReport;
  kept.add(compact);
  return compact;
}

/** `make`'s report, made again on each read of its content: `make` must give the same report every call (a seeded draw). */
export function madeOnRead(make: () => GeneratedReport): GeneratedReport {
  return withContentOnRead(make(), () => make().content);
}

/** The first `count` reports drawn from `seed` (generateReports), report i with `optionsAt(i)`, each made on read. */
export function reportsMadeOnRead(seed: string, count: number, optionsAt: (index: number) => ReportOptions = () => ({})): GeneratedReport[] {
  const root = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const options = optionsAt(index);
    return madeOnRead(() => reportAt(root, index, options));
  });
}

/** The report as a run keeps it; a report kept already is returned as it is. */
export function keptReport(report: GeneratedReport): GeneratedReport {
  if (kept.has(report)) return report;
  const content = keepText(JSON.stringify(report.content));
  return withContentOnRead(report, () => JSON.parse(content.read()) as Bekymringsmelding);
}
