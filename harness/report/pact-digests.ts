// The committed pact files the run's contracts come from, each with its SHA-256: a reader can tell
// which version of the contract a receiver was certified against.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from './sha256.ts';

export interface PactDigest {
  /** Relative to the project: `contracts/pacts/portal-case-system.json`. */
  readonly file: string;
  readonly sha256: string;
}

const PACTS_FOLDER = join(import.meta.dirname, '..', '..', 'contracts', 'pacts');

export async function pactDigests(folder = PACTS_FOLDER): Promise<PactDigest[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ file: `contracts/pacts/${name}`, sha256: sha256Hex(await readFile(join(folder, name))) })));
}
