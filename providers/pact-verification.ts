// Verifies a committed pact against a provider. pact-js only warns when a consumer names a state
// the provider has no handler for, and such an interaction then runs against whatever state the
// provider happens to be in; here a missing state handler or message provider is an error, listed
// in full before anything runs.
import { Verifier } from '@pact-foundation/pact';
import type { MessageProviders, VerifierOptions } from '@pact-foundation/pact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

export const committedPactsDir = join(import.meta.dirname, '..', 'contracts', 'pacts');

interface PactFile {
  readonly provider: { readonly name: string };
  readonly interactions: readonly {
    readonly type: string;
    readonly description: string;
    readonly providerStates?: readonly { readonly name: string }[];
  }[];
}

export interface PactVerification {
  readonly pactFile: string;
  readonly stateHandlers: StateHandlers;
  readonly messageProviders?: MessageProviders;
  readonly providerBaseUrl?: string;
}

/** Every state and message description the pact names that this provider has no code for. */
export function missingProviderCode(pact: PactFile, verification: Pick<PactVerification, 'stateHandlers' | 'messageProviders'>): string[] {
  const missing: string[] = [];
  for (const interaction of pact.interactions) {
    for (const state of interaction.providerStates ?? []) {
      if (!(state.name in verification.stateHandlers)) missing.push(`state "${state.name}" (interaction "${interaction.description}") has no state handler`);
    }
    const isMessage = interaction.type.startsWith('Asynchronous') || interaction.type.startsWith('Synchronous/Messages');
    if (isMessage && !(interaction.description in (verification.messageProviders ?? {}))) {
      missing.push(`message "${interaction.description}" has no message provider`);
    }
  }
  return [...new Set(missing)];
}

export async function verifyCommittedPact(verification: PactVerification): Promise<void> {
  const pactPath = join(committedPactsDir, verification.pactFile);
  const pact = JSON.parse(readFileSync(pactPath, 'utf8')) as PactFile;
  const missing = missingProviderCode(pact, verification);
  if (missing.length > 0) {
    throw new Error(`pact verification: ${verification.pactFile} cannot be verified by ${pact.provider.name}:\n  ${missing.join('\n  ')}`);
  }
  await new Verifier({
    provider: pact.provider.name,
    pactUrls: [pactPath],
    stateHandlers: verification.stateHandlers,
    ...(verification.messageProviders ? { messageProviders: verification.messageProviders } : {}),
    ...(verification.providerBaseUrl ? { providerBaseUrl: verification.providerBaseUrl } : {}),
    logLevel: 'warn',
  }).verifyProvider();
}
