// junit.xml for a vendor's CI: one test case per scenario of the suite — a failure carries the
// verdict and the affected report ids, a scenario without a verdict is an error (never a pass),
// and a scenario that did not apply to this receiver is skipped with the reason.
import type { CertificationReport, ReportScenario } from './report-json.ts';

/** XML 1.0 text: the five entities escaped, characters XML cannot hold at all removed. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function affectedSummary(scenario: ReportScenario): string {
  const parts = Object.entries(scenario.affected).map(([verdict, ids]) => `${verdict} ${ids.length}: ${ids.join(', ')}`);
  for (const { reportId, verdict } of scenario.unexpected) parts.push(`${verdict} (not allowed here): ${reportId}`);
  return parts.join('; ');
}

function testCase(report: CertificationReport, scenario: ReportScenario): string {
  const open = `    <testcase classname="ackproof.${xmlText(report.receiver.adapter)}" name="${xmlText(`${scenario.id}: ${scenario.title}`)}" time="${seconds(scenario.timings.wallMs)}"`;
  if (scenario.valid === true) return `${open}/>`;
  const body = [...scenario.reasons, `requirements: ${scenario.requirements.join(', ')}`, `replay: ${scenario.shrunk?.replay ?? scenario.replay}`].join('\n');
  const element =
    scenario.valid === false
      ? `<failure type="${xmlText(Object.keys(scenario.affected).join(',') || 'not certified')}" message="${xmlText(`fails: ${affectedSummary(scenario) || scenario.reasons[0] || 'see report.json'}`)}">`
      : `<error type="no verdict" message="${xmlText(`no verdict: ${scenario.reasons[0] ?? 'the run could not be judged'}`)}">`;
  const close = scenario.valid === false ? '</failure>' : '</error>';
  return `${open}>\n      ${element}${xmlText(body)}${close}\n    </testcase>`;
}

export function junitXml(report: CertificationReport): string {
  const failures = report.scenarios.filter((scenario) => scenario.valid === false).length;
  const errors = report.scenarios.filter((scenario) => scenario.valid === 'unknown').length;
  const skipped = report.notApplicable.length;
  const tests = report.scenarios.length + skipped;
  const attributes = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.timings.wallMs)}"`;
  const suiteName = xmlText(`ackproof certify: ${report.receiver.adapter}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ackproof certify" ${attributes}>`,
    `  <testsuite name="${suiteName}" ${attributes} timestamp="${xmlText(report.generatedAt)}">`,
    '    <properties>',
    `      <property name="verdict" value="${xmlText(report.verdict)}"/>`,
    `      <property name="seed" value="${xmlText(report.seed)}"/>`,
    `      <property name="environment" value="${xmlText(report.environment.kind)}"/>`,
    `      <property name="ackproof" value="${xmlText(report.ackproof.version)}"/>`,
    '    </properties>',
    ...report.scenarios.map((scenario) => testCase(report, scenario)),
    ...report.notApplicable.map(
      (scenario) =>
        `    <testcase classname="ackproof.${xmlText(report.receiver.adapter)}" name="${xmlText(`${scenario.id}: ${scenario.title}`)}" time="0">\n      <skipped message="${xmlText(`not applicable: ${scenario.why}`)}"/>\n    </testcase>`,
    ),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
