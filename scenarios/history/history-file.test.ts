import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyBuilder } from '../checker/history-test-kit.ts';
import { HistoryFileError, parseHistoryJsonLines, readHistory, writeHistoryFile } from './history-file.ts';

async function inTemporaryFolder(use: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'ackproof-history-'));
  try {
    await use(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function sampleRun(): ReturnType<typeof historyBuilder> {
  const run = historyBuilder();
  run.faultInjected('crash-after-commit', { killed: 'receiver', afterCommitOf: 'r1/m1' });
  run.correctReport('r1');
  run.append({ event: 'receipt', kind: 'unreadable', detail: 'no svar-til header' });
  run.readBack('r1', 'as-sent');
  run.operation('read-back-all', 'unknown', { error: 'timed out' });
  return run;
}

describe('history files', () => {
  test('a history round-trips through JSON lines on disk: the same events, in the same order', async () => {
    await inTemporaryFolder(async (folder) => {
      const run = sampleRun();
      const path = join(folder, 'history.jsonl');

      await run.history.writeTo(path);

      expect(await readFile(path, 'utf8')).toBe(run.history.toJsonLines());
      expect(await readHistory(path)).toEqual(run.events());
      expect(parseHistoryJsonLines(run.history.toJsonLines())).toEqual(run.events());
    });
  });

  test('writing is atomic: no temporary file is left, and a failed write leaves no history behind', async () => {
    await inTemporaryFolder(async (folder) => {
      await writeHistoryFile(sampleRun().events(), join(folder, 'history.jsonl'));
      expect(await readdir(folder)).toEqual(['history.jsonl']);

      const missingFolder = join(folder, 'no-such-folder', 'history.jsonl');
      await expect(writeHistoryFile(sampleRun().events(), missingFolder)).rejects.toThrow(`writeHistory: cannot write ${missingFolder}`);
      expect(await readdir(folder)).toEqual(['history.jsonl']);
    });
  });

  test('writing over an existing history replaces it whole', async () => {
    await inTemporaryFolder(async (folder) => {
      const path = join(folder, 'history.jsonl');
      await writeFile(path, 'an older, longer file\n'.repeat(1000));
      const run = sampleRun();

      await run.history.writeTo(path);

      expect(await readHistory(path)).toEqual(run.events());
    });
  });

  test('a bad line is reported with the file and the line number, and what is wrong with it', async () => {
    await inTemporaryFolder(async (folder) => {
      const path = join(folder, 'history.jsonl');
      const lines = sampleRun().history.toJsonLines().split('\n');
      lines[2] = '{"event":"sent","reportId":"r1","seq":2,"at":5}';
      await writeFile(path, lines.join('\n'));

      const failure = await readHistory(path).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(HistoryFileError);
      expect(failure).toMatchObject({ file: path, line: 3 });
      expect((failure as Error).message).toBe(
        `readHistory: ${path}:3: sent: "meldingId" must be a string. A history file holds one JSON event per line in seq order, as History.writeTo writes it; was it edited or cut short?`,
      );
    });
  });

  test('a line that is not JSON, an unknown event, an empty line and a seq out of order each name their line', () => {
    const good = '{"event":"acked","meldingId":"m1","seq":0,"at":1}';
    const problem = (text: string): string => {
      try {
        parseHistoryJsonLines(text, 'run-7/history.jsonl');
      } catch (error) {
        return (error as Error).message.split('. A history file')[0] ?? '';
      }
      return 'no error';
    };

    expect(problem(`${good}\n{"event":"acked",`)).toMatch(/^readHistory: run-7\/history\.jsonl:2: not JSON \(/);
    expect(problem(`${good}\n{"event":"teleported","seq":1,"at":1}`)).toBe('readHistory: run-7/history.jsonl:2: "event" must name a history event, got "teleported"');
    expect(problem(`${good}\n\n${good}`)).toBe('readHistory: run-7/history.jsonl:2: empty line');
    expect(problem(`${good}\n${good}`)).toBe('readHistory: run-7/history.jsonl:2: seq 0 does not come after the previous line\'s 0');
    expect(problem('{"event":"read-back","reportId":"r1","outcome":"not-found","askedAfterSeq":"soon","seq":0,"at":1}')).toBe(
      'readHistory: run-7/history.jsonl:1: read-back: "askedAfterSeq" must be a finite number',
    );
    expect(problem(`${good}\r\n`)).toBe('no error');
  });

  test('a missing file is a HistoryFileError naming it', async () => {
    await expect(readHistory('/nonexistent/history.jsonl')).rejects.toThrow('readHistory: cannot read /nonexistent/history.jsonl');
  });
});
