// Needs no server: nothing listens on port 1, which is exactly the case under test.
import { describe, expect, test } from '@jest/globals';
import { openServicesDatabase } from './services-database.ts';
import { ServicesUnavailableError, redactUrl } from './services-unavailable-error.ts';

describe('ServicesUnavailableError', () => {
  test('an unreachable PostgreSQL is reported with the URL (no password) and how to start it', async () => {
    const failure = await openServicesDatabase({ url: 'postgres://postgres:secret-pw@127.0.0.1:1/postgres', runId: 'unreachable', connectTimeoutMs: 2000 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ServicesUnavailableError);
    const { message, url, service } = failure as ServicesUnavailableError;
    expect({ url, service }).toEqual({ url: 'postgres://postgres:***@127.0.0.1:1/postgres', service: 'postgresql' });
    expect(message).toMatch(/^openServicesDatabase: cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres \(.+\); start it with `pg_ctlcluster/);
    expect(message).not.toContain('secret-pw');
  });

  test('a runId that cannot name a schema is refused before connecting', async () => {
    await expect(openServicesDatabase({ url: 'postgres://127.0.0.1:1/postgres', runId: 'run; DROP SCHEMA public' })).rejects.toThrow(/cannot name a schema/);
  });

  test('redactUrl hides only the password, and never echoes what it cannot parse', () => {
    expect(redactUrl('postgres://user:pw@db.example:5432/x')).toBe('postgres://user:***@db.example:5432/x');
    expect(redactUrl('postgres://user@db.example/x')).toBe('postgres://user@db.example/x');
    expect(redactUrl('not a url with pw')).toBe('<an unparseable URL>');
  });
});
