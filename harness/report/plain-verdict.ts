// The verdict in one sentence a non-engineer understands, first on the HTML page and in report.json.
// Lost reports come first: that is the failure the harness exists for (DESIGN.md).
import { FAILING_VERDICTS, type FailingVerdict } from '../../scenarios/checker/index.ts';
import { SUITE } from '../../scenarios/suite/suite.ts';
import type { Certification } from '../certify/certify.ts';

// Partial: a failing verdict the checker adds later is named by its own word until it gets plainer ones.
const WORDS: Readonly<Partial<Record<FailingVerdict | 'wrongly-refused', string>>> = {
  lost: 'lost',
  misattributed: 'answered with a receipt that named the wrong message',
  duplicated: 'stored more than once',
  misrouted: 'stored where the responsible municipality or district cannot see them',
  unanswered: 'never answered (the portal falls back to letter post after two working days)',
  'wrongly-refused': 'refused (answered feilet) although nothing was wrong with them',
};

function scenarios(count: number): string {
  return count === 1 ? '1 scenario' : `${count} scenarios`;
}

/** When the run left scenarios of the suite out (--scenario), the sentence says so: a subset certifies a subset. */
function subsetNote(certification: Certification): string {
  const considered = certification.scenarios.length + certification.notApplicable.length;
  return considered < SUITE.length ? ` Only ${considered} of the ${SUITE.length} scenarios of ackproof's suite ${considered === 1 ? 'was' : 'were'} run.` : '';
}

function reports(count: number): string {
  return count === 1 ? '1 report was' : `${count} reports were`;
}

/** Reports in each failing verdict over every scenario (a report counts in each scenario it failed in). */
export function failingCounts(certification: Certification): Record<FailingVerdict, number> {
  const counts = Object.fromEntries(FAILING_VERDICTS.map((verdict) => [verdict, 0])) as Record<FailingVerdict, number>;
  for (const { result } of certification.scenarios) for (const verdict of FAILING_VERDICTS) counts[verdict] += result.check.counts[verdict];
  return counts;
}

export function plainVerdict(certification: Certification): string {
  const total = certification.scenarios.length;
  const faulted = certification.scenarios.filter(({ result }) => result.schedule.faults.length > 0).length;
  if (certification.verdict === 'certified') {
    const faults = faulted === 0 ? 'with no fault injected' : total === 1 ? 'with faults injected' : `${faulted} of them with faults injected`;
    return `This receiver did not lose any report it had acknowledged: ${total === 1 ? 'the 1 scenario run held' : `all ${total} scenarios held`}, ${faults}.${subsetNote(certification)}`;
  }
  if (certification.verdict === 'no verdict') {
    const unknown = certification.scenarios.filter(({ result }) => result.valid !== true).length;
    return `ackproof could not reach a verdict on this receiver: ${unknown} of ${scenarios(total)} could not be judged, and none failed. This is not a pass.${subsetNote(certification)}`;
  }
  const counts = failingCounts(certification);
  const failed = certification.scenarios.filter(({ result }) => result.valid === false).length;
  const others = FAILING_VERDICTS.filter((verdict) => verdict !== 'lost' && counts[verdict] > 0).map((verdict) => `${reports(counts[verdict])} ${WORDS[verdict] ?? verdict}`);
  if (counts.lost > 0) {
    return `This receiver can lose a report it has acknowledged: ${reports(counts.lost)} lost${others.length > 0 ? `, and ${others.join('; ')}` : ''} (${failed} of ${scenarios(total)} failed).`;
  }
  if (others.length > 0) return `This receiver did not lose an acknowledged report in these tests, but it mishandled reports: ${others.join('; ')} (${failed} of ${scenarios(total)} failed).`;
  return `This receiver is not certified: ${failed} of ${scenarios(total)} failed (see each scenario for why).`;
}
