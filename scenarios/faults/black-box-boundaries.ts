// The boundaries of a black-box receiver's work, seen at its fault proxies (harness/fault-proxy):
// a delivery (Basic.Deliver with its headers, at the broker proxy), a commit asked for and
// completed (at the database proxy), an ack (at the broker proxy). A fault on a black box acts at
// these, as the in-process faults act at the receiver's database, send API and transport.
//
// Which report a commit stores is read from what the transaction sent (its SQL and parameters
// name the report's id); a commit that names none is taken for the oldest delivery the receiver
// holds unsettled, and a commit while it holds none (a migration at start) is no delivery's.
//
// A receiver the run has declared dead (a crash, before its process is gone) sends nothing more:
// its acks and COMMITs are held at the proxy until its connection closes, and then dropped.
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import type { FaultProxy, ProxyEvent, ProxyEventContext, ReceiverProxies } from '../../harness/fault-proxy/index.ts';
import type { FaultRuntime } from './fault.ts';

export interface WireDelivery {
  /** Deliveries numbered from 1 as the broker hands them over (a redelivery gets a new number). */
  readonly number: number;
  readonly meldingId: string;
  readonly reportId: string | undefined;
  readonly redelivered: boolean;
  readonly connectionId: number;
  /** e.g. `broker connection 2, channel 1, delivery tag 3`. */
  readonly seenAt: string;
}

export interface WireCommit {
  /** Commits made for deliveries, numbered from 1 per phase. */
  readonly number: number;
  readonly meldingId: string | undefined;
  readonly reportId: string | undefined;
  readonly connectionId: number;
  /** e.g. `database connection 3, COMMIT`. */
  readonly seenAt: string;
}

export interface WireAck {
  readonly number: number;
  readonly meldingId: string | undefined;
  readonly connectionId: number;
  readonly seenAt: string;
}

type Hold = void | Promise<void>;

export interface WireBoundaries {
  readonly proxies: ReceiverProxies;
  onDelivery(listener: (delivery: WireDelivery, context: ProxyEventContext) => Hold): void;
  onCommit(phase: 'requested' | 'completed', listener: (commit: WireCommit, context: ProxyEventContext) => Hold): void;
  onAck(listener: (ack: WireAck, context: ProxyEventContext) => Hold): void;
  /** Holds every ack and COMMIT the receiver sends until `dying` settles (a crash on its way). */
  dying(dying: Promise<unknown>): void;
}

/**
 * Settles once the receiver's side of the proxy's connection `connectionId` is gone (at once if it
 * is already): a frame held until then is dropped, and the connection winds down to the server.
 */
export function untilReceiverGone(proxy: FaultProxy, connectionId: number): Promise<void> {
  return new Promise((resolve) => {
    const off = proxy.onEvent((event) => {
      if ((event.kind === 'client-gone' || event.kind === 'connection-closed') && event.connectionId === connectionId) {
        off();
        resolve();
      }
    });
    if (!proxy.connections().some((connection) => connection.id === connectionId && !connection.clientGone)) {
      off();
      resolve();
    }
  });
}

