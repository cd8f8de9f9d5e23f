// The run environments: the embedded one opens and closes without leaving a queue behind; the
// services one, when nothing listens at the URLs, says which URLs (never a password) and what to
// start — before anything is created.
import { describe, expect, test } from '@jest/globals';
import type { EmbeddedQueueTransport } from '../../providers/fiks-io/transport/embedded-transport.ts';
import { VirtualClock } from '../time/virtual-clock.ts';
import { ServicesUnavailableError } from './database/index.ts';
import { openRunEnvironment } from './run-environment.ts';

describe('openRunEnvironment', () => {
  test(
    'embedded: a virtual clock, one broker for platform and receiver, two databases; close() leaves no queue',
    async () => {
      const environment = await openRunEnvironment({ kind: 'embedded', seed: 'environment' });
      expect(environment.clock).toBeInstanceOf(VirtualClock);
      expect(environment.portalDb).not.toBe(environment.caseDb);
      expect(await environment.openReceiverTransport()).toBe(environment.transport);
      await environment.simulator.createAccount('3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
      const transport = environment.transport as EmbeddedQueueTransport;
      expect(transport.queueNames()).toEqual(['fiksio.konto.3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']);
      await environment.close();
      expect(transport.queueNames()).toEqual([]);
      await expect(environment.caseDb.query('SELECT 1')).rejects.toThrow();
      await environment.close();
    },
    60_000,
  );

  test('embedded: the same seed draws the same melding-ids', async () => {
    const meldingIds = async (): Promise<string[]> => {
      const environment = await openRunEnvironment({ kind: 'embedded', seed: 'same ids' });
      try {
        const konto = '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
        await environment.simulator.createAccount(konto);
        const send = async (): Promise<string> =>
          (await environment.simulator.send({ metadata: { avsenderKontoId: konto, mottakerKontoId: konto, meldingType: 'test.v1' }, data: new Uint8Array(0) })).meldingId;
        return [await send(), await send()];
      } finally {
        await environment.close();
      }
    };
    const first = await meldingIds();
    expect(await meldingIds()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  }, 60_000);

  test('services with nothing listening: one error naming both URLs without the password, and what to start', async () => {
    const opening = openRunEnvironment({
      kind: 'services',
      seed: 'unreachable',
      amqpUrl: 'amqp://guest:s3cret@127.0.0.1:1',
      databaseUrl: 'postgres://postgres:s3cret@127.0.0.1:1/postgres',
    });
    const error = await opening.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServicesUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('amqp://guest:***@127.0.0.1:1');
    expect(message).toContain('postgres://postgres:***@127.0.0.1:1/postgres');
    expect(message).toContain('rabbitmq-server -detached');
    expect(message).toContain('pg_ctlcluster');
    expect(message).not.toContain('s3cret');
  }, 30_000);

  test('an unknown kind is refused by name', async () => {
    await expect(openRunEnvironment({ kind: 'containers' as 'embedded', seed: 'x' })).rejects.toThrow(/kind must be one of embedded, services, got "containers"/);
  });
});
