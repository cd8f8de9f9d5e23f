// 3. The certification suite against the reference receiver, as `ackproof certify` runs it: every
// scenario, one seed, in each environment. Embedded includes starting its two PGlite databases.
import { certify } from '../harness/certify/certify.ts';
import type { EnvironmentKind } from '../harness/environments/run-environment.ts';
import { referenceAdapter } from '../harness/run/run-adapters.ts';
import { cpuMs, round1, type ServicesUrls } from './bench-kit.ts';
import { load } from './machine.ts';

export interface CertificationTime {
  readonly environment: EnvironmentKind;
  readonly verdict: string;
  readonly scenarios: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly loadavg1: number;
  readonly goalS: number;
  /** The three slowest scenarios (id, seconds). */
  readonly slowest: readonly { readonly scenario: string; readonly s: number }[];
}

export async function measureCertification(environment: EnvironmentKind, urls: ServicesUrls): Promise<CertificationTime> {
  const started = performance.now();
  const cpu = cpuMs();
  const certification = await certify({ adapter: referenceAdapter, environment, seed: 'bench', ...(environment === 'services' ? urls : {}) });
  return {
    environment,
    verdict: certification.verdict,
    scenarios: certification.scenarios.length,
    wallS: round1((performance.now() - started) / 1000),
    cpuS: round1((cpuMs() - cpu) / 1000),
    loadavg1: load().loadavg1,
    goalS: environment === 'embedded' ? 20 : 60,
    slowest: [...certification.scenarios]
      .sort((a, b) => b.result.wallMs - a.result.wallMs)
      .slice(0, 3)
      .map(({ scenario, result }) => ({ scenario: scenario.id, s: round1(result.wallMs / 1000) })),
  };
}
