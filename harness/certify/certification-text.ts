// A certification for people: the verdict of every scenario, one line each; for one that does not
// hold, the rules it checks, the faults and their evidence, the reports affected (by verdict),
// why, and the command that replays it — the smallest failing schedule first when it was shrunk.
import { FAILING_VERDICTS } from '../../scenarios/checker/index.ts';
import { formatFaultPlans } from '../../scenarios/faults/index.ts';
import type { Certification, CertifiedScenario, FaultCoverage } from './certify.ts';
import type { ScenarioResult } from './run-scenario.ts';

const MARK = { true: '✓', false: '✗', unknown: '?' } as const;
const WORD = { true: 'holds', false: 'FAILS', unknown: 'NO VERDICT' } as const;
const IDS_SHOWN = 10;
const REASONS_SHOWN = 6;

function key(valid: ScenarioResult['valid']): keyof typeof MARK {
  return valid === true ? 'true' : valid === false ? 'false' : 'unknown';
}

function reportCount(count: number): string {
  return `${count} ${count === 1 ? 'report' : 'reports'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function ids(list: readonly string[]): string {
  return list.length > IDS_SHOWN ? `${list.slice(0, IDS_SHOWN).join(', ')} and ${list.length - IDS_SHOWN} more` : list.join(', ');
}

/** What each fault recorded as proof that it fired (its first injection's `what`, and how many). */
function faultLines(result: ScenarioResult): string[] {
  const injections = new Map<string, { count: number; first: unknown }>();
  for (const event of result.events) {
    if (event.event !== 'fault-injected') continue;
    const seen = injections.get(event.faultId);
    injections.set(event.faultId, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? event.evidence });
  }
  return result.check.faults.map((fault) => {
    const seen = injections.get(fault.faultId);
    if (seen === undefined) return `${fault.faultId}: did not fire`;
    const what = typeof seen.first === 'object' && seen.first !== null && 'what' in seen.first ? String((seen.first).what) : JSON.stringify(seen.first);
    return `${fault.faultId}: fired ${seen.count}×, e.g. ${what}${fault.healedSeq === undefined ? '' : '; healed'}`;
  });
}

function affectedLines(result: ScenarioResult): string[] {
  const lines: string[] = [];
  for (const verdict of FAILING_VERDICTS) {
    const reports = result.check.reports[verdict];
    if (reports.length > 0) lines.push(`${verdict} (${reports.length}): ${ids(reports)}`);
  }
  const unexpected = new Map<string, string[]>();
  for (const { reportId, verdict } of result.unexpected) unexpected.set(verdict, [...(unexpected.get(verdict) ?? []), reportId]);
  for (const [verdict, reports] of unexpected) lines.push(`${verdict}, not allowed here (${reports.length}): ${ids(reports)}`);
  return lines;
}

function scenarioBlock(done: CertifiedScenario): string[] {
  const { scenario, result } = done;
  const head = `  ${MARK[key(result.valid)]} ${scenario.id.padEnd(24)} ${WORD[key(result.valid)].padEnd(10)} ${scenario.title} (${seconds(result.wallMs)})`;
  const coverage = done.coverage === undefined ? [] : coverageLines(done.coverage);
  if (result.valid === true) return [head, ...coverage];
  const shown = done.shrunk?.result ?? result;
  const lines = [
    head,
    ...coverage,
    ...scenario.requirements.map((requirement) => `      rule: ${requirement.source}: "${requirement.rule}"`),
    `      schedule: ${reportCount(result.schedule.reports)}; faults ${formatFaultPlans(result.schedule.faults)}`,
  ];
  if (done.shrunk !== undefined) {
    lines.push(
      `      shrunk (${done.shrunk.attempts} runs tried) to the smallest failing schedule: ${reportCount(done.shrunk.smallest.reports)}; faults ${formatFaultPlans(done.shrunk.smallest.faults)}`,
    );
  }
  lines.push(...faultLines(shown).map((line) => `      fault ${line}`));
  lines.push(...affectedLines(shown).map((line) => `      ${line}`));
  lines.push(...shown.reasons.slice(0, REASONS_SHOWN).map((reason) => `      why: ${reason}`));
  if (shown.reasons.length > REASONS_SHOWN) lines.push(`      … and ${shown.reasons.length - REASONS_SHOWN} more reasons (--json has them all)`);
  if (done.replaySmallest !== undefined) lines.push(`      replay (smallest): ${done.replaySmallest}`);
  lines.push(`      replay: ${done.replay}`);
  return lines;
}

/** An exploration's coverage: how many points of how many, and each one that did not hold, with its replay. */
function coverageLines(coverage: FaultCoverage): string[] {
  const failing = coverage.explored.filter((point) => point.valid !== true);
  return [
    `      coverage: ${coverage.explored.length} of ${coverage.points} fault points explored, ${failing.length} not holding`,
    ...failing.flatMap((point) => [
      `      ${point.valid === false ? '✗' : '?'} ${point.point}${point.affectedReports.length === 0 ? '' : `: ${ids(point.affectedReports)}`}`,
      `          replay: ${point.replay}`,
    ]),
  ];
}

export function certificationText(certification: Certification): string {
  const counts = { true: 0, false: 0, unknown: 0 };
  for (const { result } of certification.scenarios) counts[key(result.valid)] += 1;
  const total = certification.scenarios.length;
  const skipped = certification.notApplicable.length;
  const applied = skipped === 0 ? '' : ` that applied; ${skipped} did not apply to this receiver and were not run (not passed)`;
  const summary =
    certification.verdict === 'certified'
      ? `CERTIFIED: all ${total} scenarios hold${applied}`
      : certification.verdict === 'not certified'
        ? `NOT CERTIFIED: ${counts.false} of ${total} scenarios fail${counts.unknown > 0 ? `, ${counts.unknown} without a verdict` : ''}${applied}`
        : total === 0
          ? `NO VERDICT: not one scenario applied to this receiver, so nothing was checked`
          : `NO VERDICT: ${counts.unknown} of ${total} scenarios could not reach a verdict (no scenario failed); see why above${applied}`;
  return [
    `ackproof certify: adapter ${certification.adapter}, ${certification.environment}, seed ${certification.seed}`,
    ...(certification.identity?.digest === undefined ? [] : [`  receiver under test: ${certification.identity.kind} ${certification.identity.image ?? certification.identity.command ?? certification.identity.spec}, ${certification.identity.digest}`]),
    ...certification.scenarios.flatMap(scenarioBlock),
    ...notApplicableLines(certification),
    '',
    `${summary} (${seconds(certification.wallMs)})`,
  ].join('\n');
}

/** The scenarios that did not apply, each with why: never run, never counted as passed. */
function notApplicableLines(certification: Certification): string[] {
  if (certification.notApplicable.length === 0) return [];
  return [
    '',
    `  Not applicable to ${certification.adapter} — not run, not passed (${certification.notApplicable.length}):`,
    ...certification.notApplicable.flatMap(({ scenario, why }) => [`  – ${scenario.id.padEnd(24)} ${scenario.title}`, `      why: ${why}`]),
  ];
}

/** One line as a scenario finishes, for progress on stderr. */
export function progressLine(done: CertifiedScenario): string {
  return `ackproof certify: ${MARK[key(done.result.valid)]} ${done.scenario.id} (${seconds(done.result.wallMs)})`;
}
