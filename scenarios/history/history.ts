// The run's history: append-only and ordered. `seq` is the order events were appended (the order
// the checker reads them in); `at` is the run's clock (virtual in the embedded mode), for timelines
// and for replay. Events are frozen when appended: a history that could be edited after the fact
// would not be evidence. Report content is held once per report, as the text the portal sent
// (shared-content.ts): a read-back whose stored copy has the digest of what was sent reads its
// bekymringsmelding from that text instead of keeping a parsed copy of its own.
import type { HistoryEvent, HistoryEventBody } from './history-event.ts';
import { historyJsonLine, writeHistoryFile } from './history-file.ts';
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import type { KeptText } from './kept-text.ts';
import { contentTextOf, frozenCopy, shareReadBack } from './shared-content.ts';

export interface HistoryClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface History {
  /** Stamps the event with the next seq and the clock's now, and returns it as recorded. */
  append(event: HistoryEventBody): HistoryEvent;
  /** Every event so far, in order (a read-only view, not a copy). */
  events(): readonly HistoryEvent[];
  /** One JSON object per line, each line ending in a newline. */
  toJsonLines(): string;
  /**
   * `readBack` of report `reportId` as a read-back event appended now would hold it: over the text
   * the report was sent with when its stored copy has that digest, as it came otherwise.
   */
  keepReadBack(reportId: string, readBack: ReadBack): ReadBack;
  /** Streams the history to `path` through a temporary file and a rename: never half a history. */
  writeTo(path: string): Promise<void>;
}

export function createHistory(clock: HistoryClock): History {
  const recorded: HistoryEvent[] = [];
  /** Each report's first report-submitted, when its content was kept as the sent text. */
  const sentTexts = new Map<string, { readonly text: KeptText; readonly contentSha256: string }>();
  const keepReadBack = (reportId: string, readBack: ReadBack): ReadBack => {
    const sent = sentTexts.get(reportId);
    return sent === undefined ? readBack : shareReadBack(readBack, sent.text, sent.contentSha256);
  };
  return {
    keepReadBack,
    append(event) {
      let body = event;
      if (event.event === 'read-back' && event.readBack !== undefined) body = { ...event, readBack: keepReadBack(event.reportId, event.readBack) };
      const stamped = frozenCopy(body, { seq: recorded.length, at: clock.now() }) as HistoryEvent;
      if (stamped.event === 'report-submitted' && !sentTexts.has(stamped.reportId)) {
        const text = contentTextOf(stamped);
        if (text !== undefined) sentTexts.set(stamped.reportId, { text, contentSha256: stamped.contentSha256 });
      }
      recorded.push(stamped);
      return stamped;
    },
    events: () => recorded,
    toJsonLines: () => recorded.map(historyJsonLine).join(''),
    writeTo: (path) => writeHistoryFile(recorded, path),
  };
}
