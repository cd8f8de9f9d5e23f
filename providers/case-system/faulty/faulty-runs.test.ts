// The faulty receivers whose fault shows in an ordinary run, each in a real embedded run recorded
// from the outside and judged by checkHistory, on one workload: 12 reports (long texts, Oslo and
// Bergen districts, v1, payloads over a lowered dokumentlager threshold) and a poison message.
// The reference receiver passes it; each faulty one fails it with its expected verdict, naming
// exactly the reports its fault touches — worked out here from what was sent, not from the run.
//
// Two faults need the checker to look past the single report: rejects-v1 (a feilet is wrong only
// for a report valid against its schema, which the checker validates from what was sent) and
// wrong-correlation (a mottatt naming another delivered report shows only as answers beyond a
// melding-id's deliveries beside reports never answered). Their facts are asserted here too.
import { afterAll, describe, expect, test } from '@jest/globals';
import { createEmbeddedDatabasePool } from '../../../harness/environments/database/index.ts';
import { findAdapter, referenceAdapter } from '../../../harness/run/run-adapters.ts';
import type { CheckResult } from '../../../scenarios/checker/check-result.ts';
import type { Verdict } from '../../../scenarios/checker/verdicts.ts';
import type { SentReport } from '../../portal/read-back-judgement.ts';
import { type CheckedRun, type CheckedRunOptions, checkedRun, settled } from './faulty-run-test-kit.ts';
import { faultyReceiver } from './index.ts';
import { TEXT_COLUMN_CHARACTERS } from './truncates-long-texts.ts';
import { WRITE_BEHIND_DELAY_MS } from './write-behind-cache.ts';

const TIMEOUT_MS = 60_000;
const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

/** Seed 'faulty 3': two v1 reports, six to districts, five with a text over 4,000 characters, three payloads over 15,000 bytes. */
const WORKLOAD: CheckedRunOptions = { pool, seed: 'faulty 3', reports: 12, poison: true, dokumentlagerThresholdBytes: 15_000 };

const runOf = (name: string, options: Partial<CheckedRunOptions> = {}): Promise<CheckedRun> => checkedRun(findAdapter(`faulty:${name}`), { ...WORKLOAD, ...options });

/** One run shared by the tests that ask different questions of it. */
function shared<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function verdicts(result: CheckResult): Record<string, Verdict> {
  return Object.fromEntries(Object.entries(result.perReport).map(([id, evidence]) => [id, evidence.verdict]));
}

/** `verdict` for the affected reports; for the rest what the reference gets: ok, and refused for the poison message. */
function expectedVerdicts(run: CheckedRun, affected: ReadonlySet<string>, verdict: Verdict): Record<string, Verdict> {
  return Object.fromEntries([...run.sent.keys()].map((id) => [id, affected.has(id) ? verdict : id === run.poisonId ? 'refused' : 'ok']));
}

/** The reports that are not the poison message and for which `touched` holds. */
function reportsWhere(run: CheckedRun, touched: (sent: SentReport) => boolean): Set<string> {
  return new Set([...run.sent.values()].filter((sent) => sent.bekymringsmeldingId !== run.poisonId && touched(sent)).map((sent) => sent.bekymringsmeldingId));
}

function longestText(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestText));
  if (value !== null && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestText));
  return 0;
}

describe('faulty receivers whose fault shows in an ordinary run (embedded, recorded from outside, checkHistory)', () => {
  test(
    'the reference receiver on the workload: valid true; every report ok, the poison message refused',
    async () => {
      const run = await checkedRun(referenceAdapter, WORKLOAD);

      expect({ valid: run.result.valid, reasons: run.result.reasons }).toEqual({ valid: true, reasons: [] });
      expect(verdicts(run.result)).toEqual(expectedVerdicts(run, new Set(), 'ok'));
      // The workload holds what the faulty receivers need to show their faults.
      expect(run.poisonId).toBeDefined();
      expect(run.viaDokumentlager.size).toBeGreaterThan(0);
      expect(run.viaDokumentlager.size).toBeLessThan(run.sent.size);
    },
    TIMEOUT_MS,
  );

  const cases: readonly (readonly [string, (run: CheckedRun) => ReadonlySet<string>])[] = [
    ['truncates-long-texts', (run) => reportsWhere(run, (sent) => longestText(JSON.parse(sent.contentJson)) > TEXT_COLUMN_CHARACTERS)],
    ['mangles-norwegian-letters', (run) => reportsWhere(run, (sent) => [...sent.contentJson].some((character) => character.charCodeAt(0) > 0x7f))],
    ['drops-pdf', (run) => reportsWhere(run, () => true)],
    ['misroute', (run) => reportsWhere(run, (sent) => sent.bydelsnummer !== '00')],
    ['ignores-dokumentlager', (run) => run.viaDokumentlager],
    ['always-ack-without-feilet', (run) => new Set(run.poisonId === undefined ? [] : [run.poisonId])],
    // Its fault shows with a storage outage too (faulty-steps.test.ts); a poison message is enough.
    ['nack-on-error', (run) => new Set(run.poisonId === undefined ? [] : [run.poisonId])],
  ];

  test.each(cases)(
    '%s: valid false, its expected verdict for exactly the reports its fault touches',
    async (name, touchedBy) => {
      const { expectedVerdict } = faultyReceiver(name);
      const run = await runOf(name);
      const affected = touchedBy(run);

      expect(affected.size).toBeGreaterThan(0);
      expect(affected.size).toBeLessThan(run.sent.size);
      expect(run.result.valid).toBe(false);
      expect(verdicts(run.result)).toEqual(expectedVerdicts(run, affected, expectedVerdict));
    },
    TIMEOUT_MS,
  );
});

