// For tests: runs the real `ackproof` command line in a child process, from the project root, the
// way a user or CI runs it (bin/ackproof.js → harness/cli/main.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export interface CliOutcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runAckproof(args: readonly string[]): CliOutcome {
  const child = spawnSync(process.execPath, ['bin/ackproof.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A fresh temporary folder to write test inputs into. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'ackproof-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
