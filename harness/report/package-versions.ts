// Versions for the report: ackproof's own (package.json) and those of the libraries that stand in
// for real services in the embedded mode. Read from the files on disk: some packages do not export
// their package.json, and the report must name what actually ran.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

async function versionIn(packageJson: string): Promise<string> {
  try {
    const parsed = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function ackproofVersion(): Promise<string> {
  return versionIn(join(PROJECT_ROOT, 'package.json'));
}

/** An installed dependency's version, or 'unknown'. */
export function dependencyVersion(name: string): Promise<string> {
  return versionIn(join(PROJECT_ROOT, 'node_modules', ...name.split('/'), 'package.json'));
}
