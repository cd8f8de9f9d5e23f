// The report folder of a certified and a not-certified run: the five outputs (and the public key)
// are there; report.json validates against contracts/schemas/report.schema.json; junit.xml parses
// with one test case per scenario, the failure carrying the verdict and the lost ids; history.jsonl
// holds every event tagged with its scenario; verify-report (the real command) exits 0 on the
// untouched folder, 1 naming the file after one byte of report.json, report.html or history.jsonl
// changes, and 2 for a folder that is not a report.
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validatorFor } from '../../contracts/validation/schema-registry.ts';
import { runAckproof } from '../cli/cli-process.ts';
import { scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Certification } from '../certify/certify.ts';
import { reportHtml } from './html/report-html.ts';
import { junitXml } from './junit-xml.ts';
import { REPORT_FILES } from './report-files.ts';
import { certificationReport } from './report-json.ts';
import { type ReportFixture, reportFixtures } from './report-test-fixtures.ts';

let root = '';
let certified: ReportFixture;
let notCertified: ReportFixture;

beforeAll(async () => {
  ({ root, certified, notCertified } = await reportFixtures());
}, 240_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('certify --out: the report folder', () => {
  test('each run writes report.json, junit.xml, report.html, history.jsonl, the public key and the signature', async () => {
    for (const { folder } of [certified, notCertified]) expect((await readdir(folder)).sort()).toEqual(Object.values(REPORT_FILES).sort());
  });

  test('report.json validates against its schema, with a reportVersion; the verdicts are the certifications\'', async () => {
    const validate = validatorFor('report.schema.json');
    for (const { folder, certification } of [certified, notCertified]) {
      const report = JSON.parse(await readFile(join(folder, REPORT_FILES.json), 'utf8')) as Record<string, unknown>;
      expect({ valid: validate(report), errors: validate.errors ?? [] }).toEqual({ valid: true, errors: [] });
      expect(report['reportVersion']).toBe(1);
      expect(report['verdict']).toBe(certification.verdict);
    }
    expect(certified.written.report.verdict).toBe('certified');
    expect(notCertified.written.report.verdict).toBe('not certified');
    const lost = notCertified.certification.scenarios[0]?.result.check.reports.lost ?? [];
    expect(lost.length).toBeGreaterThan(0);
    expect(notCertified.written.report.scenarios[0]?.affected.lost).toEqual(lost);
    expect(notCertified.written.report.summary).toContain(`This receiver can lose a report it has acknowledged: ${lost.length} report`);
  });

  test('a report that breaks the schema is refused by it (the schema can fail)', async () => {
    const validate = validatorFor('report.schema.json');
    const report = JSON.parse(await readFile(join(certified.folder, REPORT_FILES.json), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...report, verdict: 'mostly certified' })).toBe(false);
    const { reportVersion: _, ...withoutVersion } = report;
    expect(validate(withoutVersion)).toBe(false);
  });

  test('junit.xml parses; one test case per scenario; the failure names the verdict and the lost reports', async () => {
    for (const { folder, certification } of [certified, notCertified]) {
      const xml = await readFile(join(folder, REPORT_FILES.junit), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(xml) as {
        testsuites: { testsuite: { testcase: { '@_name': string; failure?: { '@_type': string; '@_message': string } }[] } };
      };
      const cases = parsed.testsuites.testsuite.testcase;
      expect(cases.map((each) => each['@_name'].split(':')[0])).toEqual(certification.scenarios.map(({ scenario }) => scenario.id));
      for (const [index, done] of certification.scenarios.entries()) expect(cases[index]?.failure !== undefined).toBe(done.result.valid === false);
    }
    const failure = (await readFile(join(notCertified.folder, REPORT_FILES.junit), 'utf8')).match(/<failure type="([^"]*)" message="([^"]*)"/);
    expect(failure?.[1]).toContain('lost');
    for (const id of notCertified.certification.scenarios[0]?.result.check.reports.lost ?? []) expect(failure?.[2]).toContain(id);
  });

  test('history.jsonl holds every event of every scenario, each line tagged with its scenario', async () => {
    const lines = (await readFile(join(notCertified.folder, REPORT_FILES.history), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { scenario: string; seq: number });
    const events = notCertified.certification.scenarios[0]?.result.events ?? [];
    expect(lines.length).toBe(events.length);
    expect(new Set(lines.map((line) => line.scenario))).toEqual(new Set(['storage-outage']));
    expect(lines.map((line) => line.seq)).toEqual(events.map((event) => event.seq));
  });
});

describe('ackproof verify-report', () => {
  test('an untouched folder: exit 0, with who signed (ephemeral key), when, and the verdict', () => {
    const outcome = runAckproof(['verify-report', notCertified.folder]);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain(notCertified.written.signingKey.keyId);
    expect(outcome.stdout).toContain('ephemeral');
    expect(outcome.stdout).toContain('2026-11-22T03:00:00.000Z');
    expect(outcome.stdout).toContain('NOT CERTIFIED');
  });

  test.each([REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.history])('one byte of %s changed: exit 1, naming it', async (file) => {
    const copy = join(root, `altered-${file}`);
    await cp(notCertified.folder, copy, { recursive: true });
    const bytes = await readFile(join(copy, file));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(join(copy, file), bytes);
    const outcome = runAckproof(['verify-report', copy]);
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toContain(`${file}: changed since it was signed`);
    // Only the file that changed is named.
    expect(outcome.stdout.split('\n').filter((line) => line.includes('changed since'))).toHaveLength(1);
  });

  test('a re-signed statement with another key fails against the original public key', async () => {
    const other = join(root, 'resigned');
    await cp(notCertified.folder, other, { recursive: true });
    await cp(join(certified.folder, REPORT_FILES.publicKey), join(other, REPORT_FILES.publicKey));
    const outcome = runAckproof(['verify-report', other]);
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toContain(REPORT_FILES.envelope);
  });

  test('--public-key: the right key passes, another key is refused', () => {
    expect(runAckproof(['verify-report', notCertified.folder, '--public-key', join(notCertified.folder, REPORT_FILES.publicKey)]).status).toBe(0);
    const wrong = runAckproof(['verify-report', notCertified.folder, '--public-key', join(certified.folder, REPORT_FILES.publicKey)]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('not by the required');
  });

  test('a folder that is not a report: exit 2, saying so', () => {
    const outcome = runAckproof(['verify-report', root]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('not an ackproof report folder');
    expect(runAckproof(['verify-report', join(root, 'no-such-folder')]).status).toBe(2);
  });
});

describe('scenarios that did not apply, and fault coverage', () => {
  test('a not-applicable scenario is skipped in junit.xml with its reason, named on the page, and leaves its requirements untested; coverage is shown', () => {
    const crash = scenarioNamed('crash-after-commit');
    if (crash === undefined) throw new Error('no crash-after-commit scenario');
    const [done] = certified.certification.scenarios;
    if (done === undefined) throw new Error('the certified fixture ran no scenario');
    const certification: Certification = {
      ...certified.certification,
      adapter: 'url:http://127.0.0.1:9',
      adapterDescription: 'a running receiver',
      identity: { kind: 'url', spec: 'url:http://127.0.0.1:9' },
      scenarios: [{ ...done, coverage: { points: 4, explored: [{ point: 'crash at commit #1', valid: true, affectedReports: [], replay: 'npx ackproof …' }] } }],
      notApplicable: [{ scenario: crash, why: 'ackproof cannot kill a receiver it did not start (url:)' }],
    };
    const report = certificationReport({
      certification,
      generatedAt: new Date('2026-11-22T03:30:00Z'),
      ackproofVersion: '0.1.0',
      environment: certified.written.report.environment,
      pacts: [],
      signer: { keyId: certified.written.report.signature.keyId, kind: 'ephemeral' },
    });
    const validate = validatorFor('report.schema.json');
    expect({ valid: validate(report), errors: validate.errors ?? [] }).toEqual({ valid: true, errors: [] });
    expect(report.notApplicable).toEqual([{ id: 'crash-after-commit', title: crash.title, why: 'ackproof cannot kill a receiver it did not start (url:)' }]);
    expect(report.scenarios[0]?.coverage).toMatchObject({ points: 4, explored: 1, failingPoints: 0 });
    expect(report.requirements.find((requirement) => requirement.id === 'fiks-io.redelivery')?.status).toBe('not tested');

    const xml = junitXml(report);
    expect(xml).toMatch(/<testsuites name="ackproof certify" tests="2" failures="0" errors="0" skipped="1"/);
    expect(xml).toContain('<skipped message="not applicable: ackproof cannot kill a receiver it did not start (url:)"/>');
    const page = reportHtml(report, certification);
    expect(page).toContain('<code>crash-after-commit</code> — ');
    expect(page).toContain('1 of 4 fault points explored, 0 failing');
  });

  test('a failing fault point of an exploration is listed with its reports and its replay command', () => {
    const [done] = notCertified.certification.scenarios;
    if (done === undefined) throw new Error('the not-certified fixture ran no scenario');
    const point = { point: 'database commit-refused #2', valid: false as const, affectedReports: ['report-<b>'], replay: "npx ackproof certify --explore-point 'x'" };
    const certification: Certification = { ...notCertified.certification, scenarios: [{ ...done, coverage: { points: 2, explored: [point] } }] };
    const report = { ...notCertified.written.report, scenarios: certificationReport({ ...contextOf(notCertified.written.report), certification }).scenarios };
    const page = reportHtml(report, certification);
    expect(page).toContain('Fault points where it failed (1 of 1 explored)');
    expect(page).toContain('database commit-refused #2 — reports report-&lt;b&gt;');
    expect(page).toContain('npx ackproof certify --explore-point &#39;x&#39;');
  });
});

function contextOf(report: typeof certified.written.report): Omit<Parameters<typeof certificationReport>[0], 'certification'> {
  return {
    generatedAt: new Date(report.generatedAt),
    ackproofVersion: report.ackproof.version,
    environment: report.environment,
    pacts: report.pacts,
    signer: { keyId: report.signature.keyId, kind: report.signature.keyKind },
  };
}
