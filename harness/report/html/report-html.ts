// report.html: one self-contained page a regulator can read and file. The verdict first, in one
// plain sentence; then who was tested, when, on what; the requirements and whether each held; for
// each failure the timelines of affected reports and the command that replays it; the scenarios
// that did not apply; coverage; the evidence's digests. No script, no external file, no request:
// a Content-Security-Policy forbids them, so the page shows the same offline, in ten years.
import type { Certification, CertifiedScenario } from '../../certify/certify.ts';
import type { CertificationReport, ReportScenario } from '../report-json.ts';
import { type Html, html } from './escape-html.ts';
import { REPORT_CSS } from './report-css.ts';
import { type Timeline, reportTimeline } from './report-timeline.ts';

/** Timelines drawn per failing scenario, and in all: enough to show the pattern, few enough to print. */
export const TIMELINES_PER_SCENARIO = 3;
export const TIMELINES_IN_ALL = 12;
const IDS_LISTED = 30;

const VERDICT_WORD = { certified: 'CERTIFIED', 'not certified': 'NOT CERTIFIED', 'no verdict': 'NO VERDICT' } as const;

function slug(text: string): string {
  return text.replaceAll(' ', '-');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
}

function receiverFacts(report: CertificationReport): Html[] {
  const { receiver } = report;
  const rows: [string, string | undefined][] = [
    ['Receiver under test', `${receiver.adapter} — ${receiver.description}`],
    ['How it was run', `${receiver.kind}: ${receiver.spec}`],
    ['Command', receiver.command],
    ['Image', receiver.image],
    ['Digest', receiver.digest],
    ['Receiver version', receiver.version],
  ];
  return rows.filter(([, value]) => value !== undefined).map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>`);
}

function factsTable(report: CertificationReport): Html {
  const { environment } = report;
  return html`<table class="facts"><tbody>
${receiverFacts(report)}
<tr><th>Date</th><td>${report.generatedAt}</td></tr>
<tr><th>Tested with</th><td>ackproof ${report.ackproof.version} on Node ${environment.node}</td></tr>
<tr><th>Environment</th><td>${environment.kind}: ${environment.transport.name} ${environment.transport.version}; ${environment.database.name} ${environment.database.version}</td></tr>
<tr><th>Seed</th><td><code>${report.seed}</code> (every run replays from it)</td></tr>
<tr><th>What was tested</th><td>${report.scenarios.length} scenario(s), ${report.scenarios.reduce((sum, scenario) => sum + scenario.reports, 0)} synthetic reports in all${report.notApplicable.length > 0 ? `; ${report.notApplicable.length} scenario(s) did not apply` : ''}</td></tr>
<tr><th>Signature</th><td>Ed25519 key <code>${report.signature.keyId}</code> (${report.signature.keyKind}). ${report.signature.note}</td></tr>
</tbody></table>`;
}

function requirementsTable(report: CertificationReport): Html {
  const rows = report.requirements.map(
    (requirement) => html`<tr>
<td><code>${requirement.id}</code></td>
<td>${requirement.text}</td>
<td>${requirement.source}<br><span class="muted">${requirement.reference}</span></td>
<td>${requirement.level}</td>
<td>${requirement.scenarios.length === 0 ? html`<span class="muted">none in this run</span>` : requirement.scenarios.join(', ')}</td>
<td class="status status--${slug(requirement.status)}">${requirement.status}</td>
</tr>`,
  );
  const uncovered =
    report.requirementsNotCovered.length === 0
      ? html`<p>Every requirement in the table is checked by at least one scenario of ackproof's suite.</p>`
      : html`<p class="status status--not-tested">No scenario of ackproof's suite checks: ${report.requirementsNotCovered.join(', ')}.</p>`;
  return html`<table><thead><tr><th>Id</th><th>Requirement</th><th>Source</th><th>Level</th><th>Scenarios</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>${uncovered}`;
}

