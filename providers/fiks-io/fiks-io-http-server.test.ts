// The simulator's HTTP API, written as a client would use it: each malformed request gets a 400
// problem+json naming exactly what is wrong, and the HTTP clients map answers to the two errors a
// sender must tell apart.
import { afterEach, describe, expect, test } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { DOKUMENTLAGER_GRACE_MS, DokumentlagerNotFoundError } from './dokumentlager.ts';
import { startFiksIoHttpServer } from './fiks-io-http-server.ts';
import type { FiksIoHttpServer } from './fiks-io-http-server.ts';
import { KOMMUNE, PORTAL, reportMetadata, sameBytes } from './fiks-io-simulator-scenarios.ts';
import { createFiksIoSimulator } from './fiks-io-simulator.ts';
import type { FiksIoSimulator } from './fiks-io-simulator.ts';
import { createHttpDokumentlagerClient } from './http-dokumentlager-client.ts';
import { createHttpSendApiClient } from './http-send-api-client.ts';
import type { FetchImpl } from './http-send-api-client.ts';
import { PROBLEM_TYPE } from './problem-details.ts';
import type { ProblemDetails } from './problem-details.ts';
import { SendApiUnavailableError, SendRequestError } from './send-api-errors.ts';
import { DOKUMENTLAGER_PATH_PREFIX, SEND_PATH } from './send-api.ts';
import { createEmbeddedTransport } from './transport/embedded-transport.ts';
import type { EmbeddedQueueTransport } from './transport/embedded-transport.ts';

interface Setup {
  readonly clock: VirtualClock;
  readonly transport: EmbeddedQueueTransport;
  readonly simulator: FiksIoSimulator;
  readonly server: FiksIoHttpServer;
}

const opened: Setup[] = [];

async function setUp(maxRequestBytes?: number): Promise<Setup> {
  const clock = new VirtualClock(Date.UTC(2024, 0, 15, 8, 0, 0));
  const transport = createEmbeddedTransport({ clock });
  const simulator = await createFiksIoSimulator({ transport, clock, random: seededRandom('http server') });
  await simulator.createAccount(PORTAL);
  await simulator.createAccount(KOMMUNE);
  const server = await startFiksIoHttpServer({ simulator, host: '127.0.0.1', port: 0, ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }) });
  const setup = { clock, transport, simulator, server };
  opened.push(setup);
  return setup;
}

afterEach(async () => {
  for (const { server, simulator, transport } of opened.splice(0)) {
    await server.close();
    await simulator.close();
    await transport.close();
  }
});

const boundary = 'ackproof-grense';

