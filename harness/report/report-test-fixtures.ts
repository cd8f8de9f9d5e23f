// For the report's tests: two small certifications on the embedded environment, one certified (the
// reference, an ordinary day of 2 reports) and one not (faulty:receipt-before-commit through a
// storage outage: mottatt before the commit that then fails — lost reports), written as report
// folders. Small workloads: the report is under test here, not the receivers.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import { type Certification, certify } from '../certify/certify.ts';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { findAdapter } from '../run/run-adapters.ts';
import { type WrittenReport, writeReport } from './write-report.ts';

export interface ReportFixture {
  readonly certification: Certification;
  readonly written: WrittenReport;
  readonly folder: string;
}

/** The fixed moment the fixtures' reports say they were written (the reports are not about time). */
export const FIXTURE_DATE = new Date('2026-11-22T03:00:00.000Z');

async function one(adapterName: string, scenarioId: string, reports: number, root: string, poolOwner: ReturnType<typeof createEmbeddedDatabasePool>): Promise<ReportFixture> {
  const scenario = scenarioNamed(scenarioId);
  if (scenario === undefined) throw new Error(`report-test-fixtures: no scenario ${scenarioId}`);
  const adapter = findAdapter(adapterName);
  const certification = await certify({ adapter, environment: 'embedded', seed: '1', scenarios: [scenario], override: { reports }, databasePool: poolOwner, shrink: false });
  const folder = join(root, adapterName.replace(/\W/g, '-'));
  const written = await writeReport({ folder, certification, generatedAt: FIXTURE_DATE, commandLine: `ackproof certify --adapter ${adapterName} --scenario ${scenarioId} --reports ${reports} --out ${folder}` });
  return { certification, written, folder };
}

/** Certifies both and writes their folders under a fresh temporary folder (the caller removes `root`). */
export async function reportFixtures(): Promise<{ readonly root: string; readonly certified: ReportFixture; readonly notCertified: ReportFixture }> {
  const root = await mkdtemp(join(tmpdir(), 'ackproof-report-'));
  const pool = createEmbeddedDatabasePool();
  try {
    const certified = await one('reference', 'ordinary-day', 2, root, pool);
    const notCertified = await one('faulty:receipt-before-commit', 'storage-outage', 4, root, pool);
    return { root, certified, notCertified };
  } finally {
    await pool.close();
  }
}
