// The run's summary as a short table for people; `--json` prints the summary itself instead.
import type { RunSummary } from './run-summary.ts';

const VERDICT_TEXT = {
  pass: 'PASS: every report LEVERT by mottatt, stored once, content equal to what was sent',
  fail: 'FAIL: not every report ended LEVERT by mottatt, stored once and exactly as sent',
  unknown: 'NO ANSWER: the run could not reach a verdict',
} as const;

export function formatSummaryTable(summary: RunSummary, replay: string): string {
  const rows: (readonly [string, string])[] = [
    ['reports', `${summary.reports} (seed ${summary.seed})`],
    ['sent', `${summary.sent} (${summary.sends} sends)`],
    ['delivered', `${summary.delivered} (${summary.deliveries} deliveries, ${summary.redeliveries} redelivered)`],
    ['stored', `${summary.stored}`],
    ['duplicates', `${summary.duplicates}`],
    ['content equal', `${summary.contentEqual}${summary.readBackUnknown > 0 ? ` (${summary.readBackUnknown} read-backs unknown)` : ''}`],
    ['receipts', Object.entries(summary.receipts).map(([kind, count]) => `${kind} ${count}`).join(', ')],
    [
      'portal states',
      `${Object.entries(summary.portalStates)
        .filter(([, count]) => count > 0)
        .map(([state, count]) => `${state} ${count}`)
        .join(', ')} (LEVERT by mottatt ${summary.leveredByMottatt}, by post ${summary.leveredByPost})`,
    ],
    ['time', timeText(summary)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    `ackproof run: adapter ${summary.adapter}, ${summary.environment}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    '',
    VERDICT_TEXT[summary.verdict],
    ...summary.problems.map((problem) => `  - ${problem}`),
    `replay: ${replay}`,
  ];
  return lines.join('\n');
}

function timeText(summary: RunSummary): string {
  const { timing } = summary;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const virtual = summary.virtualMs === null ? '' : `, ${seconds(summary.virtualMs)} virtual`;
  return (
    `${seconds(timing.wallMs)} wall (prepare ${seconds(timing.prepareMs)}, deliver ${seconds(timing.deliverMs)}, read back ${seconds(timing.readBackMs)}${virtual}); ` +
    `${timing.reportsPerSecond} reports/s end to end, ${timing.deliveredPerSecond} reports/s delivered`
  );
}