function countsText(scenario: ReportScenario): string {
  return Object.entries(scenario.counts)
    .map(([verdict, count]) => `${verdict} ${count}`)
    .join(', ');
}

function scenariosTable(report: CertificationReport): Html {
  const rows = report.scenarios.map(
    (scenario) => html`<tr>
<td><code>${scenario.id}</code></td><td>${scenario.title}</td>
<td class="status status--${slug(scenario.verdict)}">${scenario.verdict}</td>
<td>${scenario.reports}</td><td><code>${scenario.faults}</code></td><td>${countsText(scenario)}</td><td>${seconds(scenario.timings.wallMs)}</td>
</tr>`,
  );
  return html`<table><thead><tr><th>Scenario</th><th>What happens</th><th>Result</th><th>Reports</th><th>Faults</th><th>Outcome per report</th><th>Time</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function timelineHtml(timeline: Timeline): Html {
  const steps = timeline.steps.map((step) => html`<li class="step--${step.kind}"><span class="when">+${seconds(step.at)}</span> ${step.text}</li>`);
  return html`<h4>Report <code>${timeline.reportId}</code></h4><ol class="timeline" data-report="${timeline.reportId}">${steps}</ol>${
    timeline.omitted > 0 ? html`<p class="muted">${timeline.omitted} more step(s) of this report are in history.jsonl.</p>` : ''
  }`;
}

/** For a scenario explored point by point: each fault point that failed, its reports and the command that replays it. */
function failingPoints(scenario: ReportScenario): Html | string {
  const failing = scenario.coverage?.pointsExplored.filter((point) => point.valid === false) ?? [];
  if (failing.length === 0) return '';
  return html`<p>Fault points where it failed (${failing.length} of ${scenario.coverage?.explored ?? 0} explored):</p><ul>${failing.map(
    (point) => html`<li>${point.point}${point.affectedReports.length > 0 ? ` — reports ${point.affectedReports.join(', ')}` : ''}<pre><code>${point.replay}</code></pre></li>`,
  )}</ul>`;
}

function failureSection(scenario: ReportScenario, done: CertifiedScenario | undefined, budget: { left: number }): Html {
  const affected = Object.entries(scenario.affected).flatMap(([verdict, ids]) => ids.map((id) => ({ verdict, id })));
  const unexpected = scenario.unexpected.map(({ reportId, verdict }) => ({ verdict: `${verdict} (not allowed here)`, id: reportId }));
  const all = [...affected, ...unexpected];
  const drawable = Math.max(0, Math.min(TIMELINES_PER_SCENARIO, budget.left, all.length));
  budget.left -= drawable;
  const events = done?.result.events ?? [];
  const timelines = all.slice(0, drawable).map(({ verdict, id }) => html`<p><strong>${verdict}</strong></p>${timelineHtml(reportTimeline(events, id))}`);
  const listed = all.slice(0, IDS_LISTED).map(({ verdict, id }) => `${id} (${verdict})`);
  return html`<section class="failure" id="failure-${scenario.id}">
<h3>${scenario.verdict === 'fails' ? 'Failed' : 'No verdict'}: <code>${scenario.id}</code> — ${scenario.title}</h3>
<p>Checks: ${scenario.requirements.join(', ')}. Must hold: ${scenario.mustHold.join('; ')}.</p>
<ul>${scenario.reasons.slice(0, 8).map((reason) => html`<li>${reason}</li>`)}</ul>
${scenario.reasons.length > 8 ? html`<p class="muted">${scenario.reasons.length - 8} more reason(s) in report.json.</p>` : ''}
${all.length > 0 ? html`<p>Reports affected (${all.length}): ${listed.join(', ')}${all.length > IDS_LISTED ? ` and ${all.length - IDS_LISTED} more` : ''}.</p>` : ''}
${
  drawable < all.length
    ? html`<p class="muted">Timelines are drawn for ${drawable} of the ${all.length} affected report(s) (at most ${TIMELINES_PER_SCENARIO} per scenario and ${TIMELINES_IN_ALL} in the report); every event of every report is in history.jsonl.</p>`
    : ''
}
${timelines}
${failingPoints(scenario)}
<p>Replay this run:</p><pre><code>${scenario.replay}</code></pre>
${scenario.shrunk === undefined ? '' : html`<p>The smallest failing schedule found (${scenario.shrunk.reports} reports, faults <code>${scenario.shrunk.faults}</code>):</p><pre><code>${scenario.shrunk.replay}</code></pre>`}
</section>`;
}

function coverageSection(report: CertificationReport): Html {
  const rows = report.scenarios.map((scenario) => {
    const evidence = scenario.faultEvidence.map((fault) => `${fault.name}: ${fault.fired ? 'fired' : 'did not fire'}${fault.healed ? ', healed' : ''}`).join('; ');
    const explored = scenario.coverage === undefined ? '' : `${scenario.coverage.explored} of ${scenario.coverage.points} fault points explored, ${scenario.coverage.failingPoints} failing`;
    return html`<tr><td><code>${scenario.id}</code></td><td>${evidence || 'no fault injected'}</td><td>${explored || html`<span class="muted">—</span>`}</td></tr>`;
  });
  return html`<table><thead><tr><th>Scenario</th><th>Faults and the evidence they fired</th><th>Exhaustive exploration</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function reportHtml(report: CertificationReport, certification: Certification): string {
  const failing = report.scenarios.filter((scenario) => scenario.valid !== true);
  const budget = { left: TIMELINES_IN_ALL };
  const runs = new Map(certification.scenarios.map((done) => [done.scenario.id, done]));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ackproof certification — ${report.receiver.adapter}: ${VERDICT_WORD[report.verdict]}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header class="verdict verdict--${slug(report.verdict)}" id="verdict">
<p class="verdict-word">${VERDICT_WORD[report.verdict]}</p>
<h1>${report.summary}</h1>
</header>
<h2 id="what">What was tested</h2>
<p>ackproof sent synthetic concern reports (no real person's data) to the receiver through a simulated portal and Fiks IO, injected faults while it worked, and then asked the receiver what it had actually stored. A receiver passes only if no report it answered "received" (mottatt) was lost, and every report ended as the protocol requires.</p>
${factsTable(report)}
<h2 id="requirements">Requirements</h2>
${requirementsTable(report)}
<h2 id="scenarios">Scenarios</h2>
${scenariosTable(report)}
${
  failing.length === 0
    ? ''
    : html`<h2 id="failures">What went wrong</h2>${failing.map((scenario) => failureSection(scenario, runs.get(scenario.id), budget))}`
}
<h2 id="not-applicable">Scenarios that did not apply</h2>
${
  report.notApplicable.length === 0
    ? html`<p>None: every scenario run applied to this receiver.</p>`
    : html`<p>These scenarios could not be run against this receiver. They are not counted as passed.</p><ul>${report.notApplicable.map((scenario) => html`<li><code>${scenario.id}</code> — ${scenario.title}: ${scenario.why}</li>`)}</ul>`
}
<h2 id="coverage">Coverage</h2>
${coverageSection(report)}
<h2 id="evidence">Evidence</h2>
<p>The complete history of every run is in <code>history.jsonl</code> beside this page; <code>report.json</code> holds every number; the files are signed (<code>signature.dsse.json</code>). Check that nothing was changed with:</p>
<pre><code>npx ackproof verify-report &lt;this folder&gt;</code></pre>
<p>Contracts the run used:</p>
<ul>${report.pacts.map((pact) => html`<li><code>${pact.file}</code> sha256 <code>${pact.sha256}</code></li>`)}</ul>
<footer>ackproof ${report.ackproof.version} · report format ${report.reportVersion} · ${report.generatedAt}</footer>
</main>
</body>
</html>
`;
  return page.text;
}