/** A multipart body written by hand, so that tests can break it in exactly one way. */
function multipart(parts: readonly { name: string; filename?: string; contentType?: string; content: string | Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`;
    chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(typeof part.content === 'string' ? encoder.encode(part.content) : part.content);
    chunks.push(encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

const metadataPart = (metadata: unknown = reportMetadata()): { name: string; contentType: string; content: string } => ({
  name: 'metadata',
  contentType: 'application/json',
  content: typeof metadata === 'string' ? metadata : JSON.stringify(metadata),
});
const dataPart = (content: Uint8Array = new Uint8Array([1, 2, 3])): { name: string; filename: string; contentType: string; content: Uint8Array } => ({
  name: 'data',
  filename: 'data',
  contentType: 'application/octet-stream',
  content,
});

async function post(setup: Setup, body: Uint8Array | string, contentType = `multipart/form-data; boundary=${boundary}`): Promise<Response> {
  return fetch(`${setup.server.url}${SEND_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function problemOf(response: Response, status: number): Promise<ProblemDetails> {
  expect([response.status, response.headers.get('content-type')]).toEqual([status, 'application/problem+json; charset=utf-8']);
  const problem = (await response.json()) as ProblemDetails;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  return problem;
}

describe('POST /fiks-io/api/v1/send', () => {
  test('a valid multipart send: 200 with the SendtMelding JSON, and the message is in the recipient’s queue', async () => {
    const setup = await setUp();
    const response = await post(setup, multipart([metadataPart(), dataPart()]));
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      meldingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      meldingType: reportMetadata().meldingType,
      avsenderKontoId: PORTAL,
      mottakerKontoId: KOMMUNE,
      ttl: 3_600_000,
      headere: reportMetadata().headere,
    });
    expect(await setup.transport.depth(setup.simulator.queueFor(KOMMUNE))).toBe(1);
  });

  test('not multipart: 400 saying what was expected and what came', async () => {
    const setup = await setUp();
    const problem = await problemOf(await post(setup, JSON.stringify(reportMetadata()), 'application/json'), 400);
    expect(problem.type).toBe(PROBLEM_TYPE.malformedRequest);
    expect(problem.detail).toContain("expected a multipart/form-data body with a part 'metadata' (application/json) and a part 'data'");
    expect(problem.detail).toContain('got Content-Type "application/json"');
  });

  test.each([
    ['metadata', () => [dataPart()], "no part 'metadata'; parts present: 'data'"],
    ['data', () => [metadataPart()], "no part 'data'; parts present: 'metadata'"],
    ['both', () => [{ name: 'annet', content: 'x' }], "no part 'metadata' and no part 'data'; parts present: 'annet'"],
  ])('a missing part (%s): 400 naming it', async (_label, parts, expected) => {
    const setup = await setUp();
    const problem = await problemOf(await post(setup, multipart(parts())), 400);
    expect(problem.detail).toContain(`the multipart body has ${expected}`);
  });

  test('metadata that is not JSON: 400 saying so, with the parser’s reason', async () => {
    const setup = await setUp();
    const problem = await problemOf(await post(setup, multipart([metadataPart('{"avsenderKontoId": '), dataPart()])), 400);
    expect(problem.detail).toMatch(/^the part 'metadata' is not JSON \(.+\); it must be the send metadata as a JSON object$/);
  });

  test('metadata against the schema: 400 with every problem and its JSON pointer', async () => {
    const setup = await setUp();
    const { meldingType: _type, ...rest } = reportMetadata({ avsenderKontoId: 'portalen', ttl: 0 });
    const problem = await problemOf(await post(setup, multipart([metadataPart(rest), dataPart()])), 400);
    expect(problem.type).toBe(PROBLEM_TYPE.invalidMetadata);
    expect(problem.problems?.map((each) => each.pointer).sort()).toEqual(['/avsenderKontoId', '/meldingType', '/ttl']);
    expect(problem.detail).toContain('the metadata part breaks the send-metadata contract:');
    for (const pointer of ['/avsenderKontoId: ', '/meldingType: ', '/ttl: ']) expect(problem.detail).toContain(pointer);
    expect(await setup.transport.depth(setup.simulator.queueFor(KOMMUNE))).toBe(0);
  });

  test('an unknown recipient: 404 problem naming the account', async () => {
    const setup = await setUp();
    const stranger = '12345678-1234-4234-8234-123456789abc';
    const problem = await problemOf(await post(setup, multipart([metadataPart(reportMetadata({ mottakerKontoId: stranger })), dataPart()])), 404);
    expect(problem).toMatchObject({ type: PROBLEM_TYPE.unknownAccount, problems: [{ pointer: '/mottakerKontoId', message: `no account ${stranger} exists` }] });
    expect(problem.detail).toContain(stranger);
  });

  test('data sent as a text field: 400, because its bytes would not arrive unchanged', async () => {
    const setup = await setUp();
    const problem = await problemOf(await post(setup, multipart([metadataPart(), { name: 'data', content: 'tekst' }])), 400);
    expect(problem.detail).toContain("the part 'data' was sent as a text field (its Content-Disposition has no filename)");
  });

  test('a body that does not match its boundary: 400 saying it could not be parsed', async () => {
    const setup = await setUp();
    const problem = await problemOf(await post(setup, multipart([metadataPart(), dataPart()]), 'multipart/form-data; boundary=en-annen-grense'), 400);
    expect(problem.detail).toMatch(/^the multipart\/form-data body could not be parsed: .*; check the boundary in Content-Type against the body$/);
  });

  test('a body over the limit: 413', async () => {
    const setup = await setUp(1_000);
    const problem = await problemOf(await post(setup, multipart([metadataPart(), dataPart(new Uint8Array(2_000))])), 413);
    expect(problem.detail).toContain('larger than 1000 bytes');
  });

  test('other methods and paths: 405 with Allow, 404 naming the routes', async () => {
    const setup = await setUp();
    const wrongMethod = await fetch(`${setup.server.url}${SEND_PATH}`);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await problemOf(wrongMethod, 405)).detail).toContain('use POST');
    const nowhere = await problemOf(await fetch(`${setup.server.url}/fiks-io/api/v2/send`, { method: 'POST', body: 'x' }), 404);
    expect(nowhere.detail).toContain(`this simulator serves POST ${SEND_PATH} and GET ${DOKUMENTLAGER_PATH_PREFIX}{id}`);
  });
});

describe('GET /dokumentlager/api/v1/dokumenter/{id}', () => {
  test('200 with the bytes while retained; 404 problem for an unknown id and after TTL + 24 h', async () => {
    const setup = await setUp();
    const data = new Uint8Array(5 * 1024 * 1024 + 3).map((_, index) => index % 253);
    const sent = await createHttpSendApiClient(setup.server.url).send({ metadata: reportMetadata({ ttl: 1_000 }), data });
    const url = `${setup.server.url}${DOKUMENTLAGER_PATH_PREFIX}${sent.dokumentlagerId ?? ''}`;
    const found = await fetch(url);
    expect([found.status, found.headers.get('content-type')]).toEqual([200, 'application/octet-stream']);
    expect(sameBytes(new Uint8Array(await found.arrayBuffer()), data)).toBe(true);

    const unknown = await problemOf(await fetch(`${setup.server.url}${DOKUMENTLAGER_PATH_PREFIX}00000000-0000-4000-8000-000000000000`), 404);
    expect(unknown.type).toBe(PROBLEM_TYPE.dokumentNotFound);
    await setup.clock.advance(1_000 + DOKUMENTLAGER_GRACE_MS);
    const expired = await problemOf(await fetch(url), 404);
    expect(expired.detail).toContain(`no document with dokumentlager-id '${sent.dokumentlagerId ?? ''}'`);
  });

  test('createHttpDokumentlagerClient fetches the bytes, and turns 404 into DokumentlagerNotFoundError', async () => {
    const setup = await setUp();
    const data = new Uint8Array(5 * 1024 * 1024 + 1).fill(9);
    const sent = await setup.simulator.send({ metadata: reportMetadata(), data });
    const fetchDokumentlager = createHttpDokumentlagerClient(`${setup.server.url}/`);
    expect(sameBytes(await fetchDokumentlager(sent.dokumentlagerId ?? ''), data)).toBe(true);
    await expect(fetchDokumentlager('finnes-ikke')).rejects.toThrow(DokumentlagerNotFoundError);
  });
});

