// The send API over HTTP: what a receiver or portal in another process uses to reach the
// simulator's server (or anything that speaks POST /fiks-io/api/v1/send). A refusal (4xx with
// problem details) is definitive and becomes SendRequestError; anything else that is not a 200 with
// a meldingId leaves the outcome unknown and becomes SendApiUnavailableError.
import { parseProblemDetails } from './problem-details.ts';
import { SendApiUnavailableError, SendRequestError } from './send-api-errors.ts';
import type { SendRequestStatus } from './send-api-errors.ts';
import { SEND_PATH } from './send-api.ts';
import type { SendApi, SendRequest, SendtMelding } from './send-api.ts';

export type FetchImpl = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpSendApiClient extends SendApi {
  /** Resolves to the server's SendtMelding (at least meldingId is checked). */
  send(request: SendRequest): Promise<SendtMelding>;
}

const caller = 'httpSendApiClient.send';
const refusalStatuses: ReadonlySet<number> = new Set<SendRequestStatus>([400, 403, 404]);

export function createHttpSendApiClient(baseUrl: string, fetchImpl: FetchImpl = fetch): HttpSendApiClient {
  const url = `${baseUrl.replace(/\/+$/, '')}${SEND_PATH}`;
  return {
    async send(request) {
      const form = new FormData();
      form.append('metadata', new Blob([JSON.stringify(request.metadata)], { type: 'application/json' }), 'metadata.json');
      // Copied into a plain ArrayBuffer: Blob takes no views of shared or resizable buffers.
      form.append('data', new Blob([new Uint8Array(request.data)], { type: 'application/octet-stream' }), 'data');
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'POST', body: form });
      } catch (error) {
        throw new SendApiUnavailableError(caller, `POST ${url} failed before an answer arrived (${describe(error)})`, { cause: error });
      }
      const text = await response.text().catch((error: unknown) => {
        throw new SendApiUnavailableError(caller, `POST ${url} answered ${response.status} but the body could not be read (${describe(error)})`, { cause: error });
      });
      if (response.status === 200) return sentMelding(url, text);
      if (refusalStatuses.has(response.status)) {
        const problem = parseProblemDetails(text);
        throw new SendRequestError(caller, {
          status: response.status as SendRequestStatus,
          title: problem.title ?? response.statusText,
          detail: problem.detail ?? (text.slice(0, 500) || '(no detail in the answer)'),
          problems: problem.problems ?? [],
        });
      }
      const problem = parseProblemDetails(text);
      throw new SendApiUnavailableError(caller, `POST ${url} answered ${response.status} ${problem.detail ?? text.slice(0, 500)}`);
    },
  };
}

function sentMelding(url: string, text: string): SendtMelding {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { meldingId?: unknown }).meldingId !== 'string') {
    throw new SendApiUnavailableError(caller, `POST ${url} answered 200 without a meldingId in its JSON body (got ${JSON.stringify(text.slice(0, 200))})`);
  }
  return value as SendtMelding;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
