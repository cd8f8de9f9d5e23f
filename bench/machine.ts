// The machine a benchmark ran on, and how busy it was: numbers mean little without both. The
// broker's and the database's versions are asked from the servers themselves.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import amqp from 'amqplib';
import pg from 'pg';

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly rabbitmq: string;
  readonly postgresql: string;
}

export async function describeMachine(amqpUrl: string, databaseUrl: string): Promise<Machine> {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    rabbitmq: await rabbitmqVersion(amqpUrl),
    postgresql: await postgresqlVersion(databaseUrl),
  };
}

async function rabbitmqVersion(url: string): Promise<string> {
  try {
    const connection = await amqp.connect(url);
    const properties = (connection.connection as unknown as { serverProperties?: Record<string, unknown> }).serverProperties;
    await connection.close();
    return typeof properties?.['version'] === 'string' ? properties['version'] : 'unknown';
  } catch (error) {
    return `unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function postgresqlVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } catch (error) {
    return `unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The 1-minute load average, and memory free, at this instant. */
export function load(): { readonly loadavg1: number; readonly freeMemoryGiB: number } {
  return { loadavg1: Math.round((loadavg()[0] ?? 0) * 100) / 100, freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10 };
}