describe('createHttpSendApiClient', () => {
  test('a refusal becomes SendRequestError with the problem’s status, detail and pointers', async () => {
    const setup = await setUp();
    const client = createHttpSendApiClient(setup.server.url);
    const refusal = client.send({ metadata: reportMetadata({ mottakerKontoId: 'ikke-en-uuid' }), data: new Uint8Array(0) });
    await expect(refusal).rejects.toThrow(SendRequestError);
    await expect(refusal).rejects.toMatchObject({ status: 400, problems: [{ pointer: '/mottakerKontoId', message: expect.any(String) }] });
    await expect(refusal).rejects.toThrow(/^httpSendApiClient\.send: the send API refused the request \(400 Invalid send metadata\), nothing was sent: the metadata part breaks/);
    const stranger = '12345678-1234-4234-8234-123456789abc';
    await expect(client.send({ metadata: reportMetadata({ mottakerKontoId: stranger }), data: new Uint8Array(0) })).rejects.toMatchObject({
      name: 'SendRequestError',
      status: 404,
      detail: expect.stringContaining(stranger),
    });
  });

  test('a server that is gone: SendApiUnavailableError, outcome unknown', async () => {
    const setup = await setUp();
    const url = setup.server.url;
    await setup.server.close();
    const attempt = createHttpSendApiClient(url).send({ metadata: reportMetadata(), data: new Uint8Array(0) });
    await expect(attempt).rejects.toThrow(SendApiUnavailableError);
    await expect(attempt).rejects.toThrow(/failed before an answer arrived .*the outcome is unknown .*Retry the send/);
  });

  test('the simulator failing behind the server: 503, and the client reports the outcome as unknown', async () => {
    const setup = await setUp();
    await setup.simulator.close();
    const attempt = createHttpSendApiClient(setup.server.url).send({ metadata: reportMetadata(), data: new Uint8Array(0) });
    await expect(attempt).rejects.toThrow(SendApiUnavailableError);
    await expect(attempt).rejects.toThrow(/answered 503 the simulator failed while handling POST \/fiks-io\/api\/v1\/send: fiksIoSimulator\.send: the simulator is closed/);
  });

  test.each([
    ['a 503', new Response(JSON.stringify({ detail: 'kø full' }), { status: 503 }), /answered 503 kø full/],
    ['a 500 without a body', new Response('', { status: 500 }), /answered 500/],
    ['a 200 without meldingId', new Response('{"ok":true}', { status: 200 }), /answered 200 without a meldingId/],
  ])('%s: SendApiUnavailableError', async (_label, answer, expected) => {
    const requests: string[] = [];
    const fakeFetch: FetchImpl = (input) => {
      requests.push(input);
      return Promise.resolve(answer);
    };
    const attempt = createHttpSendApiClient('http://fiks-io.invalid/', fakeFetch).send({ metadata: reportMetadata(), data: new Uint8Array(0) });
    await expect(attempt).rejects.toThrow(SendApiUnavailableError);
    await expect(attempt).rejects.toThrow(expected);
    expect(requests).toEqual([`http://fiks-io.invalid${SEND_PATH}`]);
  });

  test('sends metadata and data as the server expects them: the bytes arrive unchanged', async () => {
    const setup = await setUp();
    const data = new Uint8Array(256).map((_, index) => index);
    const sent = await createHttpSendApiClient(setup.server.url).send({ metadata: reportMetadata(), data });
    const received: Uint8Array[] = [];
    await setup.transport.consume(setup.simulator.queueFor(KOMMUNE), { prefetch: 1 }, (delivery) => {
      received.push(delivery.body);
      expect(delivery.headers[HEADER.meldingId]).toBe(sent.meldingId);
      delivery.ack();
    });
    await setup.clock.advance(0);
    expect(received).toEqual([data]);
  });
});

test('close() returns although a keep-alive connection is still open', async () => {
  const setup = await setUp();
  const response = await fetch(`${setup.server.url}/`, { headers: { connection: 'keep-alive' } });
  await response.text();
  await expect(setup.server.close()).resolves.toBeUndefined();
  await expect(fetch(`${setup.server.url}/`)).rejects.toThrow();
});
