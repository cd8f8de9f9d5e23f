// Consumer tests write their pact to a fresh folder; afterwards the file must equal the one
// committed in contracts/pacts/, so a consumer change that alters the contract cannot slip past
// review. `npm run pacts:update` writes straight into contracts/pacts/ instead, to accept a change.
import { expect } from '@jest/globals';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const committedPactsDir = resolve(import.meta.dirname, '..', 'contracts', 'pacts');
const updating = process.env['ACKPROOF_UPDATE_PACTS'] === '1';

export interface ConsumerPact {
  readonly pact: PactV4;
  /** Call in afterAll: fails when the pact written by this run differs from the committed one. */
  expectMatchesCommitted(this: void): void;
}

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}

export function consumerPact(consumer: string, provider: string): ConsumerPact {
  const fileName = pactFileName(consumer, provider);
  const dir = updating ? committedPactsDir : mkdtempSync(join(tmpdir(), 'ackproof-pacts-'));
  // Pact merges into an existing file; start from nothing so removed interactions disappear.
  if (updating) rmSync(join(dir, fileName), { force: true });
  const pact = new PactV4({ consumer, provider, dir, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' });
  return {
    pact,
    expectMatchesCommitted() {
      if (updating) return;
      const committedFile = join(committedPactsDir, fileName);
      const generated = comparable(readFileSync(join(dir, fileName), 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      if (!existsSync(committedFile)) {
        throw new Error(`pacts: contracts/pacts/${fileName} is not committed. Run \`npm run pacts:update\` and commit it.`);
      }
      const committed = comparable(readFileSync(committedFile, 'utf8'));
      // On a difference, jest prints the diff; accept an intended change with `npm run pacts:update`.
      expect({ file: fileName, pact: generated }).toEqual({ file: fileName, pact: committed });
    },
  };
}

// The library versions in the metadata change on every dependency update without changing the
// contract; everything else must match exactly.
function comparable(text: string): unknown {
  const pact = JSON.parse(text) as { metadata?: Record<string, unknown> };
  const metadata = { ...pact.metadata };
  delete metadata['pact-js'];
  delete metadata['pactRust'];
  return { ...pact, metadata };
}

/** What a V4 asynchronous interaction hands the consumer's test (pact-js does not export the type). */
export interface AsynchronousMessage {
  readonly contents: { readonly content: unknown };
  readonly metadata: Readonly<Record<string, unknown>>;
}
