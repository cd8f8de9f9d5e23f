// A certification as plain JSON (`certify --json`): everything the text shows and more, without
// the histories themselves (`--history <dir>` writes those, one JSON-lines file per scenario).
import type { Certification, CertifiedScenario } from './certify.ts';
import type { ScenarioResult } from './run-scenario.ts';

function resultJson(result: ScenarioResult): Record<string, unknown> {
  return {
    valid: result.valid,
    reasons: result.reasons,
    schedule: result.schedule,
    finished: result.finished,
    counts: Object.fromEntries(Object.entries(result.check.counts).filter(([, count]) => count > 0)),
    reports: Object.fromEntries(Object.entries(result.check.reports).filter(([verdict, list]) => list.length > 0 && verdict !== 'ok')),
    unexpected: result.unexpected,
    allowedVerdicts: result.allowedVerdicts,
    faults: result.check.faults,
    events: result.events.length,
    wallMs: result.wallMs,
    virtualMs: result.virtualMs,
  };
}

function scenarioJson(done: CertifiedScenario): Record<string, unknown> {
  return {
    id: done.scenario.id,
    title: done.scenario.title,
    requirements: done.scenario.requirements,
    mustHold: done.scenario.mustHold,
    ...resultJson(done.result),
    replay: done.replay,
    ...(done.shrunk === undefined
      ? {}
      : { shrunk: { attempts: done.shrunk.attempts, original: done.shrunk.original, smallest: done.shrunk.smallest, result: resultJson(done.shrunk.result), replay: done.replaySmallest } }),
    // An exploration's points: each with its validity, affected reports and replay.
    ...(done.coverage === undefined ? {} : { coverage: done.coverage }),
  };
}

export function certificationJson(certification: Certification): Record<string, unknown> {
  return {
    adapter: certification.adapter,
    environment: certification.environment,
    seed: certification.seed,
    verdict: certification.verdict,
    valid: certification.valid,
    wallMs: certification.wallMs,
    ...(certification.identity === undefined ? {} : { receiver: certification.identity }),
    scenarios: certification.scenarios.map(scenarioJson),
    // Never run, never passed: the verdict above is about the scenarios that applied.
    notApplicable: certification.notApplicable.map(({ scenario, why }) => ({ id: scenario.id, title: scenario.title, why })),
  };
}
