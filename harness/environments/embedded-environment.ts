// The embedded environment: no set-up, nothing outside this process. A VirtualClock, the in-process
// broker with Fiks IO's semantics, and two in-memory PGlite databases. The receiver calls the
// simulator's send API and dokumentlager directly (no HTTP), so nothing in a run happens outside
// the clock's control and the same seed gives the same run.
import { createFiksIoSimulator } from '../../providers/fiks-io/index.ts';
import type { FiksIoEvent } from '../../providers/fiks-io/index.ts';
import { createEmbeddedTransport } from '../../providers/fiks-io/transport/embedded-transport.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { VirtualClock } from '../time/virtual-clock.ts';
import { createCleanupStack } from './cleanup-stack.ts';
import { type EmbeddedDatabasePool, openEmbeddedDatabase } from './database/index.ts';
import type { Database } from './database/index.ts';
import type { EmbeddedRunEnvironment } from './run-environment.ts';

/** Monday 2 September 2024, 09:00 in Oslo: a working day with no holiday within the 2-day deadline. */
export const EMBEDDED_START_MS = Date.parse('2024-09-02T09:00:00+02:00');

let runs = 0;

export async function openEmbeddedEnvironment(options: {
  readonly seed: string;
  readonly startMs?: number;
  readonly databasePool?: EmbeddedDatabasePool;
  readonly dokumentlagerThresholdBytes?: number;
}): Promise<EmbeddedRunEnvironment> {
  const cleanup = createCleanupStack('embeddedEnvironment');
  try {
    const clock = new VirtualClock(options.startMs ?? EMBEDDED_START_MS);
    const random = seededRandom(options.seed);
    const listeners: ((event: FiksIoEvent) => void)[] = [];
    const transport = createEmbeddedTransport({ clock });
    cleanup.push('the embedded broker', () => transport.close());
    const simulator = await createFiksIoSimulator({
      transport,
      clock,
      random: random.fork('fiks-io'),
      ...(options.dokumentlagerThresholdBytes === undefined ? {} : { dokumentlagerThresholdBytes: options.dokumentlagerThresholdBytes }),
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
    });
    cleanup.push('the Fiks IO simulator', () => simulator.close());
    const openDatabase = (): Promise<Database> => options.databasePool?.borrow() ?? openEmbeddedDatabase();
    const portalDb = await openDatabase();
    cleanup.push("the portal's PGlite", () => portalDb.close());
    const caseDb = await openDatabase();
    cleanup.push("the case system's PGlite", () => caseDb.close());
    runs += 1;
    return {
      kind: 'embedded',
      seed: options.seed,
      runId: `embedded-${runs}`,
      clock,
      random,
      transport,
      simulator,
      portalDb,
      caseDb,
      sendApi: simulator,
      fetchDokumentlager: (id) => simulator.fetchDokumentlager(id),
      description: 'embedded: virtual clock, in-process Fiks IO broker, PGlite for the portal and the case system',
      observeFiksIo: (listener) => {
        listeners.push(listener);
      },
      openReceiverTransport: () => Promise.resolve(transport),
      close: () => cleanup.closeAll(),
    };
  } catch (error) {
    await cleanup.closeAll().catch(() => undefined);
    throw error;
  }
}
