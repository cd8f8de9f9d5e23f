// A history on disk: JSON lines, one event each, in seq order. Written through a temporary file in
// the same folder and renamed into place, so a reader (or a crashed run's report folder) never
// sees half a history; streamed in chunks, so a million events never become one string.
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { HistoryEvent } from './history-event.ts';
import { historyEventProblem } from './history-event-shape.ts';

/** A history file (or text) that is not a history; names the file and the 1-based line. */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  readonly file: string;
  readonly line: number | undefined;
  constructor(message: string, file: string, line?: number) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

const CHUNK_CHARACTERS = 1 << 20;
let temporaryCounter = 0;

export function historyJsonLine(event: HistoryEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export async function writeHistoryFile(events: Iterable<HistoryEvent>, path: string): Promise<void> {
  temporaryCounter += 1;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${temporaryCounter}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      let chunk = '';
      for (const event of events) {
        chunk += historyJsonLine(event);
        if (chunk.length >= CHUNK_CHARACTERS) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      if (chunk !== '') await handle.write(chunk);
      // The rename must not publish a file whose bytes are still only in the page cache.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new HistoryFileError(`writeHistory: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}. Is the folder there and writable?`, path);
  }
}

function parseLine(text: string, file: string, line: number, previousSeq: number): HistoryEvent {
  const fail = (problem: string): HistoryFileError =>
    new HistoryFileError(
      `readHistory: ${file}:${line}: ${problem}. A history file holds one JSON event per line in seq order, as History.writeTo writes it; was it edited or cut short?`,
      file,
      line,
    );
  if (text.trim() === '') throw fail('empty line');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = historyEventProblem(value);
  if (problem !== undefined) throw fail(problem);
  const event = value as HistoryEvent;
  if (event.seq <= previousSeq) throw fail(`seq ${event.seq} does not come after the previous line's ${previousSeq}`);
  return event;
}

/** Parses JSON lines held in memory; `source` names them in errors. */
export function parseHistoryJsonLines(text: string, source = '(history text)'): HistoryEvent[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const events: HistoryEvent[] = [];
  lines.forEach((lineText, index) => {
    events.push(parseLine(lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText, source, index + 1, events.at(-1)?.seq ?? -1));
  });
  return events;
}

export async function readHistory(path: string): Promise<HistoryEvent[]> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const events: HistoryEvent[] = [];
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      events.push(parseLine(text, path, line, events.at(-1)?.seq ?? -1));
    }
  } catch (error) {
    if (error instanceof HistoryFileError) throw error;
    throw new HistoryFileError(`readHistory: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, path);
  } finally {
    lines.close();
    stream.destroy();
  }
  return events;
}
