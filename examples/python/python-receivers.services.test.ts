// The example Python receivers (examples/python/) certified as black boxes, started the way a
// vendor's CI starts its own receiver: `cmd:/usr/bin/python3 examples/python/<receiver>.py`, on
// RabbitMQ and PostgreSQL, through ackproof's fault proxy. The proof that the launch contract is
// language-neutral, and that certification tells the two apart:
//   - receiver.py (commit, then mottatt, then ack) is certified;
//   - receiver_acks_failed_insert.py (the 2020–2023 fault: a failed insert logged, then mottatt and
//     ack anyway) is not, and its certification names the reports it lost.
// A subset of the suite keeps the time down.
//
// The storage fault that separates the two is a database outage at the fault proxy: at the
// OUTAGE_AT-th COMMIT every connection to the database is reset before that COMMIT crosses, and so
// is every new one, until the reset has destroyed OUTAGE_RESETS connections. It is set on the proxy
// of the black-box run directly, from outside, as a database going away would.
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { adapterForSpec } from '../../harness/adapters/adapter-for-spec.ts';
import type { BlackBoxRun } from '../../harness/adapters/black-box-run.ts';
import { type Certification, certify } from '../../harness/certify/certify.ts';
import type { FaultProxy, ProxyFaultEvidence } from '../../harness/fault-proxy/index.ts';
import type { Adapter, RunScope } from '../../harness/run/run-adapters.ts';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';

const REPO = join(import.meta.dirname, '..', '..');
/** Debian's Python, which has python3-pika and python3-psycopg2 (a pyenv python3 on PATH has not). */
const PYTHON = '/usr/bin/python3';
const CORRECT = 'examples/python/receiver.py';
const FAULTY = 'examples/python/receiver_acks_failed_insert.py';

/** The first COMMIT is the receiver's own tables; the third stores its second report. */
const OUTAGE_AT = 3;
const OUTAGE_RESETS = 3;

function scenarios(ids: readonly string[]): Scenario[] {
  return ids.map((id) => {
    const scenario = scenarioNamed(id);
    if (scenario === undefined) throw new Error(`python-receivers test: no scenario ${id} in the suite`);
    return scenario;
  });
}

/**
 * The adapter, with `arm` given the database proxy of its black-box run when the run opens it (the
 * run is opened once, through the run scope, and shared by every generation of the receiver).
 */
function withDatabaseProxy(adapter: Adapter, arm: (database: FaultProxy) => void): Adapter {
  return {
    ...adapter,
    start(environment, options) {
      const scope = options.runScope;
      if (scope === undefined) throw new Error('python-receivers test: the run gave the adapter no run scope, so its proxies cannot be reached');
      const spy: RunScope = {
        once: (key, open, close) =>
          scope.once(
            key,
            async () => {
              const opened = await open();
              arm((opened as BlackBoxRun).proxies.database);
              return opened;
            },
            close,
          ),
      };
      return adapter.start(environment, { ...options, runScope: spy });
    },
  };
}

/** From the OUTAGE_AT-th commit on, resets connections (open and new) until OUTAGE_RESETS were reset. */
function databaseOutage(database: FaultProxy): void {
  let commits = 0;
  let resets = 0;
  let on = false;
  database.onEvent((event) => {
    if (event.kind === 'commit' && event.phase === 'requested' && !on && ++commits === OUTAGE_AT) {
      on = true;
      database.setFault({ kind: 'reset' });
      // Holding the COMMIT a moment: the reset destroys its connection before it crosses.
      return Promise.resolve();
    }
    if (event.kind === 'fault-fired' && on && ++resets >= OUTAGE_RESETS) {
      on = false;
      database.setFault(undefined);
    }
    return undefined;
  });
}

async function certifyCommand(script: string, ids: readonly string[], outage: boolean): Promise<{ certification: Certification; evidence: ProxyFaultEvidence[] }> {
  const adapter = await adapterForSpec(`cmd:${PYTHON} ${script}`, { cwd: REPO });
  const evidence: ProxyFaultEvidence[] = [];
  const proxies: FaultProxy[] = [];
  const underTest = outage
    ? withDatabaseProxy(adapter, (database) => {
        proxies.push(database);
        databaseOutage(database);
      })
    : adapter;
  try {
    const certification = await certify({ adapter: underTest, environment: 'services', seed: `python ${script}`, scenarios: scenarios(ids) });
    return { certification, evidence };
  } finally {
    // Read before the run's proxies are gone with the adapter.
    for (const proxy of proxies) evidence.push(...proxy.evidence());
    await adapter.close();
  }
}

/** Each scenario in one line: what held, and why not. */
function outcomes(certification: Certification): string[] {
  return certification.scenarios.map(({ result }) => `${result.scenarioId}: ${String(result.valid)}${result.reasons.length === 0 ? '' : ` (${result.reasons.join('; ')})`}`);
}

const allTrue = (certification: Certification): string[] => certification.scenarios.map(({ result }) => `${result.scenarioId}: true`);

describe('the Python example receivers, certified as commands', () => {
  test(
    'receiver.py is certified on the baseline, a crash after its receipt and poison messages',
    async () => {
      const { certification } = await certifyCommand(CORRECT, ['ordinary-day', 'crash-after-receipt', 'poison-message'], false);

      expect(certification.notApplicable.map(({ scenario, why }) => `${scenario.id}: ${why}`)).toEqual([]);
      expect(outcomes(certification)).toEqual(allTrue(certification));
      expect(certification.verdict).toBe('certified');
      // Poison messages were answered feilet, not stored: the refusals are the evidence.
      expect(certification.scenarios.find(({ scenario }) => scenario.id === 'poison-message')?.result.check.reports.refused.length).toBeGreaterThan(0);
    },
    600_000,
  );

  test(
    'through a database outage at the proxy, receiver.py is certified: it handed the messages back and stored each report once',
    async () => {
      const { certification, evidence } = await certifyCommand(CORRECT, ['ordinary-day'], true);

      expect(evidence.map(({ fault, fired }) => [fault.kind, fired > 0])).toEqual([['reset', true]]);
      expect(outcomes(certification)).toEqual(allTrue(certification));
      expect(certification.verdict).toBe('certified');
    },
    600_000,
  );

  test(
    'through the same outage, receiver_acks_failed_insert.py is not certified, and lost names the reports it answered mottatt without storing',
    async () => {
      const { certification, evidence } = await certifyCommand(FAULTY, ['ordinary-day'], true);

      expect(evidence.map(({ fault, fired }) => [fault.kind, fired > 0])).toEqual([['reset', true]]);
      expect(certification.verdict).toBe('not certified');
      const [run] = certification.scenarios;
      const lost = run?.result.check.reports.lost ?? [];
      // The report whose commit was cut off, and those that came while no connection could be opened.
      expect(lost.length).toBeGreaterThanOrEqual(1);
      expect(lost.length).toBeLessThanOrEqual(OUTAGE_RESETS);
      expect(run?.result.reasons.join('\n')).toContain(lost[0]);
      // Nothing else went wrong: every other report is ok.
      expect(run?.result.check.counts.ok).toBe((run?.result.schedule.reports ?? 0) - lost.length);
    },
    600_000,
  );
});
