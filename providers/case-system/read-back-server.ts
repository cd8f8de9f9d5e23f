// The case system's side of the read-back contract (contracts/schemas/read-back.schema.json): the
// portal asks, by bekymringsmelding-id, what is stored. 200 with the read-back, or 404 when nothing
// is stored under that id. A read-back that fails answers 500, never 404: "could not look" must not
// pass for "not stored" (the client treats it as an unknown outcome).
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { READ_BACK_PATH, type ReadBack } from '../portal/read-back-client.ts';

export const READY_PATH = '/ackproof/v1/ready';

export interface ReadBackServerOptions {
  /** 0 (the default) lets the system choose a free port. */
  readonly port?: number;
  readonly host: string;
  readonly readBack: (bekymringsmeldingId: string) => Promise<ReadBack | undefined>;
}

export interface StartedReadBackServer {
  /** e.g. http://127.0.0.1:40123, to give to createReadBackClient. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startReadBackServer(options: ReadBackServerOptions): Promise<StartedReadBackServer> {
  const server = createServer((request, response) => {
    handle(request, response, options.readBack).catch((error: unknown) => {
      problem(response, 500, 'Read-back failed', `The case system could not read what it stores: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await listen(server, options.port ?? 0, options.host);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive connections (fetch keeps them) would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, readBack: ReadBackServerOptions['readBack']): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://read-back.invalid').pathname;
  const prefix = `${READ_BACK_PATH}/`;
  const isReadBack = path.startsWith(prefix) && path.length > prefix.length && !path.slice(prefix.length).includes('/');
  if (!isReadBack && path !== READY_PATH) {
    problem(response, 404, 'Not found', `Nothing is served at ${path}: the read-back is GET ${READ_BACK_PATH}/{bekymringsmeldingId}, the readiness probe GET ${READY_PATH}.`);
    return;
  }
  if (request.method !== 'GET') {
    response.setHeader('allow', 'GET');
    problem(response, 405, 'Method not allowed', `${path} answers GET only, not ${request.method ?? 'an unnamed method'}.`);
    return;
  }
  if (path === READY_PATH) {
    json(response, 200, 'application/json', { ready: true });
    return;
  }
  let id: string;
  try {
    id = decodeURIComponent(path.slice(prefix.length));
  } catch {
    problem(response, 404, 'Not found', `The id in ${path} is not valid percent-encoding, so no report can be stored under it.`);
    return;
  }
  const stored = await readBack(id);
  if (stored === undefined) {
    problem(response, 404, 'Not stored', `No report is stored under bekymringsmelding-id ${id}.`);
    return;
  }
  json(response, 200, 'application/json', stored);
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  json(response, status, 'application/problem+json', { type: 'about:blank', title, status, detail });
}

function json(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(new Error(`startReadBackServer: cannot listen on ${host}:${port} (${error.message}); choose another port, or 0 for any free one.`, { cause: error }));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
