// 1. The overhead ratio: ackproof end to end in services mode (portal → RabbitMQ → reference
// receiver → PostgreSQL → receipt → portal, all recorded in the history) against the raw program
// doing the same durable work (raw-pipeline.ts), on the same reports' payloads, alternating raw
// and ackproof round by round so a change in the machine's load hits both alike.
//
// Compared: reports per second from the first send until every report is final (ackproof's
// deliverMs; the raw program's first publish to last receipt). Generating the reports (PDFs)
// is outside both; ackproof's whole wall time is reported beside it.
import { openRunEnvironment } from '../harness/environments/run-environment.ts';
import { runReports } from '../harness/run/run-reports.ts';
import { buildPayload, generateReports } from '../scenarios/workloads/index.ts';
import { load } from './machine.ts';
import { runRawPipeline } from './raw-pipeline.ts';
import { cpuMs, median, round1, type ServicesUrls } from './bench-kit.ts';

export interface OverheadRound {
  readonly round: number;
  readonly rawPerSecond: number;
  readonly ackproofPerSecond: number;
  readonly ackproofWallPerSecond: number;
  readonly ackproofVerdict: string;
  /** CPU of this process per report (both run in it; the broker's and the database's own CPU is not counted). */
  readonly rawCpuMsPerReport: number;
  readonly ackproofCpuMsPerReport: number;
  readonly loadavg1: number;
}

export interface OverheadResult {
  readonly reports: number;
  readonly rounds: readonly OverheadRound[];
  readonly rawPerSecond: number;
  readonly ackproofPerSecond: number;
  /** median ackproof / median raw. */
  readonly ratio: number;
  readonly rawCpuMsPerReport: number;
  readonly ackproofCpuMsPerReport: number;
  readonly goal: 0.8;
}

export async function measureOverhead(urls: ServicesUrls, reports: number, rounds: number): Promise<OverheadResult> {
  const seed = 'bench overhead';
  const payloads = await Promise.all(generateReports(seed, reports).map((report) => buildPayload(report)));
  const results: OverheadRound[] = [];
  for (let round = 1; round <= rounds; round++) {
    const rawCpuStart = cpuMs();
    const raw = await runRawPipeline({ amqpUrl: urls.amqpUrl, databaseUrl: urls.databaseUrl, payloads });
    if (raw.stored !== reports) throw new Error(`bench overhead: the raw pipeline stored ${raw.stored} of ${reports} messages`);
    const rawCpu = cpuMs() - rawCpuStart;
    const ackproofCpuStart = cpuMs();
    const environment = await openRunEnvironment({ kind: 'services', seed, amqpUrl: urls.amqpUrl, databaseUrl: urls.databaseUrl });
    try {
      const summary = await runReports({ environment, reports, seed, adapter: 'reference' });
      results.push({
        round,
        rawPerSecond: raw.perSecond,
        ackproofPerSecond: summary.timing.deliveredPerSecond,
        ackproofWallPerSecond: summary.timing.reportsPerSecond,
        ackproofVerdict: summary.verdict,
        rawCpuMsPerReport: round1(rawCpu / reports),
        // The whole run, report generation (PDFs) included: what ackproof's process spends per report.
        ackproofCpuMsPerReport: round1((cpuMs() - ackproofCpuStart) / reports),
        loadavg1: load().loadavg1,
      });
    } finally {
      await environment.close();
    }
  }
  const rawPerSecond = median(results.map((each) => each.rawPerSecond));
  const ackproofPerSecond = median(results.map((each) => each.ackproofPerSecond));
  return {
    reports,
    rounds: results,
    rawPerSecond,
    ackproofPerSecond,
    ratio: Math.round((ackproofPerSecond / rawPerSecond) * 1000) / 1000,
    // Rounded again: the median of an even count is a mean, which floats print as 0.9500000000000001.
    rawCpuMsPerReport: round1(median(results.map((each) => each.rawCpuMsPerReport))),
    ackproofCpuMsPerReport: round1(median(results.map((each) => each.ackproofCpuMsPerReport))),
    goal: 0.8,
  };
}
