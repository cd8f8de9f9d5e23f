// One client connection through the proxy: its own upstream connection, and one ordered pipeline
// per direction. Each unit (a frame, or a raw chunk) goes through the same steps: its events are
// emitted (a listener may hold it), the fault in force acts on it, and it is written on.
import net from 'node:net';
import type { Clock } from '../time/clock.ts';
import type { FaultState } from './fault-state.ts';
import type { ProtocolSession, ProxyUnit } from './proxy-unit.ts';
import { rawUnit } from './proxy-unit.ts';
import type { ProxyConnectionInfo, ProxyDirection, ProxyEvent } from './proxy-types.ts';

/** Above this many units waiting in one direction, the source is paused until they drain. */
const PAUSE_ABOVE = 256;

export interface ProxyConnectionHooks {
  readonly clock: Clock;
  readonly faults: FaultState;
  /** Emits to every listener; settles when every listener's hold is released, with whether any held. */
  emit(event: ProxyEvent, forwarded: Promise<void>): Promise<boolean>;
  closed(connection: ProxyConnection): void;
}

export interface ProxyConnection {
  readonly id: number;
  info(): ProxyConnectionInfo;
  /** Destroys both sides at once: with a TCP RST when `reset`. */
  destroy(how: 'reset' | 'close'): void;
  /** Settles when both sockets are closed. */
  readonly done: Promise<void>;
}