export function watchBoundaries(proxies: ReceiverProxies, runtime: FaultRuntime): WireBoundaries {
  const tags = new Map<string, string>();
  const latestDelivery = new Map<string, string>();
  const reportOfMelding = new Map<string, string>();
  const deliveryListeners: ((delivery: WireDelivery, context: ProxyEventContext) => Hold)[] = [];
  const commitListeners = { requested: [] as ((commit: WireCommit, context: ProxyEventContext) => Hold)[], completed: [] as ((commit: WireCommit, context: ProxyEventContext) => Hold)[] };
  const ackListeners: ((ack: WireAck, context: ProxyEventContext) => Hold)[] = [];
  const counts = { delivered: 0, requested: 0, completed: 0, acked: 0 };
  let pendingDeath: Promise<unknown> | undefined;

  const holdAll = (holds: Hold[]): Hold => {
    const promises = holds.filter((hold): hold is Promise<void> => hold !== undefined);
    return promises.length === 0 ? undefined : Promise.all(promises).then(() => undefined);
  };

  /** A dead (or dying) receiver's ack or COMMIT: held until its connection is gone, so it is dropped. */
  const gate = (proxy: FaultProxy, connectionId: number): Hold => {
    if (pendingDeath !== undefined) {
      const waitFor = pendingDeath;
      return waitFor.then(() => (runtime.receiverUp() ? undefined : untilReceiverGone(proxy, connectionId)));
    }
    return runtime.receiverUp() ? undefined : untilReceiverGone(proxy, connectionId);
  };

  const attribute = (event: Extract<ProxyEvent, { kind: 'commit' }>): { meldingId: string | undefined; reportId: string | undefined } | undefined => {
    const text = event.transaction.join('\n');
    const reportId = runtime.reportIds.find((id) => text.includes(id));
    if (reportId !== undefined) return { reportId, meldingId: latestDelivery.get(reportId) };
    const oldest = runtime.receiverUnacked()[0];
    if (oldest === undefined) return undefined;
    return { meldingId: oldest, reportId: reportOfMelding.get(oldest) ?? runtime.reportOf(oldest) };
  };

  proxies.broker.onEvent((event, context) => {
    switch (event.kind) {
      case 'deliver': {
        const meldingId = text(event.headers[HEADER.meldingId]);
        if (meldingId === undefined) return undefined;
        const reportId = text(event.headers[customHeader(CUSTOM.bekymringsmeldingId)]) ?? runtime.reportOf(meldingId);
        tags.set(`${event.connectionId}/${event.channel}/${event.deliveryTag}`, meldingId);
        if (reportId !== undefined) {
          latestDelivery.set(reportId, meldingId);
          reportOfMelding.set(meldingId, reportId);
        }
        counts.delivered += 1;
        const delivery: WireDelivery = {
          number: counts.delivered,
          meldingId,
          reportId,
          redelivered: event.redelivered,
          connectionId: event.connectionId,
          seenAt: `broker connection ${event.connectionId}, channel ${event.channel}, delivery tag ${event.deliveryTag}`,
        };
        return holdAll(deliveryListeners.map((listener) => listener(delivery, context)));
      }
      case 'ack': {
        const dead = gate(proxies.broker, event.connectionId);
        if (dead !== undefined) return dead;
        counts.acked += 1;
        const ack: WireAck = {
          number: counts.acked,
          meldingId: tags.get(`${event.connectionId}/${event.channel}/${event.deliveryTag}`),
          connectionId: event.connectionId,
          seenAt: `broker connection ${event.connectionId}, channel ${event.channel}, Basic.Ack of delivery tag ${event.deliveryTag}${event.multiple ? ' (multiple)' : ''}`,
        };
        return holdAll(ackListeners.map((listener) => listener(ack, context)));
      }
      case 'nack':
      case 'reject':
        return gate(proxies.broker, event.connectionId);
      default:
        return undefined;
    }
  });

  proxies.database.onEvent((event, context) => {
    if (event.kind !== 'commit') return undefined;
    if (event.phase === 'requested') {
      const dead = gate(proxies.database, event.connectionId);
      if (dead !== undefined) return dead;
    }
    const owner = attribute(event);
    if (owner === undefined) return undefined;
    counts[event.phase] += 1;
    const commit: WireCommit = {
      number: counts[event.phase],
      ...owner,
      connectionId: event.connectionId,
      seenAt: `database connection ${event.connectionId}, ${event.phase === 'requested' ? `${event.command} sent` : `${event.command} confirmed`}`,
    };
    return holdAll(commitListeners[event.phase].map((listener) => listener(commit, context)));
  });

  return {
    proxies,
    onDelivery: (listener) => void deliveryListeners.push(listener),
    onCommit: (phase, listener) => void commitListeners[phase].push(listener),
    onAck: (listener) => void ackListeners.push(listener),
    dying(dying) {
      const settled = dying.then(
        () => undefined,
        () => undefined,
      );
      pendingDeath = settled;
      void settled.then(() => {
        if (pendingDeath === settled) pendingDeath = undefined;
      });
    },
  };
}

/** An AMQP header value as text (a long string may arrive as bytes). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}
