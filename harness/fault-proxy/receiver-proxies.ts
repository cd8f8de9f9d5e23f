// The two proxies of one black-box run: one in front of the broker, one in front of the receiver's
// database. The receiver is given the rewritten URLs (same credentials, path and query, host and
// port the proxy's), so everything it says to either crosses a proxy that can see and break it.
import { startFaultProxy } from './fault-proxy.ts';
import type { FaultProxy } from './proxy-types.ts';

export interface ReceiverProxies {
  /** The broker URL to give the receiver: amqp://user:password@127.0.0.1:<proxy port>/vhost?… */
  readonly amqpUrl: string;
  /** The database URL to give the receiver: postgresql://user@127.0.0.1:<proxy port>/db?… */
  readonly databaseUrl: string;
  readonly broker: FaultProxy;
  readonly database: FaultProxy;
  close(): Promise<void>;
}

export async function startReceiverProxies(upstream: { readonly amqpUrl: string; readonly databaseUrl: string }): Promise<ReceiverProxies> {
  const amqpTarget = targetOf('amqpUrl', upstream.amqpUrl, 5672);
  const databaseTarget = targetOf('databaseUrl', upstream.databaseUrl, 5432);
  const broker = await startFaultProxy({ target: amqpTarget, protocol: 'amqp' });
  let database: FaultProxy;
  try {
    database = await startFaultProxy({ target: databaseTarget, protocol: 'postgres' });
  } catch (error) {
    await broker.close();
    throw error;
  }
  return {
    amqpUrl: throughProxy(upstream.amqpUrl, broker.port),
    databaseUrl: throughProxy(upstream.databaseUrl, database.port),
    broker,
    database,
    close: async () => {
      await Promise.all([broker.close(), database.close()]);
    },
  };
}

function targetOf(name: string, url: string, defaultPort: number): { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`startReceiverProxies: ${name} is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.hostname === '') throw new Error(`startReceiverProxies: ${name} has no host: ${JSON.stringify(url)}`);
  // URL keeps IPv6 hosts in brackets; net.connect wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}

/** The same URL with host and port replaced by the proxy's; credentials, path and query kept as written. */
export function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}
