// A port on 127.0.0.1 that nothing listens on now: the operating system picks it, we let it go, the
// receiver takes it. Another process could take it in between; on a test machine that is rare, and
// the receiver then fails to start with a message that says so.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
