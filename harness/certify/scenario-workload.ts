// The reports of one scenario run: generated from the run's seed and the scenario's id, report i
// always the same report whatever the count (so halving a workload keeps its first half), shaped
// by the workload (long texts) and by what the faults need (v1 types).
import type { FaultNeeds } from '../../scenarios/faults/fault.ts';
import type { Workload } from '../../scenarios/suite/scenario.ts';
import { type GeneratedReport, type ReportOptions, reportsMadeOnRead } from '../../scenarios/workloads/index.ts';

export function workloadSeed(seed: string, scenarioId: string): string {
  return `${seed}/${scenarioId}`;
}

export function scenarioReports(seed: string, scenarioId: string, workload: Workload, reports: number, needs: readonly FaultNeeds[]): GeneratedReport[] {
  // Made again when read: a national year's reports as generated would not fit in memory at once.
  return reportsMadeOnRead(workloadSeed(seed, scenarioId), reports, (index) => {
    const long = workload.longText !== undefined && index % workload.longText.every === 0 ? workload.longText.characters : undefined;
    const textLength = long ?? workload.textLength;
    let options: ReportOptions = textLength === undefined ? {} : { textLength };
    for (const need of needs) options = { ...options, ...need.reportOptions?.(index) };
    return options;
  });
}

/** The workload in `batches` batches of (nearly) equal size, in order. */
export function inBatches<T>(items: readonly T[], batches: number): T[][] {
  const count = Math.max(1, Math.min(batches, items.length));
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, index) => items.slice(index * size, (index + 1) * size)).filter((batch) => batch.length > 0);
}
