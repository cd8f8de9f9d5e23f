// Where a fault gets between the parties: each wrapper receives the part as the run would use it
// and returns the part the run uses instead. The receiver's parts are wrapped once per run (a
// fault's counters span restarts); its broker connection once per connection it opens. Nothing
// here knows what a fault does; scenarios/faults does.
import type { SendApi } from '../../providers/fiks-io/index.ts';
import type { QueueTransport } from '../../providers/fiks-io/transport/queue-transport.ts';
import type { PortalSendApi } from '../../providers/portal/index.ts';
import type { Database } from '../environments/database/index.ts';
import type { ReceiverProxies } from '../fault-proxy/index.ts';

export interface RunPartWrappers {
  /** The case system's database, as the receiver under test reaches it. */
  readonly caseDb?: (db: Database) => Database;
  /** The send API the receiver sends its receipts through. */
  readonly receiptSendApi?: (sendApi: SendApi) => SendApi;
  /** The receiver's broker connection, after the run's delivery recorder (so faults see what the broker delivered). */
  readonly receiverTransport?: (transport: QueueTransport) => QueueTransport;
  /** The send API the portal sends its reports through (before the run records what was sent). */
  readonly portalSendApi?: (sendApi: PortalSendApi) => PortalSendApi;
  /**
   * A black-box receiver's fault proxies (its broker and its database), handed over once per run
   * when they start: a fault on a black box acts there, on the wire (setFault, onEvent).
   */
  readonly receiverProxies?: (proxies: ReceiverProxies) => void;
}

/** Applies several faults' wrappers, the first listed closest to the real part. */
export function composePartWrappers(wrappers: readonly RunPartWrappers[]): RunPartWrappers {
  const chain = <T>(pick: (wrapper: RunPartWrappers) => ((part: T) => T) | undefined) => (part: T): T =>
    wrappers.reduce((wrapped, wrapper) => pick(wrapper)?.(wrapped) ?? wrapped, part);
  return {
    caseDb: chain((wrapper) => wrapper.caseDb),
    receiptSendApi: chain((wrapper) => wrapper.receiptSendApi),
    receiverTransport: chain((wrapper) => wrapper.receiverTransport),
    portalSendApi: chain((wrapper) => wrapper.portalSendApi),
    receiverProxies: (proxies) => {
      for (const wrapper of wrappers) wrapper.receiverProxies?.(proxies);
    },
  };
}