describe('write-behind-cache: lost when the process ends between the mottatt and the write', () => {
  test(
    'the run reads back as soon as the portal is final, then stops the receiver (as a crash would): every report lost',
    async () => {
      const run = await runOf('write-behind-cache');

      expect(run.result.valid).toBe(false);
      expect(verdicts(run.result)).toEqual(expectedVerdicts(run, reportsWhere(run, () => true), 'lost'));
    },
    TIMEOUT_MS,
  );

  test(
    'the same run given the write-behind delay before the read-back: every report ok',
    async () => {
      const run = await runOf('write-behind-cache', {
        beforeReadBack: async (environment, adapter) => {
          await environment.clock.advance(WRITE_BEHIND_DELAY_MS);
          await settled(adapter);
        },
      });

      expect({ valid: run.result.valid, reasons: run.result.reasons }).toEqual({ valid: true, reasons: [] });
    },
    TIMEOUT_MS,
  );
});

describe('faults the checker sees only by looking past the single report', () => {
  const rejectsV1 = shared(() => runOf('rejects-v1'));
  const v1Reports = (run: CheckedRun): Set<string> => reportsWhere(run, (sent) => sent.meldingstype.endsWith('.v1'));

  test(
    'rejects-v1: exactly the v1 reports (valid ones) are wrongly-refused; the poison message, which breaks its schema, is refused; valid false',
    async () => {
      const run = await rejectsV1();
      const v1 = v1Reports(run);

      expect(v1.size).toBeGreaterThan(0);
      expect(verdicts(run.result)).toEqual(expectedVerdicts(run, v1, 'wrongly-refused'));
      expect(run.result.valid).toBe(false);
      for (const id of v1) expect(run.result.perReport[id]?.receipts.map((receipt) => receipt.kind)).toEqual(['feilet']);
    },
    TIMEOUT_MS,
  );

  const wrongCorrelation = shared(() => runOf('wrong-correlation'));

  /** Per melding-id: how often the broker delivered it, and how many distinct mottatt answered it. */
  function answersAndDeliveries(run: CheckedRun): { readonly unanswered: Set<string>; readonly overAnswered: Set<string> } {
    const unanswered = new Set<string>();
    const overAnswered = new Set<string>();
    for (const [reportId, evidence] of Object.entries(run.result.perReport)) {
      if (reportId === run.poisonId) continue;
      const mottatt = new Set(evidence.receipts.filter((receipt) => receipt.kind === 'mottatt').map((receipt) => receipt.meldingId));
      if (mottatt.size === 0 && evidence.delivered.length > 0) unanswered.add(reportId);
      if (mottatt.size > evidence.deliveries) overAnswered.add(reportId);
    }
    return { unanswered, overAnswered };
  }

  test(
    'wrong-correlation (prefetch 10, a backlog): the reports answered more often than delivered and those, stored, never answered are misattributed; nothing else fails; valid false',
    async () => {
      const run = await wrongCorrelation();
      const { unanswered, overAnswered } = answersAndDeliveries(run);

      expect(overAnswered.size).toBeGreaterThan(0);
      expect(unanswered.size).toBeGreaterThan(0);
      // Nothing is lost: every report is stored once, as sent; the receipts name the wrong reports.
      expect(run.result.reports.lost).toEqual([]);
      expect(new Set(run.result.reports.misattributed)).toEqual(new Set([...unanswered, ...overAnswered]));
      for (const id of unanswered) expect(run.result.perReport[id]?.flags).toContain('unanswered');
      expect(run.result.reports.unanswered).toEqual([]);
      expect(run.result.misattributedReceipts.filter((receipt) => receipt.why === 'answers-another-delivery').length).toBeGreaterThanOrEqual(unanswered.size);
      expect(run.result.valid).toBe(false);
    },
    TIMEOUT_MS,
  );
});
