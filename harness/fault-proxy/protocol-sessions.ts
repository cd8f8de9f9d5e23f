// Which parser follows which protocol. raw forwards chunks as they come and sees no events.
import { amqpSession } from './amqp-session.ts';
import { postgresSession } from './postgres-session.ts';
import { rawSession } from './proxy-unit.ts';
import type { ProtocolSession } from './proxy-unit.ts';
import type { ProxyProtocol } from './proxy-types.ts';

export const protocolSessions: Record<ProxyProtocol, (connectionId: number) => ProtocolSession> = {
  raw: () => rawSession(),
  amqp: amqpSession,
  postgres: postgresSession,
};
