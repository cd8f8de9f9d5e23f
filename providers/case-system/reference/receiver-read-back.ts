// The reference case system's read-back, the oracle's window into what it stored. Two ways to
// reach the same function (readBack in case-store-visible-cases.ts, which sees exactly what a
// caseworker sees):
// - in process, for the embedded environment: no socket, nothing outside the virtual clock's
//   reach, so a run replays exactly; the answer is the same object the HTTP server would send;
// - over HTTP (startReadBackServer + createReadBackClient), for the services environment, where
//   the portal and the case system are separate parties and the contract is the HTTP one.
import { type ReadBackClient, createReadBackClient } from '../../portal/read-back-client.ts';
import type { Queryable } from '../../../harness/environments/database/index.ts';
import { startReadBackServer } from '../read-back-server.ts';
import { readBack } from './case-store.ts';

export interface ServedReadBack {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** A client of that URL. */
  readonly client: ReadBackClient;
  close(): Promise<void>;
}

export function inProcessReadBack(db: Queryable): ReadBackClient {
  return {
    async read(bekymringsmeldingId) {
      const stored = await readBack(db, bekymringsmeldingId);
      return stored === undefined ? { found: false } : { found: true, readBack: stored };
    },
  };
}

export async function serveReadBack(db: Queryable, options: { readonly host?: string; readonly port?: number } = {}): Promise<ServedReadBack> {
  const server = await startReadBackServer({
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
    readBack: (id) => readBack(db, id),
  });
  return { url: server.url, client: createReadBackClient(server.url), close: () => server.close() };
}
