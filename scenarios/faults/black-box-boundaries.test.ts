// The boundaries of a black box as its proxies show them, on proxies played by hand: deliveries
// numbered with their melding-id and report, a commit attributed to the report its SQL names (or
// to the oldest unsettled delivery), a migration's commit belonging to no delivery, and a dead
// receiver's COMMIT held until its connection is gone.
import { describe, expect, test } from '@jest/globals';
import type { FaultProxy, ProxyEvent, ProxyEventListener, ReceiverProxies } from '../../harness/fault-proxy/index.ts';
import type { FaultRuntime } from './fault.ts';
import { type WireCommit, type WireDelivery, watchBoundaries } from './black-box-boundaries.ts';

interface PlayedProxy extends FaultProxy {
  /** Emits like the proxy does; resolves when every listener's hold is released, with whether any held. */
  play(event: ProxyEvent): Promise<boolean>;
}

function playedProxy(): PlayedProxy {
  const listeners = new Set<ProxyEventListener>();
  const gone = new Set<number>();
  return {
    port: 0,
    protocol: 'raw',
    setFault: () => undefined,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resetConnection: () => true,
    connections: () => [1, 2, 3].map((id) => ({ id, open: true, clientGone: gone.has(id), bytesToServer: 0, bytesToClient: 0, framesToServer: 0, framesToClient: 0 })),
    evidence: () => [],
    close: () => Promise.resolve(),
    async play(event) {
      if (event.kind === 'client-gone') gone.add(event.connectionId);
      const holds = [...listeners].map((listener) => listener(event, { forwarded: Promise.resolve() })).filter((hold) => hold !== undefined);
      await Promise.all(holds);
      return holds.length > 0;
    },
  };
}

function setting(up: () => boolean, unacked: () => string[] = () => []) {
  const broker = playedProxy();
  const database = playedProxy();
  const proxies: ReceiverProxies = { amqpUrl: '', databaseUrl: '', broker, database, close: () => Promise.resolve() };
  const runtime = { reportIds: ['report-a', 'report-b'], receiverUp: up, receiverUnacked: unacked, reportOf: () => undefined } as unknown as FaultRuntime;
  return { broker, database, wire: watchBoundaries(proxies, runtime) };
}

const deliver = (tag: number, meldingId: string, reportId: string): ProxyEvent => ({
  kind: 'deliver', connectionId: 1, channel: 1, deliveryTag: BigInt(tag), redelivered: false, consumerTag: 'c', exchange: '', routingKey: 'q', bodySize: 1n,
  headers: { 'melding-id': meldingId, 'egendefinert-header.bekymringsmelding-id': reportId },
});
const commit = (phase: 'requested' | 'completed', transaction: string[]): ProxyEvent => ({ kind: 'commit', connectionId: 2, phase, command: 'COMMIT', transaction });

describe('black-box boundaries', () => {
  test('deliveries are numbered; a commit belongs to the report its SQL names, else to the oldest unsettled delivery, else to none', async () => {
    let unacked: string[] = [];
    const { broker, database, wire } = setting(() => true, () => unacked);
    const deliveries: WireDelivery[] = [];
    const commits: WireCommit[] = [];
    wire.onDelivery((delivery) => void deliveries.push(delivery));
    wire.onCommit('completed', (seen) => void commits.push(seen));
    await database.play(commit('completed', ['BEGIN', 'CREATE TABLE IF NOT EXISTS sak (id text)', 'COMMIT']));
    await broker.play(deliver(1, 'm-1', 'report-a'));
    await broker.play(deliver(2, 'm-2', 'report-b'));
    unacked = ['m-1', 'm-2'];
    await database.play(commit('completed', ['BEGIN', "INSERT INTO sak VALUES ('report-b')", 'COMMIT']));
    await database.play(commit('completed', ['INSERT INTO audit VALUES (now())']));
    expect(deliveries.map((each) => [each.number, each.meldingId, each.reportId, each.seenAt])).toEqual([
      [1, 'm-1', 'report-a', 'broker connection 1, channel 1, delivery tag 1'],
      [2, 'm-2', 'report-b', 'broker connection 1, channel 1, delivery tag 2'],
    ]);
    // The migration before any delivery is no delivery's commit, and is not counted.
    expect(commits.map((each) => [each.number, each.meldingId, each.reportId, each.seenAt])).toEqual([
      [1, 'm-2', 'report-b', 'database connection 2, COMMIT confirmed'],
      [2, 'm-1', 'report-a', 'database connection 2, COMMIT confirmed'],
    ]);
  });

  test("a dead receiver's COMMIT and ack are held until its connection is gone", async () => {
    let up = true;
    const { broker, database } = setting(() => up);
    expect(await database.play(commit('requested', ["INSERT INTO sak VALUES ('report-a')", 'COMMIT']))).toBe(false);
    up = false;
    let released = false;
    const held = database.play(commit('requested', ["INSERT INTO sak VALUES ('report-b')", 'COMMIT'])).then((holding) => {
      released = true;
      return holding;
    });
    const ackHeld = broker.play({ kind: 'ack', connectionId: 3, channel: 1, deliveryTag: 1n, multiple: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(false);
    await database.play({ kind: 'client-gone', connectionId: 2 });
    expect(await held).toBe(true);
    await broker.play({ kind: 'connection-closed', connectionId: 3, by: 'client' });
    expect(await ackHeld).toBe(true);
  });
});
