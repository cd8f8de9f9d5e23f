// What the run's transport and database were, and which versions: a certification on RabbitMQ
// 3.10 and PostgreSQL 15 says something a certification on the embedded stand-ins does not (PGlite
// runs with fsync off: it survives a killed process, not a power cut). In the services mode the
// servers are asked for their versions; a server that cannot be asked is 'unknown' with why,
// never a guess.
import amqplib from 'amqplib';
import pg from 'pg';
import { DEFAULT_DATABASE_URL, redactUrl } from '../environments/database/index.ts';
import type { EnvironmentKind } from '../environments/run-environment.ts';
import { DEFAULT_AMQP_URL } from '../environments/services-environment.ts';
import { dependencyVersion } from './package-versions.ts';

export interface ComponentVersion {
  readonly name: string;
  readonly version: string;
  /** services: where it ran (credentials removed). */
  readonly endpoint?: string;
}

export interface EnvironmentDescription {
  readonly kind: EnvironmentKind;
  readonly transport: ComponentVersion;
  readonly database: ComponentVersion;
  /** The Node.js that ran ackproof. */
  readonly node: string;
}

function why(error: unknown): string {
  return `unknown (${error instanceof Error ? error.message : String(error)})`;
}

async function rabbitMqVersion(url: string): Promise<string> {
  try {
    const connection = await amqplib.connect(url, { timeout: 5000 });
    try {
      const version = (connection.connection as { serverProperties?: { version?: unknown } }).serverProperties?.version;
      return typeof version === 'string' ? version : 'unknown (the server did not say)';
    } finally {
      await connection.close();
    }
  } catch (error) {
    return why(error);
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown (the server did not say)';
  } catch (error) {
    return why(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function describeEnvironment(kind: EnvironmentKind, options: { readonly amqpUrl?: string; readonly databaseUrl?: string; readonly ackproofVersion: string }): Promise<EnvironmentDescription> {
  if (kind === 'embedded') {
    return {
      kind,
      transport: { name: "ackproof's embedded broker (Fiks IO semantics, in process, virtual clock)", version: options.ackproofVersion },
      database: { name: 'PGlite (PostgreSQL compiled to WebAssembly, in memory, fsync off)', version: await dependencyVersion('@electric-sql/pglite') },
      node: process.version,
    };
  }
  const amqpUrl = options.amqpUrl ?? process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const [rabbit, postgres] = await Promise.all([rabbitMqVersion(amqpUrl), postgresVersion(databaseUrl)]);
  return {
    kind,
    transport: { name: 'RabbitMQ (quorum queues)', version: rabbit, endpoint: redactUrl(amqpUrl) },
    database: { name: 'PostgreSQL', version: postgres, endpoint: redactUrl(databaseUrl) },
    node: process.version,
  };
}
