// Small shared pieces of the benchmark.
import { DEFAULT_DATABASE_URL } from '../harness/environments/database/index.ts';
import { DEFAULT_AMQP_URL } from '../harness/environments/services-environment.ts';

export interface ServicesUrls {
  readonly amqpUrl: string;
  readonly databaseUrl: string;
}

export function servicesUrls(): ServicesUrls {
  return { amqpUrl: process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL, databaseUrl: process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** CPU time (user + system) of this process, in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
