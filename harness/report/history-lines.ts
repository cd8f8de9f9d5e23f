// history.jsonl: the evidence — every scenario's history in one file, one event a line, each line
// tagged with the scenario it belongs to (and `run: "smallest"` for a shrunk run's smallest
// failing run), so a reader can split it back into the histories the checker judged.
import type { Certification } from '../certify/certify.ts';
import type { HistoryEvent } from '../../scenarios/history/index.ts';

export type TaggedHistoryLine = { readonly scenario: string; readonly run: 'first' | 'smallest' } & HistoryEvent;

export function* taggedHistoryLines(certification: Certification): Generator<string> {
  for (const done of certification.scenarios) {
    for (const event of done.result.events) yield `${JSON.stringify({ scenario: done.scenario.id, run: 'first', ...event })}\n`;
    if (done.shrunk !== undefined) for (const event of done.shrunk.result.events) yield `${JSON.stringify({ scenario: done.scenario.id, run: 'smallest', ...event })}\n`;
  }
}
