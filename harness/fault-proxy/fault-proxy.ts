// A fault-injecting TCP proxy on 127.0.0.1 in front of a broker or a database: every client
// connection gets its own upstream connection, every frame passes listeners (which may hold it)
// and the fault in force. Started per run; close() leaves no port or connection behind.
import net from 'node:net';
import { systemClock } from '../time/system-clock.ts';
import type { Clock } from '../time/clock.ts';
import { faultState } from './fault-state.ts';
import { openProxyConnection } from './proxy-connection.ts';
import type { ProxyConnection } from './proxy-connection.ts';
import { protocolSessions } from './protocol-sessions.ts';
import type { ProtocolSession } from './proxy-unit.ts';
import type { FaultProxy, FaultProxyOptions, ProxyEvent, ProxyEventListener, ProxyProtocol } from './proxy-types.ts';

export interface FaultProxyInternals {
  /** Real time by default: the proxy stands between real sockets. */
  readonly clock?: Clock;
  /** Protocol sessions by protocol; the proxy's own parsers unless a test replaces them. */
  readonly sessions?: Partial<Record<ProxyProtocol, (connectionId: number) => ProtocolSession>>;
}

export async function startFaultProxy(options: FaultProxyOptions & FaultProxyInternals): Promise<FaultProxy> {
  const clock = options.clock ?? systemClock();
  const sessionFor = options.sessions?.[options.protocol] ?? protocolSessions[options.protocol];
  const listeners = new Set<ProxyEventListener>();
  const connections = new Map<number, ProxyConnection>();
  let nextId = 1;
  let closing: Promise<void> | undefined;

  const emit = async (event: ProxyEvent, forwarded: Promise<void>): Promise<boolean> => {
    const holds: Promise<void>[] = [];
    for (const listener of listeners) {
      try {
        const held = listener(event, { forwarded });
        if (held !== undefined) holds.push(held.catch(() => undefined));
      } catch {
        // A listener's own failure must not break the receiver's connection.
      }
    }
    await Promise.all(holds);
    return holds.length > 0;
  };

  const faults = faultState((connectionId, fault, detail, direction) => {
    void emit({ kind: 'fault-fired', connectionId, fault: fault.kind, detail, ...(direction === undefined ? {} : { direction }) }, Promise.resolve());
  });

  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: false }, (client) => {
    const id = nextId;
    nextId += 1;
    if (closing !== undefined) {
      client.destroy();
      return;
    }
    if (faults.current()?.kind === 'reset') {
      client.on('error', () => undefined);
      faults.fired(id, 'reset a new connection');
      client.resetAndDestroy();
      return;
    }
    void emit({ kind: 'connection-opened', connectionId: id }, Promise.resolve());
    const connection = openProxyConnection(id, client, options.target, sessionFor(id), {
      clock,
      faults,
      emit,
      closed: (done) => connections.delete(done.id),
    });
    connections.set(id, connection);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: the listener has no TCP address');

  return {
    port: address.port,
    protocol: options.protocol,
    setFault(fault) {
      faults.set(fault);
      if (fault?.kind === 'reset') {
        for (const connection of connections.values()) {
          faults.fired(connection.id, 'reset an open connection');
          connection.destroy('reset');
        }
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resetConnection(connectionId) {
      const connection = connections.get(connectionId);
      if (connection === undefined) return false;
      connection.destroy('reset');
      return true;
    },
    connections: () => [...connections.values()].map((connection) => connection.info()),
    evidence: () => faults.evidence(),
    close() {
      closing ??= (async () => {
        faults.set(undefined);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const pending = [...connections.values()];
        for (const connection of pending) connection.destroy('close');
        await Promise.all(pending.map((connection) => connection.done));
        await closed;
      })();
      return closing;
    },
  };
}
