// A port on 127.0.0.1 for a receiver's read-back API: free now, and OUTSIDE the system's range of
// ephemeral ports. The receiver is killed and relaunched on the same port; a port from the
// ephemeral range (what `listen(0)` gives) can meanwhile become the local end of some outgoing
// connection (to the broker, the database, a proxy), and the relaunch then fails with "address
// already in use" — seen in CI. Below the range only a listener can take it, and we chose it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where ports are looked for when the ephemeral range starts above it (Linux: 32768). */
const LOWEST = 20_000;

let calls = 0;

function ephemeralRangeStart(): number | undefined {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const start = Number(low);
    return Number.isInteger(start) && start > LOWEST + 1_000 ? start : undefined;
  } catch {
    return undefined; // not Linux: let the system choose
  }
}

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const taken = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(taken));
    });
  });
}

export async function freePort(): Promise<number> {
  const rangeStart = ephemeralRangeStart();
  if (rangeStart !== undefined) {
    const span = rangeStart - LOWEST;
    // Spread over the span by process and call, so parallel test processes rarely try the same one.
    calls += 1;
    const first = (process.pid * 7_919 + calls * 104_729) % span;
    for (let step = 0; step < 200; step += 1) {
      const port = await tryListen(LOWEST + ((first + step) % span));
      if (port !== undefined) return port;
    }
  }
  const port = await tryListen(0);
  if (port === undefined) throw new Error('freePort: 127.0.0.1 has no free TCP port');
  return port;
}
