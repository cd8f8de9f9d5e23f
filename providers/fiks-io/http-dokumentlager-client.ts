// Fetching a payload that travels by reference, over HTTP: GET /dokumentlager/api/v1/dokumenter/{id}.
// The function has the shape receivers take (fetchDokumentlager in the case system's parser), so a
// receiver in another process fetches from the simulator's server exactly as an in-process one
// calls fiksIoSimulator.fetchDokumentlager.
import { DokumentlagerNotFoundError } from './dokumentlager.ts';
import { parseProblemDetails } from './problem-details.ts';
import { DOKUMENTLAGER_PATH_PREFIX } from './send-api.ts';
import type { FetchImpl } from './http-send-api-client.ts';

export function createHttpDokumentlagerClient(baseUrl: string, fetchImpl: FetchImpl = fetch): (dokumentlagerId: string) => Promise<Uint8Array> {
  return createDokumentlagerFetcher(`${baseUrl.replace(/\/+$/, '')}${DOKUMENTLAGER_PATH_PREFIX}`, fetchImpl);
}

/** The same, given the documents' URL itself (the launch contract's ACKPROOF_DOKUMENTLAGER_URL): GET <base><id>. */
export function createDokumentlagerFetcher(base: string, fetchImpl: FetchImpl = fetch): (dokumentlagerId: string) => Promise<Uint8Array> {
  return async (dokumentlagerId) => {
    const url = `${base}${encodeURIComponent(dokumentlagerId)}`;
    const response = await fetchImpl(url, { method: 'GET' });
    if (response.status === 200) return new Uint8Array(await response.arrayBuffer());
    const text = await response.text();
    if (response.status === 404) throw new DokumentlagerNotFoundError('httpDokumentlagerClient', dokumentlagerId);
    throw new Error(`httpDokumentlagerClient: GET ${url} answered ${response.status}: ${parseProblemDetails(text).detail ?? text.slice(0, 500)}; try again later`);
  };
}
