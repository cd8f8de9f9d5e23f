// Histories for timing the checker alone: correct runs of a given number of reports, built from the
// real event shapes (scenarios/history) a services run records — report-submitted, sent, the
// portal's states, delivered (one report in ten delivered twice), mottatt, acked, and the final
// read-back with the stored content — interleaved the way concurrent deliveries interleave (in
// windows of 64 reports). Each report has its own content, and each read-back its own parsed copy
// of it, as a read-back over HTTP (or a history read from disk) gives the checker: one object
// shared by every read-back would let a cache keyed on identity time something no run does.
import { contentSha256 } from '../scenarios/history/content-digest.ts';
import type { HistoryEvent, HistoryEventBody } from '../scenarios/history/history-event.ts';
import { syntheticContent } from '../scenarios/checker/history-test-kit.ts';
import { seededRandom } from '../scenarios/workloads/random.ts';

const PDF_SHA256 = 'a'.repeat(64);
const TYPE = 'no.ks.fiks.bekymringsmelding.offentlig.v2';
/** 8 events per report, one in ten redelivered, plus its read-back. */
export const EVENTS_PER_REPORT = 8.1;

export function syntheticHistory(reports: number, seed: string, textLength = 600): HistoryEvent[] {
  const random = seededRandom(seed);
  const contentOf = (reportId: string): Record<string, unknown> => syntheticContent(reportId, '0301', '04', textLength);
  const events: HistoryEvent[] = [];
  const push = (body: HistoryEventBody): void => void events.push({ ...body, seq: events.length, at: events.length });
  const window = 64;
  for (let start = 0; start < reports; start += window) {
    const scripts = Array.from({ length: Math.min(window, reports - start) }, (_, index): HistoryEventBody[] => {
      const reportId = `r${start + index}`;
      const meldingId = `${reportId}/m1`;
      return [
        { event: 'report-submitted', reportId, meldingstype: TYPE, kommunenummer: '0301', bydelsnummer: '04', contentSha256: contentSha256(contentOf(reportId)), pdfSha256: PDF_SHA256 },
        { event: 'sent', reportId, meldingId },
        { event: 'portal-state', reportId, from: 'AKSEPTERT', to: 'SENDT_FAGSYSTEM', cause: 'sent' },
        { event: 'delivered', meldingId, deliveryCount: 0, redelivered: false },
        ...(random.chance(0.1) ? [{ event: 'delivered', meldingId, deliveryCount: 1, redelivered: true } as const] : []),
        { event: 'receipt', kind: 'mottatt', svarTil: meldingId, meldingId: `${reportId}/k1` },
        { event: 'acked', meldingId },
        { event: 'portal-state', reportId, from: 'SENDT_FAGSYSTEM', to: 'LEVERT', cause: 'mottatt' },
      ];
    });
    const cursors = scripts.map(() => 0);
    let left = scripts.reduce((sum, script) => sum + script.length, 0);
    while (left > 0) {
      const pick = random.int(0, scripts.length - 1);
      const body = scripts[pick]?.[cursors[pick] ?? 0];
      if (body === undefined) continue;
      push(body);
      cursors[pick] = (cursors[pick] ?? 0) + 1;
      left -= 1;
    }
  }
  for (let index = 0; index < reports; index++) {
    const reportId = `r${index}`;
    push({
      event: 'read-back',
      reportId,
      outcome: 'found',
      readBack: {
        bekymringsmeldingId: reportId,
        meldingstype: TYPE,
        bekymringsmelding: JSON.parse(JSON.stringify(contentOf(reportId))) as unknown,
        pdf: { sha256: PDF_SHA256, bytes: 40_000 },
        synligFor: [{ kommunenummer: '0301', bydelsnummer: '04' }],
        antallSaker: 1,
      },
    });
  }
  return events;
}
