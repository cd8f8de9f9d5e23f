// The national year, in a process of its own so its peak memory is its own: N reports (56,802 in
// 2020) through services mode with the random-faults scenario's schedule (faults drawn from the
// seed: crashes, storage and send-API faults, redeliveries) and the checker judging the whole
// history at the end. Prints one JSON line.
//
//   node bench/national-year-child.ts <reports>
import { runScenario } from '../harness/certify/run-scenario.ts';
import { referenceAdapter } from '../harness/run/run-adapters.ts';
import { checkHistory } from '../scenarios/checker/index.ts';
import { SUITE } from '../scenarios/suite/suite.ts';
import { servicesUrls } from './bench-kit.ts';

const reports = Number(process.argv[2]);
if (!Number.isSafeInteger(reports) || reports < 1) {
  console.error(`national-year-child: the first argument must be how many reports (a whole number ≥ 1), got ${JSON.stringify(process.argv[2])}`);
  process.exit(2);
}
const scenario = SUITE.find((each) => each.id === 'random-faults');
if (scenario === undefined) throw new Error('national-year-child: the suite has no random-faults scenario');

const started = performance.now();
const result = await runScenario({
  scenario,
  adapter: referenceAdapter,
  environment: 'services',
  seed: 'bench national year',
  override: { reports },
  wallMs: Math.max(120_000, reports * 100),
  ...servicesUrls(),
});
const wallMs = performance.now() - started;
const checkStarted = performance.now();
checkHistory(result.events, { expectedReports: reports });
const checkMs = performance.now() - checkStarted;
console.log(
  JSON.stringify({
    reports,
    valid: result.valid,
    finished: result.finished,
    reasons: result.reasons.slice(0, 3),
    faults: result.schedule.faults.map((plan) => plan.fault),
    events: result.events.length,
    wallMs: Math.round(wallMs),
    checkMs: Math.round(checkMs),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
