// How checkHistory's time grows with the history: synthetic correct runs of about 10k, 100k and
// 1M events, each checked a few times (median kept). Not a test — timings vary by machine; run it
// by hand and read the ns/event column, which stays flat when the growth is linear:
//
//   npx node scenarios/checker/measure-checker.ts
//
// Each report's read-back content is hashed once (canonical JSON + SHA-256), so the time per event
// also grows with the report text; MEASURE_TEXT_LENGTH sets it (600 characters by default).
//
// Measured on the project's 2-core machine (load average about 3 from other work), two runs:
//       10,008 events    26–53 ms     2.6–5.3 µs/event
//      100,005 events   174–249 ms    1.7–2.5 µs/event
//    1,000,093 events   1.9–2.5 s     1.9–2.5 µs/event
// Linear: ten times the events, about ten times the time. A profile puts about a third of it in
// hashing the read-back contents and another third in garbage collection.
import { performance } from 'node:perf_hooks';
import { contentSha256 } from '../history/content-digest.ts';
import type { HistoryEvent, HistoryEventBody } from '../history/history-event.ts';
import { seededRandom } from '../workloads/random.ts';
import { checkHistory } from './check-history.ts';
import { syntheticContent } from './history-test-kit.ts';

const PDF_SHA256 = 'a'.repeat(64);

/** A correct run with `reports` reports, their events interleaved in windows of 64 reports. */
function syntheticHistory(reports: number, seed: string): HistoryEvent[] {
  const random = seededRandom(seed);
  const content = syntheticContent('measure', '0301', '04', Number(process.env['MEASURE_TEXT_LENGTH'] ?? 600));
  const digest = contentSha256(content);
  const events: HistoryEvent[] = [];
  const push = (body: HistoryEventBody): void => void events.push({ ...body, seq: events.length, at: events.length });
  const window = 64;
  for (let start = 0; start < reports; start += window) {
    const ids = Array.from({ length: Math.min(window, reports - start) }, (_, index) => `r${start + index}`);
    const scripts = ids.map((reportId): HistoryEventBody[] => {
      const meldingId = `${reportId}/m1`;
      const redelivered = random.chance(0.1);
      return [
        { event: 'report-submitted', reportId, meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v2', kommunenummer: '0301', bydelsnummer: '04', contentSha256: digest, pdfSha256: PDF_SHA256 },
        { event: 'sent', reportId, meldingId },
        { event: 'portal-state', reportId, from: 'AKSEPTERT', to: 'SENDT_FAGSYSTEM', cause: 'sent' },
        { event: 'delivered', meldingId, deliveryCount: 0, redelivered: false },
        ...(redelivered ? [{ event: 'delivered', meldingId, deliveryCount: 1, redelivered: true } as const] : []),
        { event: 'receipt', kind: 'mottatt', svarTil: meldingId, meldingId: `${reportId}/k1` },
        { event: 'acked', meldingId },
        { event: 'portal-state', reportId, from: 'SENDT_FAGSYSTEM', to: 'LEVERT', cause: 'mottatt' },
      ];
    });
    // Interleave the window's scripts at random, each in its own order.
    const cursors = scripts.map(() => 0);
    let left = scripts.reduce((sum, script) => sum + script.length, 0);
    while (left > 0) {
      const pick = random.int(0, scripts.length - 1);
      const script = scripts[pick];
      const cursor = cursors[pick] ?? 0;
      if (script === undefined || cursor >= script.length) continue;
      const body = script[cursor];
      if (body !== undefined) push(body);
      cursors[pick] = cursor + 1;
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
        meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v2',
        bekymringsmelding: content,
        pdf: { sha256: PDF_SHA256, bytes: 40_000 },
        synligFor: [{ kommunenummer: '0301', bydelsnummer: '04' }],
        antallSaker: 1,
      },
    });
  }
  return events;
}

// 8 events per report, 10% redelivered, plus its read-back.
const EVENTS_PER_REPORT = 8.1;
for (const target of [10_000, 100_000, 1_000_000]) {
  const reports = Math.round(target / EVENTS_PER_REPORT);
  const events = syntheticHistory(reports, `measure-${target}`);
  const times: number[] = [];
  let valid: unknown;
  // One run unmeasured, so the first size is not charged for the JIT compiling the checker.
  checkHistory(events, { expectedReports: reports });
  for (let repeat = 0; repeat < 3; repeat++) {
    const started = performance.now();
    const result = checkHistory(events, { expectedReports: reports });
    times.push(performance.now() - started);
    valid = result.valid;
  }
  times.sort((a, b) => a - b);
  const median = times[1] ?? 0;
  console.log(`${String(events.length).padStart(9)} events  ${String(reports).padStart(7)} reports  ${median.toFixed(0).padStart(6)} ms  ${((median * 1e6) / events.length).toFixed(0).padStart(5)} ns/event  valid ${String(valid)}`);
}
