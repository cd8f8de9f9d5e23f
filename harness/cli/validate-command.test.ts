// `ackproof validate`, run for real as a child process: exit codes 0/1/2 and what a person reads.
import { afterAll, describe, expect, test } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KS_EXAMPLE_TYPES, ksExample } from '../../contracts/validation/ks-example-types.ts';
import { runAckproof, scratchDir, writeJson } from './cli-process.ts';

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Breaker = (report: Record<string, unknown>) => void;

function child(report: Record<string, unknown>, list: string): Record<string, unknown> {
  const children = report[list] as Record<string, unknown>[];
  const first = children[0];
  if (!first) throw new Error(`test setup: ${list} is empty`);
  return first;
}

// Each broken variant: which KS example, how to break it, and the pointers the output must name.
const BROKEN: readonly [string, string, Breaker, readonly string[]][] = [
  ['missing kommunenummer', 'privatBekymringsmeldingV2.json', (r) => delete r['kommunenummer'], ['/kommunenummer']],
  ['kommunenummer 12A1', 'offentligBekymringsmeldingV2.json', (r) => (r['kommunenummer'] = '12A1'), ['/kommunenummer']],
  ['bydelsnummer 2', 'privatBekymringsmeldingV1.json', (r) => (r['bydelsnummer'] = '2'), ['/bydelsnummer']],
  ['privat child without adresse', 'privatBekymringsmeldingV2.json', (r) => delete child(r, 'privatBarn')['adresse'], ['/privatBarn/0/adresse']],
  ['offentlig child without adresse', 'offentligBekymringsmeldingV1.json', (r) => delete child(r, 'offentligBarn')['adresse'], ['/offentligBarn/0/adresse']],
  ['three guardians', 'offentligBekymringsmeldingV2.json', (r) => (r['foresatte'] = [1, 2, 3].map(() => child(r, 'foresatte'))), ['/foresatte']],
  ['no children (stricter than KS)', 'privatBekymringsmeldingV2.json', (r) => (r['privatBarn'] = []), ['/privatBarn']],
  [
    'several faults at once',
    'offentligBekymringsmeldingV2.json',
    (r) => {
      delete r['kommunenummer'];
      r['bydelsnummer'] = '2';
      r['sendingstidspunkt'] = '2020-03-16 13:29:33';
      delete child(r, 'offentligBarn')['adresse'];
    },
    ['/kommunenummer', '/bydelsnummer', '/sendingstidspunkt', '/offentligBarn/0/adresse'],
  ],
];

describe('ackproof validate', () => {
  test.each(Object.entries(KS_EXAMPLE_TYPES).filter(([file]) => file !== 'feilmelding_tom.json'))(
    "KS's %s is valid (exit 0), its type inferred",
    (file, type) => {
      const path = writeJson(dir, file, ksExample(file));
      const outcome = runAckproof(['validate', path]);
      const inferred = type.includes('.privat.') ? 'no.ks.fiks.bekymringsmelding.privat.v2' : type.includes('.offentlig.') ? 'no.ks.fiks.bekymringsmelding.offentlig.v2' : type;
      expect(outcome).toEqual({ status: 0, stdout: `valid: ${path} (${inferred}, inferred)\n`, stderr: '' });
    },
  );

  test("with --type, the given type is used and said: KS's empty feilmelding is a valid feilet.v1 body", () => {
    const path = writeJson(dir, 'tom.json', ksExample('feilmelding_tom.json'));
    expect(runAckproof(['validate', path, '--type', 'no.ks.fiks.bekymringsmelding.feilet.v1'])).toEqual({
      status: 0,
      stdout: `valid: ${path} (no.ks.fiks.bekymringsmelding.feilet.v1, given)\n`,
      stderr: '',
    });
  });

  test.each(BROKEN.map(([name, file, breakIt, pointers]) => [name, file, breakIt, pointers] as const))('%s: exit 1, every problem with its pointer', (name, file, breakIt, pointers) => {
    const report = ksExample(file);
    breakIt(report);
    const path = writeJson(dir, `${name.replaceAll(' ', '-')}.json`, report);
    const outcome = runAckproof(['validate', path]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe('');
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^invalid: .*\\(no\\.ks\\.fiks\\.bekymringsmelding\\.\\w+\\.v2, inferred\\): ${pointers.length} problems?$`));
    expect(lines.slice(1).map((line) => line.trim().split(': ')[0]).sort()).toEqual([...pointers].sort());
  });

  test('a given type that does not fit lists what that type misses (exit 1)', () => {
    const path = writeJson(dir, 'offentlig-as-privat.json', ksExample('offentligBekymringsmeldingV1.json'));
    const outcome = runAckproof(['validate', path, '--type', 'no.ks.fiks.bekymringsmelding.privat.v1']);
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toContain('  /privatMelder: required but missing');
    expect(outcome.stdout).toContain("  /melding: must be the report's text, a string; got an object");
  });

  test('a missing file: exit 2, saying so', () => {
    const outcome = runAckproof(['validate', join(dir, 'no-such-file.json')]);
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(`ackproof validate: cannot read ${join(dir, 'no-such-file.json')}: there is no such file.`);
  });

  test('a file that is not JSON: exit 2, with the line and column of the syntax error', () => {
    const path = join(dir, 'not-json.json');
    writeFileSync(path, '{\n  "kommunenummer": "1201",\n  kommunenavn: "Bergen"\n}\n');
    const outcome = runAckproof(['validate', path]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain(`${path} is not valid JSON: at line 3, column 3: expected a double-quoted property name, found 'k'`);
    expect(outcome.stderr).toContain('    kommunenavn: "Bergen"\n    ^');
  });

  test('a file that is not UTF-8 (Latin-1 æøå): exit 2, with where', () => {
    const path = join(dir, 'latin1.json');
    writeFileSync(path, Buffer.from('{\n  "melding": "Feil i Tromsø"\n}\n', 'latin1'));
    const outcome = runAckproof(['validate', path]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain(`${path} is not UTF-8: byte 0xf8 at line 2, column 27`);
  });

  test('content whose type cannot be inferred: exit 2, asking for --type and listing the types', () => {
    const path = writeJson(dir, 'empty.json', {});
    const outcome = runAckproof(['validate', path]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('Pass --type with one of:');
    for (const type of Object.values(KS_EXAMPLE_TYPES)) expect(outcome.stderr).toContain(type);
  });

  test('an unknown --type: exit 2, listing the valid ones', () => {
    const path = writeJson(dir, 'x.json', ksExample('feilmelding.json'));
    const outcome = runAckproof(['validate', path, '--type', 'no.ks.fiks.bekymringsmelding.mottatt.v1']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('unknown --type "no.ks.fiks.bekymringsmelding.mottatt.v1". The types it can check are:');
    expect(outcome.stderr).toContain('no.ks.fiks.bekymringsmelding.feilet.v1');
  });

  test('wrong arguments: exit 2 with the usage; --help: exit 0 with the usage on stdout', () => {
    for (const args of [['validate'], ['validate', 'a.json', 'b.json'], ['validate', '--colour', 'a.json'], ['validate', 'a.json', '--type']]) {
      const outcome = runAckproof(args);
      expect({ args, status: outcome.status, usage: outcome.stderr.includes('Usage: ackproof validate <file> [--type <meldingstype>]') }).toEqual({ args, status: 2, usage: true });
    }
    const help = runAckproof(['validate', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: ackproof validate <file> [--type <meldingstype>]');
  });
});
