// The portal's client for a case system's read-back API: by bekymringsmelding-id, what does the
// case system hold? This is the oracle that makes a fake acknowledgement visible. A read-back that
// cannot be trusted (an error status, a body that breaks the contract) throws ReadBackError: the
// caller must treat that outcome as unknown, never as "not stored".
import type { ReportType } from '../../contracts/message-types.ts';
import { formatProblems, validateReadBack } from '../../contracts/validation/index.ts';

export const READ_BACK_PATH = '/ackproof/v1/bekymringsmeldinger';

export interface ReadBack {
  readonly bekymringsmeldingId: string;
  readonly meldingstype: ReportType;
  readonly bekymringsmelding: unknown;
  readonly pdf: { readonly sha256: string; readonly bytes: number } | null;
  readonly synligFor: readonly { readonly kommunenummer: string; readonly bydelsnummer: string }[];
  readonly antallSaker: number;
}

export type ReadBackResult = { readonly found: true; readonly readBack: ReadBack } | { readonly found: false };

export class ReadBackError extends Error {
  override readonly name = 'ReadBackError';
}

export interface ReadBackClient {
  read(bekymringsmeldingId: string): Promise<ReadBackResult>;
}

export function createReadBackClient(baseUrl: string, fetchImpl: typeof fetch = fetch): ReadBackClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async read(bekymringsmeldingId) {
      const url = `${base}${READ_BACK_PATH}/${encodeURIComponent(bekymringsmeldingId)}`;
      let response: Response;
      try {
        response = await fetchImpl(url, { headers: { accept: 'application/json' } });
      } catch (error) {
        throw new ReadBackError(`read-back: GET ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return { found: false };
      }
      if (response.status !== 200) {
        throw new ReadBackError(`read-back: GET ${url} answered ${response.status}; the contract allows 200 or 404.`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ReadBackError(`read-back: GET ${url} answered 200 with a body that is not JSON.`);
      }
      const check = validateReadBack(body);
      if (!check.valid) {
        throw new ReadBackError(`read-back: GET ${url} answered a body that breaks the read-back contract:\n${formatProblems(check.problems)}`);
      }
      const readBack = body as ReadBack;
      if (readBack.bekymringsmeldingId !== bekymringsmeldingId) {
        throw new ReadBackError(`read-back: asked for ${bekymringsmeldingId} but the answer is about ${readBack.bekymringsmeldingId}.`);
      }
      return { found: true, readBack };
    },
  };
}
