import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { READ_BACK_PATH, type ReadBack, ReadBackError, createReadBackClient } from '../portal/read-back-client.ts';
import { READY_PATH, type StartedReadBackServer, startReadBackServer } from './read-back-server.ts';

const STORED_ID = '3f0c1a52-8d4e-4b7a-9c21-5e6f7a8b9c0d';
const FAILING_ID = '00000000-0000-4000-8000-00000000dead';
const stored: ReadBack = {
  bekymringsmeldingId: STORED_ID,
  meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2',
  bekymringsmelding: { melding: 'Bekymring for barn på Årstad — æøå' },
  pdf: { sha256: 'a'.repeat(64), bytes: 1234 },
  synligFor: [{ kommunenummer: '4601', bydelsnummer: '07' }],
  antallSaker: 1,
};

describe('read-back server', () => {
  let server: StartedReadBackServer;
  const asked: string[] = [];
  beforeAll(async () => {
    server = await startReadBackServer({
      host: '127.0.0.1',
      readBack: (id) => {
        asked.push(id);
        if (id === FAILING_ID) return Promise.reject(new Error('connection to the database lost'));
        return Promise.resolve(id === STORED_ID ? stored : undefined);
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  test('a stored report: 200, application/json, the read-back as the client reads it', async () => {
    const response = await fetch(`${server.url}${READ_BACK_PATH}/${STORED_ID}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await response.json()).toEqual(stored);
    expect(await createReadBackClient(server.url).read(STORED_ID)).toEqual({ found: true, readBack: stored });
  });

  test('an id nothing is stored under: 404 problem+json saying so', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const response = await fetch(`${server.url}${READ_BACK_PATH}/${id}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
    expect(await response.json()).toMatchObject({ status: 404, detail: `No report is stored under bekymringsmelding-id ${id}.` });
    expect(await createReadBackClient(server.url).read(id)).toEqual({ found: false });
  });

  test('the id reaches the read-back percent-decoded', async () => {
    await fetch(`${server.url}${READ_BACK_PATH}/${encodeURIComponent('id med æøå')}`).then((response) => response.body?.cancel());
    expect(asked).toContain('id med æøå');
  });

  test('a read-back that fails answers 500, which the client reports as an error, never as "not stored"', async () => {
    const response = await fetch(`${server.url}${READ_BACK_PATH}/${FAILING_ID}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ status: 500, detail: expect.stringContaining('connection to the database lost') as unknown });
    await expect(createReadBackClient(server.url).read(FAILING_ID)).rejects.toThrow(ReadBackError);
  });

  test('other methods: 405 with Allow: GET', async () => {
    const response = await fetch(`${server.url}${READ_BACK_PATH}/${STORED_ID}`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
    await response.body?.cancel();
  });

  test.each(['/', READ_BACK_PATH, `${READ_BACK_PATH}/`, `${READ_BACK_PATH}/${STORED_ID}/pdf`, '/ackproof/v1/other'])('other paths (%s): 404 problem+json', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  test('the readiness probe: 200 {"ready":true}', async () => {
    const response = await fetch(`${server.url}${READY_PATH}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"ready":true}');
  });

  test('a port already taken is refused with a message naming it', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startReadBackServer({ host: '127.0.0.1', port, readBack: () => Promise.resolve(undefined) })).rejects.toThrow(
      `startReadBackServer: cannot listen on 127.0.0.1:${port}`,
    );
  });
});
