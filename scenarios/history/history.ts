// The run's history: append-only and ordered. `seq` is the order events were appended (the order
// the checker reads them in); `at` is the run's clock (virtual in the embedded mode), for timelines
// and for replay. Events are frozen when appended: a history that could be edited after the fact
// would not be evidence.
import type { HistoryEvent, HistoryEventBody } from './history-event.ts';
import { historyJsonLine, writeHistoryFile } from './history-file.ts';

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
  /** Streams the history to `path` through a temporary file and a rename: never half a history. */
  writeTo(path: string): Promise<void>;
}

export function createHistory(clock: HistoryClock): History {
  const recorded: HistoryEvent[] = [];
  return {
    append(event) {
      const stamped = Object.freeze({ ...event, seq: recorded.length, at: clock.now() }) as HistoryEvent;
      recorded.push(stamped);
      return stamped;
    },
    events: () => recorded,
    toJsonLines: () => recorded.map(historyJsonLine).join(''),
    writeTo: (path) => writeHistoryFile(recorded, path),
  };
}
