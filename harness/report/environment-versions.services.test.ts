// The report names the servers' own versions in the services mode, as they answer them, and the
// embedded stand-ins' package versions; a server that cannot be asked is "unknown (why)", never a guess.
import { describe, expect, test } from '@jest/globals';
import { describeEnvironment } from './environment-versions.ts';

describe('environment versions', () => {
  test('services: RabbitMQ and PostgreSQL say their versions; the URLs carry no password', async () => {
    const environment = await describeEnvironment('services', { ackproofVersion: '0.1.0' });
    expect(environment.transport.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(environment.database.version).toMatch(/^\d+(\.\d+)?/);
    expect(environment.transport.endpoint).not.toContain('guest:guest');
  });

  test('services, nothing listening: unknown with the reason', async () => {
    const environment = await describeEnvironment('services', { ackproofVersion: '0.1.0', amqpUrl: 'amqp://guest:guest@127.0.0.1:1', databaseUrl: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(environment.transport.version).toMatch(/^unknown \(.+\)$/);
    expect(environment.database.version).toMatch(/^unknown \(.+\)$/);
  });

  test('embedded: the in-process broker is ackproof\'s, the database PGlite at its installed version', async () => {
    const environment = await describeEnvironment('embedded', { ackproofVersion: '9.9.9' });
    expect(environment.transport.version).toBe('9.9.9');
    expect(environment.database.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
