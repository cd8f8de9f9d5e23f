// 5. Embedded against services: the same N reports (same seed) through `runReports` with the
// reference receiver in each environment, in reports per second — over the whole run (generating
// the reports and their PDFs included) and over the delivery alone (first send to last final).
import { openRunEnvironment, type EnvironmentKind } from '../harness/environments/run-environment.ts';
import { runReports } from '../harness/run/run-reports.ts';
import { cpuMs, round1, type ServicesUrls } from './bench-kit.ts';
import { load } from './machine.ts';

export interface ModeRate {
  readonly environment: EnvironmentKind;
  readonly reports: number;
  readonly verdict: string;
  readonly wallS: number;
  readonly cpuS: number;
  readonly reportsPerSecond: number;
  readonly deliveredPerSecond: number;
  readonly prepareS: number;
  readonly loadavg1: number;
}

export async function measureMode(environment: EnvironmentKind, reports: number, urls: ServicesUrls): Promise<ModeRate> {
  const seed = 'bench modes';
  const cpu = cpuMs();
  const opened = await openRunEnvironment({ kind: environment, seed, ...(environment === 'services' ? urls : {}) });
  try {
    const summary = await runReports({ environment: opened, reports, seed, adapter: 'reference' });
    return {
      environment,
      reports,
      verdict: summary.verdict,
      wallS: round1(summary.timing.wallMs / 1000),
      cpuS: round1((cpuMs() - cpu) / 1000),
      reportsPerSecond: summary.timing.reportsPerSecond,
      deliveredPerSecond: summary.timing.deliveredPerSecond,
      prepareS: round1(summary.timing.prepareMs / 1000),
      loadavg1: load().loadavg1,
    };
  } finally {
    await opened.close();
  }
}
