// The certification engine's public API: run one scenario, certify an adapter against the suite,
// shrink a failing randomized run, and the replay command that reproduces a run.
export { type Certification, type CertificationVerdict, type CertifiedScenario, type CertifyOptions, certificationVerdict, certify } from './certify.ts';
export { certificationJson } from './certification-json.ts';
export { certificationText, progressLine } from './certification-text.ts';
export { replayCommand } from './replay-command.ts';
export { type ScenarioResult, type ScenarioRunOptions, type UnexpectedVerdict, runScenario } from './run-scenario.ts';
export { type ScenarioSchedule, type ScheduleOverride, faultId, scheduleFor } from './scenario-schedule.ts';
export { inBatches, scenarioReports, workloadSeed } from './scenario-workload.ts';
export { DEFAULT_SHRINK_ATTEMPTS, type ShrinkOutcome, shrinkFailure } from './shrink.ts';
