// The fault proxy's vocabulary: the faults it injects, the events it sees on the wire, and the
// handle a run holds. The proxy sits between a black-box receiver and its broker or database, so
// ackproof sees the boundaries of the receiver's work (a delivery, a commit, an ack) from outside
// and can hold, delay, cut or swallow exactly there.

export type ProxyProtocol = 'amqp' | 'postgres' | 'raw';

/** to-server: from the receiver (the proxy's client) to the broker or database; to-client: back. */
export type ProxyDirection = 'to-server' | 'to-client';

export type ProxyFault =
  /** Every frame (raw: chunk) arrives this many ms later than it left; order is kept. */
  | { readonly kind: 'latency'; readonly ms: number; readonly direction?: ProxyDirection }
  /** Connections are accepted but nothing crosses, either way, until the fault is cleared; what
   * was held then flows on (as TCP retransmits after a partition heals). */
  | { readonly kind: 'blackhole' }
  /** Every open connection is destroyed with a TCP RST, and so is every new one while set. */
  | { readonly kind: 'reset' }
  /** Each connection is cut (both sides destroyed) once `bytes` more have crossed in `direction`;
   * the frame that crosses the limit is forwarded only up to it. */
  | { readonly kind: 'cut-after-bytes'; readonly bytes: number; readonly direction: ProxyDirection }
  /** PostgreSQL only: a transaction's commit reaches the database and commits, its reply is
   * swallowed and the connection cut, so the receiver cannot know whether it committed. Fires
   * `times` times (default 1), then the proxy passes everything again. */
  | { readonly kind: 'commit-reply-lost'; readonly times?: number };

export type ProxyFaultKind = ProxyFault['kind'];

export type AmqpHeaders = Readonly<Record<string, unknown>>;

export type ProxyEvent =
  | { readonly kind: 'connection-opened'; readonly connectionId: number }
  | { readonly kind: 'connection-closed'; readonly connectionId: number; readonly by: 'client' | 'server' | 'proxy' }
  /** The receiver's side went away (it ended, closed or was cut): what is held for it is dropped. */
  | { readonly kind: 'client-gone'; readonly connectionId: number }
  /** AMQP Basic.Deliver, emitted once its content header (with the message's headers) is seen. */
  | {
      readonly kind: 'deliver';
      readonly connectionId: number;
      readonly channel: number;
      readonly deliveryTag: bigint;
      readonly redelivered: boolean;
      readonly consumerTag: string;
      readonly exchange: string;
      readonly routingKey: string;
      readonly bodySize: bigint;
      readonly headers: AmqpHeaders;
    }
  | {
      readonly kind: 'ack' | 'nack' | 'reject';
      readonly connectionId: number;
      readonly channel: number;
      readonly deliveryTag: bigint;
      readonly multiple: boolean;
      readonly requeue?: boolean;
    }
  /** AMQP Channel.Close or Connection.Close (channel 0), from either side. */
  | {
      readonly kind: 'channel-close' | 'connection-close';
      readonly connectionId: number;
      readonly channel: number;
      readonly from: 'client' | 'server';
      readonly replyCode: number;
      readonly replyText: string;
    }
  /** PostgreSQL: a COMMIT (or an autocommit write) sent by the receiver, and its success reply. */
  | {
      readonly kind: 'commit';
      readonly connectionId: number;
      readonly phase: 'requested' | 'completed';
      /** COMMIT, or the write's tag for an autocommit write: `INSERT 0 1`. */
      readonly command: string;
      /**
       * What the receiver sent in this transaction, up to its commit: each SQL text and each
       * parameter of a Bind as text. Shows which report a commit stores (its id is in there).
       */
      readonly transaction: readonly string[];
    }
  /** A fault acted: on which connection, in which direction, on what (a frame's name, a count). */
  | {
      readonly kind: 'fault-fired';
      readonly connectionId: number;
      readonly fault: ProxyFaultKind;
      readonly direction?: ProxyDirection;
      readonly detail: string;
    }
  /** A frame a listener held was not forwarded: its connection was cut, or its receiver went away, meanwhile. */
  | { readonly kind: 'held-frame-dropped'; readonly connectionId: number; readonly direction: ProxyDirection; readonly frame: string }
  /** The proxy could not follow the protocol; the connection is passed through as bytes from here. */
  | { readonly kind: 'unparsed'; readonly connectionId: number; readonly direction: ProxyDirection; readonly reason: string };

export interface ProxyEventContext {
  /** Settles once the frames that make up this event were written to the other side (for a
   * delivery: its last body frame), or the connection went away first. */
  readonly forwarded: Promise<void>;
}

/**
 * Called before the frame that carries the event is forwarded. Returning a promise HOLDS that
 * frame (and everything after it in the same direction) until it settles: a fault kills the
 * receiver exactly at the boundary.
 */
export type ProxyEventListener = (event: ProxyEvent, context: ProxyEventContext) => void | Promise<void>;

export interface ProxyConnectionInfo {
  readonly id: number;
  readonly open: boolean;
  /** The receiver's side is gone (the connection may still be winding down towards the server). */
  readonly clientGone: boolean;
  readonly bytesToServer: number;
  readonly bytesToClient: number;
  readonly framesToServer: number;
  readonly framesToClient: number;
}

/** What one setFault did while it was set: the evidence that it fired. */
export interface ProxyFaultEvidence {
  readonly fault: ProxyFault;
  /** How many times it acted (frames delayed or held, connections reset or cut, replies swallowed). */
  readonly fired: number;
  readonly connectionIds: readonly number[];
  /** The first few things it acted on, e.g. `connection 3 to-client CommandComplete COMMIT`. */
  readonly samples: readonly string[];
}

export interface FaultProxy {
  readonly port: number;
  readonly protocol: ProxyProtocol;
  /** Sets the fault in force (replacing any other); undefined heals. */
  setFault(fault: ProxyFault | undefined): void;
  /** Subscribes; returns the unsubscribe function. */
  onEvent(listener: ProxyEventListener): () => void;
  /** Destroys one connection, both sides, with a TCP RST (a fault acting on one receiver's
   * connection); false when it is no longer open. Frames held on it are dropped. */
  resetConnection(connectionId: number): boolean;
  connections(): readonly ProxyConnectionInfo[];
  /** Every fault set so far, oldest first, with how often it fired. */
  evidence(): readonly ProxyFaultEvidence[];
  /** Destroys every connection, stops listening; resolves when the port is free. Idempotent. */
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly target: { readonly host: string; readonly port: number };
  readonly protocol: ProxyProtocol;
  /** Port to listen on, on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
}
