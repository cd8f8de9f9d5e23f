// What a protocol session hands the proxy: the bytes of one frame (or one raw chunk), the events it
// carries, and what it completes. The proxy emits the events before forwarding the frame, so a
// listener can hold it; events listed in `completes` learn that their last frame was written.
import type { ProxyEvent } from './proxy-types.ts';

export interface PendingEvent {
  readonly event: ProxyEvent;
  readonly forwarded: Promise<void>;
  settle(): void;
}

export interface ProxyUnit {
  readonly bytes: Buffer;
  /** What it is, for evidence: `Basic.Ack ch1`, `CommandComplete COMMIT`, `chunk of 512 bytes`. */
  readonly label: string;
  readonly events: readonly PendingEvent[];
  readonly completes: readonly PendingEvent[];
  /** Answered by the proxy itself instead of forwarded (PostgreSQL's SSLRequest gets 'N'). */
  readonly replyToSender?: Buffer;
  /** PostgreSQL: this is the database's success reply to a commit (what commit-reply-lost swallows). */
  readonly commitReply?: boolean;
}

export function pendingEvent(event: ProxyEvent): PendingEvent {
  let settle: () => void = () => undefined;
  const forwarded = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { event, forwarded, settle };
}

/** A unit that carries its own events and completes them when written. */
export function unitWithEvents(bytes: Buffer, label: string, events: readonly ProxyEvent[]): ProxyUnit {
  const pending = events.map(pendingEvent);
  return { bytes, label, events: pending, completes: pending };
}

export function rawUnit(bytes: Buffer): ProxyUnit {
  return { bytes, label: `chunk of ${String(bytes.length)} bytes`, events: [], completes: [] };
}

/** Splits a connection's two byte streams into units; one per connection, it may keep state. */
export interface ProtocolSession {
  fromClient(chunk: Buffer): ProxyUnit[];
  fromServer(chunk: Buffer): ProxyUnit[];
}

export function rawSession(): ProtocolSession {
  return { fromClient: (chunk) => [rawUnit(chunk)], fromServer: (chunk) => [rawUnit(chunk)] };
}
