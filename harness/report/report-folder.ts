// Writing a report folder all at once or not at all: the files go into a temporary folder beside
// the destination (same file system), each fsynced, and the folder is renamed into place at the
// end — a run that fails half-way leaves nothing half-written. A destination that holds anything
// but an earlier report is refused before the run starts (and again at the end), so ackproof never
// deletes someone's files; an earlier report is replaced (renamed aside, the new one renamed in,
// the old one removed).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { REPORT_FILES, REPORT_FILE_NAMES } from './report-files.ts';

export class ReportFolderError extends Error {
  override readonly name = 'ReportFolderError';
}

export type Destination = 'absent' | 'empty' | 'earlier report';

/** What is at `folder` now; throws ReportFolderError when it may not be written to. */
export async function checkDestination(folder: string): Promise<Destination> {
  let entries: string[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ReportFolderError(`--out: ${folder} is a file, not a folder; give a folder for the report (it is created if missing)`);
    entries = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    if (error instanceof ReportFolderError) throw error;
    throw new ReportFolderError(`--out: cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (entries.length === 0) return 'empty';
  const foreign = entries.filter((entry) => !REPORT_FILE_NAMES.includes(entry));
  if (foreign.length === 0 && entries.includes(REPORT_FILES.json)) return 'earlier report';
  throw new ReportFolderError(
    `--out: ${folder} is not empty and is not an earlier ackproof report (it holds ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); give an empty or new folder, so that nothing of yours is overwritten`,
  );
}

async function writeSynced(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `files` (name → content) as the folder `folder`, atomically as far as the file system allows. */
export async function writeFolderAtomically(folder: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const target = resolve(folder);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const temporary = await mkdtemp(join(parent, `.${basename(target)}.writing-`));
  try {
    for (const [name, content] of files) await writeSynced(join(temporary, name), content);
    const destination = await checkDestination(target);
    if (destination === 'empty') await rmdir(target);
    if (destination === 'earlier report') {
      const aside = join(parent, `.${basename(target)}.replaced-${randomBytes(4).toString('hex')}`);
      await rename(target, aside);
      try {
        await rename(temporary, target);
      } catch (error) {
        await rename(aside, target);
        throw error;
      }
      await rm(aside, { recursive: true, force: true });
      return;
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
