// The simulator's HTTP face, for receivers and portals that talk to Fiks IO over the network:
//   POST /fiks-io/api/v1/send                  multipart (metadata + data) → 200 SendtMelding JSON
//   GET  /dokumentlager/api/v1/dokumenter/{id} → the payload bytes
// Every refusal is application/problem+json saying exactly what is wrong. The 200 body is KS's
// SendtMeldingApiModel shape: meldingId, meldingType, avsenderKontoId, mottakerKontoId, ttl,
// headere, and dokumentlagerId / svarPaMelding when they apply.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DokumentlagerNotFoundError } from './dokumentlager.ts';
import type { FiksIoSimulator } from './fiks-io-simulator.ts';

/** What the server serves: the simulator, or a stand-in in front of it (a run's fault wrappers for a black-box receiver). */
export type ServedFiksIo = Pick<FiksIoSimulator, 'send' | 'fetchDokumentlager'>;
import { parseSendRequest } from './multipart-send-request.ts';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE } from './problem-details.ts';
import type { ProblemDetails } from './problem-details.ts';
import { SendRequestError } from './send-api-errors.ts';
import { DOKUMENTLAGER_PATH_PREFIX, SEND_PATH } from './send-api.ts';
import type { SendMetadata } from './send-api.ts';

export interface FiksIoHttpServerOptions {
  readonly simulator: ServedFiksIo;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Larger request bodies get 413; the default leaves room for payloads far over the 5 MB dokumentlager threshold. */
  readonly maxRequestBytes?: number;
}

export interface FiksIoHttpServer {
  /** e.g. http://127.0.0.1:40123, without a trailing slash: the baseUrl for the HTTP clients. */
  readonly url: string;
  /** Stops accepting, lets requests under way finish, and closes idle keep-alive sockets. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export async function startFiksIoHttpServer(options: FiksIoHttpServerOptions): Promise<FiksIoHttpServer> {
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const server = createServer((request, response) => {
    handle(options.simulator, maxRequestBytes, request, response).catch((error: unknown) => {
      sendProblem(response, {
        type: PROBLEM_TYPE.unavailable,
        title: 'Fiks IO simulator failure',
        status: 503,
        detail: `the simulator failed while handling ${request.method ?? '?'} ${request.url ?? '?'}: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: closer(server) };
}

function closer(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      // Keep-alive sockets of finished requests would otherwise hold close() open until they time out.
      server.closeIdleConnections();
    });
    return closing;
  };
}

async function handle(simulator: ServedFiksIo, maxRequestBytes: number, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://fiks-io.invalid').pathname;
  if (path === SEND_PATH) {
    if (request.method !== 'POST') return methodNotAllowed(request, response, 'POST');
    return handleSend(simulator, maxRequestBytes, request, response);
  }
  if (path.startsWith(DOKUMENTLAGER_PATH_PREFIX)) {
    if (request.method !== 'GET') return methodNotAllowed(request, response, 'GET');
    return handleDokumentlager(simulator, decodePathSegment(path.slice(DOKUMENTLAGER_PATH_PREFIX.length)), request, response);
  }
  request.resume();
  sendProblem(response, {
    type: PROBLEM_TYPE.notFound,
    title: 'Not found',
    status: 404,
    detail: `no route ${request.method ?? '?'} ${path}; this simulator serves POST ${SEND_PATH} and GET ${DOKUMENTLAGER_PATH_PREFIX}{id}`,
  });
}

async function handleSend(simulator: ServedFiksIo, maxRequestBytes: number, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request, maxRequestBytes);
  if (body === undefined) {
    return sendProblem(response, {
      type: PROBLEM_TYPE.tooLarge,
      title: 'Request too large',
      status: 413,
      detail: `the request body is larger than ${maxRequestBytes} bytes, this server's limit (maxRequestBytes)`,
    });
  }
  const parsed = await parseSendRequest(request.headers['content-type'], body);
  if (!parsed.ok) return sendProblem(response, parsed.problem);
  try {
    // send validates the metadata against the schema itself; an unchecked cast is safe here.
    const sent = await simulator.send({ metadata: parsed.metadata as SendMetadata, data: parsed.data });
    sendJson(response, 200, sent);
  } catch (error) {
    if (!(error instanceof SendRequestError)) throw error;
    sendProblem(response, {
      type: error.status === 400 ? PROBLEM_TYPE.invalidMetadata : PROBLEM_TYPE.unknownAccount,
      title: error.title,
      status: error.status,
      detail: error.detail,
      problems: error.problems,
    });
  }
}

async function handleDokumentlager(simulator: ServedFiksIo, id: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  request.resume();
  try {
    const bytes = await simulator.fetchDokumentlager(id);
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength });
    response.end(bytes);
  } catch (error) {
    if (!(error instanceof DokumentlagerNotFoundError)) throw error;
    sendProblem(response, { type: PROBLEM_TYPE.dokumentNotFound, title: 'Document not found', status: 404, detail: error.message });
  }
}

function methodNotAllowed(request: IncomingMessage, response: ServerResponse, allowed: string): void {
  request.resume();
  response.setHeader('allow', allowed);
  sendProblem(response, {
    type: PROBLEM_TYPE.methodNotAllowed,
    title: 'Method not allowed',
    status: 405,
    detail: `${request.method ?? '?'} is not allowed on ${request.url ?? '?'}; use ${allowed}`,
  });
}

/** A broken %-escape cannot name a stored document; it is looked up as written and not found. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** undefined when the body exceeds the limit (the rest is drained, not kept). */
async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total <= limit) chunks.push(chunk);
  }
  return total > limit ? undefined : new Uint8Array(Buffer.concat(chunks, total));
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendProblem(response: ServerResponse, problem: ProblemDetails): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(problem);
  response.writeHead(problem.status, { 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
