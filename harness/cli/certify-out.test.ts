// `ackproof certify --out` as a user runs it: the report folder is written and named on stdout;
// run again into the same folder, the earlier report is replaced; a folder holding someone's files
// is refused before any scenario runs (exit 2, nothing written); --sign-key signs with the given
// key (verify-report --public-key accepts it) and a key that is not Ed25519 is refused; --json
// carries report.html's path.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { REPORT_FILES } from '../report/report-files.ts';
import { type CliOutcome, scratchDir } from './cli-process.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
/** Generous: certify runs on a 2-core machine shared with other test runs. */
const CERTIFY_MS = 170_000;

function runAckproof(args: readonly string[]): CliOutcome {
  const child = spawnSync(process.execPath, ['bin/ackproof.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: CERTIFY_MS });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const root = scratchDir();
afterAll(() => rm(root, { recursive: true, force: true }));

const ONE_SCENARIO = ['certify', '--adapter', 'reference', '--scenario', 'ordinary-day', '--reports', '1'];

describe('ackproof certify --out', () => {
  test('writes the report folder, names report.html, and replaces an earlier report in the same folder', async () => {
    const folder = join(root, 'report');
    const first = runAckproof([...ONE_SCENARIO, '--out', folder]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Report: ${join(folder, REPORT_FILES.html)}`);
    expect(first.stdout).toContain('ephemeral key');
    expect((await readdir(folder)).sort()).toEqual(Object.values(REPORT_FILES).sort());
    // Off a TTY: no escape codes, no line rewritten in place.
    expect(first.stderr + first.stdout).not.toContain('\u001b[');
    const firstKey = await readFile(join(folder, REPORT_FILES.publicKey), 'utf8');

    const second = runAckproof([...ONE_SCENARIO, '--out', folder, '--json']);
    expect(second.status).toBe(0);
    const json = JSON.parse(second.stdout) as { verdict: string; report: { html: string; keyKind: string } };
    expect(json.verdict).toBe('certified');
    expect(json.report.html).toBe(join(folder, REPORT_FILES.html));
    expect(await readFile(join(folder, REPORT_FILES.publicKey), 'utf8')).not.toBe(firstKey);
    expect(runAckproof(['verify-report', folder]).status).toBe(0);
  }, 2 * CERTIFY_MS);

  test("a folder with someone's files: exit 2 before anything runs, the folder untouched", async () => {
    const folder = join(root, 'theirs');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'mine');
    const outcome = runAckproof([...ONE_SCENARIO, '--out', folder]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('is not empty and is not an earlier ackproof report');
    expect(outcome.stderr).not.toContain('✓ ordinary-day');
    expect(await readdir(folder)).toEqual(['notes.txt']);
  }, CERTIFY_MS);

  test('--sign-key: the given key signs (verify-report --public-key accepts it); an RSA key is refused with exit 2', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(root, 'signing.pem');
    const publicFile = join(root, 'signing.pub.pem');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const folder = join(root, 'signed');
    const outcome = runAckproof([...ONE_SCENARIO, '--out', folder, '--sign-key', keyFile]);
    expect(outcome.status).toBe(0);
    const report = JSON.parse(await readFile(join(folder, REPORT_FILES.json), 'utf8')) as { signature: { keyKind: string } };
    expect(report.signature.keyKind).toBe('given');
    expect(runAckproof(['verify-report', folder, '--public-key', publicFile]).status).toBe(0);

    const rsa = join(root, 'rsa.pem');
    await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const refused = runAckproof([...ONE_SCENARIO, '--out', join(root, 'never'), '--sign-key', rsa]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('holds a rsa key; reports are signed with Ed25519');
    await expect(readdir(join(root, 'never'))).rejects.toThrow(/ENOENT/);
  }, 2 * CERTIFY_MS);
});
