// What the portal's parts share: its own database, the injected clock, the event sink and the
// settings createPortal checked. Internal to providers/portal.
import type { Database } from '../../harness/environments/database/index.ts';
import type { Clock } from '../../harness/time/clock.ts';
import type { PortalEvent } from './portal-events.ts';
import type { PortalSendApi } from './portal-send-api.ts';
import type { RetentionPolicy } from './retention-policy.ts';

export interface PortalContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly sendApi: PortalSendApi;
  readonly portalKontoId: string;
  /** A fixed TTL in ms, or each message's time left until its report's deadline. */
  readonly ttlMs: number | 'until-deadline';
  readonly deadlineWorkingDays: number;
  readonly retention: RetentionPolicy;
  readonly emit: (event: PortalEvent) => void;
  /** Sends whose melding-id may not be recorded yet; a receipt for an unknown svar-til waits for them. */
  readonly inFlightSends: Set<Promise<unknown>>;
}

export const nowDate = (context: PortalContext): Date => new Date(context.clock.now());

export function emitAll(context: PortalContext, events: readonly PortalEvent[]): void {
  for (const event of events) context.emit(event);
}
