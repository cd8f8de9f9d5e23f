// Writing a report folder: all files or none. A new or empty folder is written; an earlier report
// is replaced whole; a folder holding anything else is refused and left as it was; a write that
// fails half-way leaves neither a half-written folder nor its temporary folder behind.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { ReportFolderError, checkDestination, writeFolderAtomically } from './report-folder.ts';
import { REPORT_FILES } from './report-files.ts';

const root = await mkdtemp(join(tmpdir(), 'ackproof-folder-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const files = (text: string): Map<string, string> =>
  new Map([
    [REPORT_FILES.json, `{"run":"${text}"}\n`],
    [REPORT_FILES.html, `<p>${text}</p>`],
  ]);

describe('writing a report folder', () => {
  test('a new folder (parents made) and an empty one are written', async () => {
    const fresh = join(root, 'a', 'b', 'report');
    await writeFolderAtomically(fresh, files('one'));
    expect((await readdir(fresh)).sort()).toEqual([REPORT_FILES.html, REPORT_FILES.json]);
    const empty = join(root, 'empty');
    await mkdir(empty);
    expect(await checkDestination(empty)).toBe('empty');
    await writeFolderAtomically(empty, files('two'));
    expect(await readFile(join(empty, REPORT_FILES.json), 'utf8')).toContain('two');
  });

  test('an earlier report is replaced whole: no file of the old one stays', async () => {
    const folder = join(root, 'again');
    await writeFolderAtomically(folder, new Map([...files('old'), [REPORT_FILES.junit, '<old/>']]));
    expect(await checkDestination(folder)).toBe('earlier report');
    await writeFolderAtomically(folder, files('new'));
    expect((await readdir(folder)).sort()).toEqual([REPORT_FILES.html, REPORT_FILES.json]);
    expect(await readFile(join(folder, REPORT_FILES.json), 'utf8')).toContain('new');
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test("a folder with someone's files is refused, named, and left as it was", async () => {
    const folder = join(root, 'theirs');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'mine');
    await expect(checkDestination(folder)).rejects.toThrow(ReportFolderError);
    await expect(writeFolderAtomically(folder, files('x'))).rejects.toThrow(/not empty and is not an earlier ackproof report \(it holds notes\.txt\)/);
    expect(await readdir(folder)).toEqual(['notes.txt']);
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('a write that fails half-way leaves nothing behind', async () => {
    const folder = join(root, 'broken');
    // A file name with a slash cannot be written inside the temporary folder: the second file fails.
    await expect(writeFolderAtomically(folder, new Map([[REPORT_FILES.json, '{}'], ['no/such/dir.txt', 'x']]))).rejects.toThrow();
    await expect(readdir(folder)).rejects.toThrow(/ENOENT/);
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
