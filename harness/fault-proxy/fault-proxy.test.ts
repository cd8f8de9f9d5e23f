// The proxy on raw bytes against a local echo server: pass-through, each fault with its evidence,
// and close() leaving no port behind.
import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startFaultProxy } from './fault-proxy.ts';
import type { FaultProxy } from './proxy-types.ts';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function echoServer(): Promise<{ port: number; received: Buffer[]; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address() as net.AddressInfo;
  const handle = {
    port: address.port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  opened.push(handle);
  return handle;
}

async function proxyToEcho(): Promise<FaultProxy & { echoed: () => string }> {
  const echo = await echoServer();
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: echo.port }, protocol: 'raw' });
  opened.push(proxy);
  return Object.assign(proxy, { echoed: () => Buffer.concat(echo.received).toString() });
}

interface Client {
  socket: net.Socket;
  received(): Buffer;
  /** Resolves when at least `bytes` came back. */
  until(bytes: number): Promise<Buffer>;
  /** Resolves with how the socket ended: 'reset' for ECONNRESET, 'closed' otherwise. */
  ended: Promise<'reset' | 'closed'>;
}

async function connect(port: number): Promise<Client> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let data = Buffer.alloc(0);
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk]);
    for (const wake of waiters.splice(0)) wake();
  });
  let how: 'reset' | 'closed' = 'closed';
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNRESET') how = 'reset';
  });
  const ended = new Promise<'reset' | 'closed'>((resolve) => socket.once('close', () => resolve(how)));
  opened.push({ close: () => Promise.resolve(void socket.destroy()) });
  return {
    socket,
    received: () => data,
    ended,
    until: async (bytes) => {
      while (data.length < bytes) await new Promise<void>((resolve) => waiters.push(resolve));
      return data;
    },
  };
}

describe('fault proxy (raw)', () => {
  it('passes bytes through both ways on a connection of its own per client', async () => {
    const proxy = await proxyToEcho();
    const first = await connect(proxy.port);
    const second = await connect(proxy.port);
    first.socket.write('hello');
    second.socket.write('æøå');
    expect((await first.until(5)).toString()).toBe('hello');
    expect((await second.until(6)).toString()).toBe('æøå');
    expect(proxy.connections().map((connection) => connection.bytesToServer).sort()).toEqual([5, 6]);
  });

  it('blackhole holds everything until healed, then it flows on', async () => {
    const proxy = await proxyToEcho();
    const client = await connect(proxy.port);
    proxy.setFault({ kind: 'blackhole' });
    client.socket.write('held');
    await waitFor(() => (proxy.evidence()[0]?.fired ?? 0) > 0);
    expect(client.received().length).toBe(0);
    proxy.setFault(undefined);
    expect((await client.until(4)).toString()).toBe('held');
    expect(proxy.evidence()[0]).toMatchObject({ fault: { kind: 'blackhole' }, connectionIds: [1] });
  });

  it('reset destroys open connections and new ones with an RST', async () => {
    const proxy = await proxyToEcho();
    const client = await connect(proxy.port);
    proxy.setFault({ kind: 'reset' });
    expect(await client.ended).toBe('reset');
    // A new connection is reset as soon as it is accepted: connect itself may already see it.
    const late = await connect(proxy.port).then(
      (client) => client.ended,
      (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? 'reset' : error.code),
    );
    expect(late).toBe('reset');
    expect(proxy.evidence()[0]).toMatchObject({ fired: 2, connectionIds: [1, 2] });
  });

  it('cut-after-bytes forwards exactly that many bytes in its direction, then cuts', async () => {
    const proxy = await proxyToEcho();
    const client = await connect(proxy.port);
    proxy.setFault({ kind: 'cut-after-bytes', bytes: 3, direction: 'to-server' });
    client.socket.write('abcdef');
    await client.ended;
    await waitFor(() => proxy.echoed().length >= 3);
    expect(proxy.echoed()).toBe('abc');
    expect(proxy.evidence()[0]).toMatchObject({ fired: 1, connectionIds: [1] });
    expect(proxy.evidence()[0]?.samples[0]).toContain('after 3 bytes');
  });

  it('latency delays each chunk and keeps order', async () => {
    const proxy = await proxyToEcho();
    const client = await connect(proxy.port);
    proxy.setFault({ kind: 'latency', ms: 20 });
    client.socket.write('one');
    await client.until(3);
    client.socket.write('two');
    expect((await client.until(6)).toString()).toBe('onetwo');
    expect(proxy.evidence()[0]?.fired).toBeGreaterThanOrEqual(2);
  });

  it('close() ends every connection and frees the port', async () => {
    const proxy = await proxyToEcho();
    const client = await connect(proxy.port);
    await proxy.close();
    await client.ended;
    const free = net.createServer();
    await new Promise<void>((resolve, reject) => {
      free.once('error', reject);
      free.listen({ host: '127.0.0.1', port: proxy.port }, resolve);
    });
    await new Promise<void>((resolve) => free.close(() => resolve()));
  });

  it('refuses a fault it cannot apply, saying what was wrong', async () => {
    const proxy = await proxyToEcho();
    expect(() => proxy.setFault({ kind: 'latency', ms: Number.NaN })).toThrow(/latency needs ms/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}
