// A freshly initialised PGlite data directory, kept as a tar and loaded instead of running initdb.
// initdb is most of PGlite's start: measured on the project's 2-core machine, PGlite.create costs
// 3.3–5.3 s of CPU, a start from this template 0.6–0.8 s. It is the very directory initdb makes
// (PGlite's own clone() works the same way), so a database started from it is a fresh one.
//
// Kept twice: in this process (one initdb per process at most), and in the system's temporary
// folder, keyed by PGlite's version, so the next process (a jest worker's next test file, the next
// run of the CLI) starts without initdb too. The file is written under a temporary name and renamed,
// so a reader never sees half of it; a file that cannot be loaded is removed and made again.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Bump when what goes into the template changes (initdb options, PGlite create options). */
const TEMPLATE_FORMAT = 1;

let inProcess: Promise<Blob> | undefined;

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** Where the template is kept between processes. */
export function pgliteTemplatePath(): string {
  return join(process.env['ACKPROOF_PGLITE_TEMPLATE_DIR'] ?? tmpdir(), `ackproof-pglite-${pgliteVersion()}-template-v${TEMPLATE_FORMAT}.tar`);
}

async function makeTemplate(): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

async function keepOnDisk(path: string, template: Blob): Promise<void> {
  const partial = `${path}.${randomUUID()}.partial`;
  try {
    await writeFile(partial, new Uint8Array(await template.arrayBuffer()));
    await rename(partial, path);
  } catch {
    // A template that cannot be kept costs the next process one initdb, nothing else.
    await rm(partial, { force: true });
  }
}

async function loadOrMake(): Promise<Blob> {
  const path = pgliteTemplatePath();
  const kept = await readFile(path).catch(() => undefined);
  if (kept !== undefined) return new Blob([kept]);
  const made = await makeTemplate();
  await keepOnDisk(path, made);
  return made;
}

/** The template's tar (made at most once per process; read from disk when another process made it). */
export function pgliteTemplate(): Promise<Blob> {
  inProcess ??= loadOrMake().catch((error: unknown) => {
    inProcess = undefined;
    throw error;
  });
  return inProcess;
}

/** Forgets the template here and on disk: the next start runs initdb (after a template failed to load). */
export async function discardPgliteTemplate(): Promise<void> {
  inProcess = undefined;
  await rm(pgliteTemplatePath(), { force: true });
}
