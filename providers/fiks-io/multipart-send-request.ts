// Turns the body of POST /fiks-io/api/v1/send into metadata and data, or into a problem saying
// exactly what is wrong. Parsing is the web-standard Request.formData() (undici, in Node), so no
// hand-written multipart parser. Checking metadata against the schema is the send API's job
// (fiksIoSimulator.send), not this one's.
import type { ProblemDetails } from './problem-details.ts';
import { PROBLEM_TYPE } from './problem-details.ts';

export type ParsedSendRequest =
  | { readonly ok: true; readonly metadata: unknown; readonly data: Uint8Array }
  | { readonly ok: false; readonly problem: ProblemDetails };

const expected = "a multipart/form-data body with a part 'metadata' (application/json) and a part 'data' (application/octet-stream, sent as a file part)";

function malformed(detail: string): ParsedSendRequest {
  return { ok: false, problem: { type: PROBLEM_TYPE.malformedRequest, title: 'Malformed send request', status: 400, detail } };
}

export async function parseSendRequest(contentType: string | undefined, body: Uint8Array): Promise<ParsedSendRequest> {
  if (contentType === undefined || !/^multipart\/form-data\s*;/i.test(contentType.trim())) {
    return malformed(`expected ${expected}; got Content-Type ${contentType === undefined ? '(none)' : JSON.stringify(contentType)}`);
  }
  let form: FormData;
  try {
    const request = new Request('http://fiks-io.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body });
    form = await request.formData();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const reason = error instanceof Error ? error.message : String(error);
    return malformed(`the multipart/form-data body could not be parsed: ${reason}${cause}; check the boundary in Content-Type against the body`);
  }

  const metadataPart = form.get('metadata');
  const dataPart = form.get('data');
  const missing = [metadataPart === null ? "'metadata'" : undefined, dataPart === null ? "'data'" : undefined].filter((name) => name !== undefined);
  if (missing.length > 0) {
    const present = [...new Set(form.keys())].map((name) => `'${name}'`).join(', ') || 'none';
    return malformed(`the multipart body has no part ${missing.join(' and no part ')}; parts present: ${present}; expected ${expected}`);
  }

  const metadataText = typeof metadataPart === 'string' ? metadataPart : await (metadataPart as File).text();
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataText);
  } catch (error) {
    return malformed(`the part 'metadata' is not JSON (${error instanceof Error ? error.message : String(error)}); it must be the send metadata as a JSON object`);
  }

  // A part without a filename is decoded as UTF-8 text, which would silently change binary bytes.
  if (typeof dataPart === 'string') {
    return malformed(
      "the part 'data' was sent as a text field (its Content-Disposition has no filename), so its bytes cannot be read unchanged; send it as a file part with a filename",
    );
  }
  const data = new Uint8Array(await (dataPart as File).arrayBuffer());
  return { ok: true, metadata, data };
}