export function openProxyConnection(
  id: number,
  client: net.Socket,
  target: { readonly host: string; readonly port: number },
  session: ProtocolSession,
  hooks: ProxyConnectionHooks,
): ProxyConnection {
  const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  const counts = { bytesToServer: 0, bytesToClient: 0, framesToServer: 0, framesToClient: 0 };
  let open = true;
  let closedBy: 'client' | 'server' | 'proxy' | undefined;
  const parsing: Record<ProxyDirection, boolean> = { 'to-server': true, 'to-client': true };

  /** The receiver's side went away, or the proxy cut the connection. */
  let severed = false;
  const sever = (): void => {
    if (severed) return;
    severed = true;
    void hooks.emit({ kind: 'client-gone', connectionId: id }, Promise.resolve());
  };
  const destroy = (how: 'reset' | 'close'): void => {
    closedBy ??= 'proxy';
    sever();
    for (const socket of [client, upstream]) {
      if (socket.destroyed) continue;
      // resetAndDestroy needs a connected handle; a socket still connecting can only be destroyed.
      if (how === 'reset' && !socket.connecting) socket.resetAndDestroy();
      else socket.destroy();
    }
  };

  const decode = (direction: ProxyDirection, chunk: Buffer): ProxyUnit[] => {
    if (!parsing[direction]) return [rawUnit(chunk)];
    try {
      return direction === 'to-server' ? session.fromClient(chunk) : session.fromServer(chunk);
    } catch (error) {
      // A stream the proxy cannot follow is still forwarded; only its events are lost, and that is said.
      parsing[direction] = false;
      void hooks.emit({ kind: 'unparsed', connectionId: id, direction, reason: error instanceof Error ? error.message : String(error) }, Promise.resolve());
      return [rawUnit(chunk)];
    }
  };

  const pipe = (direction: ProxyDirection, source: net.Socket, destination: net.Socket): Promise<void> => {
    let tail = Promise.resolve();
    let waiting = 0;
    const forward = async (unit: ProxyUnit, arrivedAt: number): Promise<void> => {
      try {
        if (!open) return;
        let held = false;
        for (const pending of unit.events) held = (await hooks.emit(pending.event, pending.forwarded)) || held;
        // A frame held at a boundary while its receiver died, or its connection was cut, was
        // never sent: a killed receiver's COMMIT must not reach the database after its death.
        if (held && severed) {
          void hooks.emit({ kind: 'held-frame-dropped', connectionId: id, direction, frame: unit.label }, Promise.resolve());
          return;
        }
        if (unit.replyToSender !== undefined) {
          if (!source.destroyed) source.write(unit.replyToSender);
          return;
        }
        const passed = await passFault(direction, unit, arrivedAt);
        if (passed.bytes.length > 0 && !destination.destroyed && destination.writable) {
          destination.write(passed.bytes);
          if (direction === 'to-server') {
            counts.bytesToServer += passed.bytes.length;
            counts.framesToServer += 1;
          } else {
            counts.bytesToClient += passed.bytes.length;
            counts.framesToClient += 1;
          }
        }
        if (passed.cut) {
          // The bytes that crossed are delivered, then the line goes dead: the destination sees
          // them and an end, the source a closed connection.
          closedBy ??= 'proxy';
          destination.end();
          source.destroy();
        }
      } finally {
        for (const pending of unit.completes) pending.settle();
      }
    };
    source.on('data', (chunk: Buffer) => {
      const arrivedAt = hooks.clock.now();
      for (const unit of decode(direction, chunk)) {
        waiting += 1;
        if (waiting > PAUSE_ABOVE) source.pause();
        tail = tail
          .then(() => forward(unit, arrivedAt))
          .catch(() => destroy('reset'))
          .finally(() => {
            waiting -= 1;
            if (waiting <= PAUSE_ABOVE && source.isPaused()) source.resume();
          });
      }
    });
    // The server allows half-open connections, so a source that ends (a killed receiver's FIN)
    // does not close by itself: its end is passed on, or the broker would keep the connection —
    // and what the dead receiver held unacked — until the proxy closes.
    source.once('end', () => {
      if (direction === 'to-server') sever();
      void tail.then(() => {
        if (!destination.destroyed) destination.end();
      });
    });
    return new Promise<void>((resolve) => {
      source.once('close', () => {
        closedBy ??= direction === 'to-server' ? 'client' : 'server';
        if (direction === 'to-server') sever();
        // What reached the proxy before the source went away still goes on (a killed receiver's
        // last ack was sent, as it would be on a direct connection); then the other side is ended.
        void tail.then(() => {
          if (!destination.destroyed) destination.end();
        });
        resolve();
      });
    });
  };

  const passFault = async (direction: ProxyDirection, unit: ProxyUnit, arrivedAt: number): Promise<{ bytes: Buffer; cut: boolean }> => {
    const { faults } = hooks;
    for (;;) {
      const fault = faults.current();
      if (fault?.kind === 'blackhole') {
        faults.fired(id, `held ${unit.label}`, direction);
        await faults.changed();
        continue;
      }
      if (fault?.kind === 'latency' && (fault.direction === undefined || fault.direction === direction)) {
        const due = arrivedAt + fault.ms - hooks.clock.now();
        faults.fired(id, `delayed ${unit.label}`, direction);
        if (due > 0) await Promise.race([hooks.clock.sleep(due), faults.changed()]);
        if (faults.current() !== fault) continue;
        return { bytes: unit.bytes, cut: false };
      }
      if (fault?.kind === 'commit-reply-lost' && unit.commitReply === true && direction === 'to-client' && faults.takeCommitReply()) {
        faults.fired(id, `swallowed ${unit.label}`, direction);
        return { bytes: Buffer.alloc(0), cut: true };
      }
      if (fault?.kind === 'cut-after-bytes') {
        const allowed = faults.allowance(id, direction, unit.bytes.length);
        if (allowed !== Infinity) {
          faults.fired(id, `cut in ${unit.label} after ${String(fault.bytes)} bytes`, direction);
          return { bytes: unit.bytes.subarray(0, allowed), cut: true };
        }
      }
      return { bytes: unit.bytes, cut: false };
    }
  };

  client.on('error', () => undefined);
  upstream.on('error', () => {
    // The broker or database refused: the receiver sees its connection reset, as it would directly.
    if (counts.bytesToClient === 0) destroy('reset');
  });
  const toServer = pipe('to-server', client, upstream);
  const toClient = pipe('to-client', upstream, client);
  const connection: ProxyConnection = {
    id,
    info: () => ({ id, open, clientGone: severed, ...counts }),
    destroy,
    done: Promise.all([toServer, toClient]).then(() => undefined),
  };
  void connection.done.then(async () => {
    open = false;
    await hooks.emit({ kind: 'connection-closed', connectionId: id, by: closedBy ?? 'proxy' }, Promise.resolve());
    hooks.closed(connection);
  });
  return connection;
}
