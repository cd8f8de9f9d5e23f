// Broken variants of KS's examples: each fault is found, pointed at exactly, and said in words.
import { describe, expect, test } from '@jest/globals';
import type { ReportType } from '../message-types.ts';
import { ksValidator } from '../../harness/testing/ks-reference.ts';
import { ksExample } from './ks-example-types.ts';
import { formatProblems, validateReport } from './index.ts';
import type { ValidationProblem } from './index.ts';

const PRIVAT_V2: ReportType = 'no.ks.fiks.bekymringsmelding.privat.v2';
const OFFENTLIG_V2: ReportType = 'no.ks.fiks.bekymringsmelding.offentlig.v2';

function problemsOf(type: ReportType, content: unknown): readonly ValidationProblem[] {
  const result = validateReport(type, content);
  if (result.valid) throw new Error(`expected ${type} content to be invalid, but it passed`);
  return result.problems;
}

function pointersOf(type: ReportType, content: unknown): string[] {
  return problemsOf(type, content).map((problem) => problem.pointer);
}

describe('a broken report is rejected with the pointer to what is wrong', () => {
  test('missing kommunenummer points at /kommunenummer itself, not at the report', () => {
    const report = ksExample('privatBekymringsmeldingV2.json');
    delete report['kommunenummer'];
    const problems = problemsOf(PRIVAT_V2, report);
    expect(problems).toEqual([{ pointer: '/kommunenummer', message: expect.stringContaining('required but missing: the municipality number') as unknown }]);
  });

  test('kommunenummer "12A1" points at /kommunenummer and quotes the value', () => {
    const report = ksExample('offentligBekymringsmeldingV2.json');
    report['kommunenummer'] = '12A1';
    expect(formatProblems(problemsOf(OFFENTLIG_V2, report))).toBe('/kommunenummer: must be the municipality number, four digits (e.g. "1201"); got "12A1"');
  });

  test('bydelsnummer "2" says two digits and "00" for municipalities without districts', () => {
    const report = ksExample('privatBekymringsmeldingV1.json');
    report['bydelsnummer'] = '2';
    expect(formatProblems(problemsOf('no.ks.fiks.bekymringsmelding.privat.v1', report))).toBe(
      '/bydelsnummer: must be the district number, two digits ("00" when the municipality has no districts); got "2"',
    );
  });

  test('a child without adresse points at the missing address, privat and offentlig', () => {
    const privat = ksExample('privatBekymringsmeldingV2.json') as { privatBarn: Record<string, unknown>[] };
    delete privat.privatBarn[0]?.['adresse'];
    expect(pointersOf(PRIVAT_V2, privat)).toEqual(['/privatBarn/0/adresse']);

    const offentlig = ksExample('offentligBekymringsmeldingV1.json') as { offentligBarn: Record<string, unknown>[] };
    delete offentlig.offentligBarn[0]?.['adresse'];
    const problems = problemsOf('no.ks.fiks.bekymringsmelding.offentlig.v1', offentlig);
    expect(problems).toEqual([{ pointer: '/offentligBarn/0/adresse', message: "required but missing: the child's address, an object with at least adresselinje1" }]);
  });

  test('three guardians point at /foresatte and say one or two', () => {
    const report = ksExample('offentligBekymringsmeldingV2.json') as { foresatte: unknown[] };
    const guardian = report.foresatte[0];
    report.foresatte = [guardian, structuredClone(guardian), structuredClone(guardian)];
    expect(formatProblems(problemsOf(OFFENTLIG_V2, report))).toBe("/foresatte: must have at most 2 items: the child's parents or guardians, a list of one or two; got 3");
  });

  test('several faults at once are all listed, each once', () => {
    const report = ksExample('offentligBekymringsmeldingV2.json') as Record<string, unknown> & {
      offentligBarn: Record<string, unknown>[];
      offentligMelder: Record<string, unknown>;
      melding: Record<string, unknown>;
    };
    delete report['kommunenummer'];
    report['bydelsnummer'] = '2';
    delete report.offentligBarn[1]?.['adresse'];
    report.offentligMelder['epost'] = 'not an address';
    report.melding['andreSynspunkter'] = 42;
    report['sendingstidspunkt'] = '2020-02-30T10:00:00';
    const pointers = pointersOf(OFFENTLIG_V2, report);
    expect([...pointers].sort()).toEqual(
      ['/kommunenummer', '/bydelsnummer', '/offentligBarn/1/adresse', '/offentligMelder/epost', '/melding/andreSynspunkter', '/sendingstidspunkt'].sort(),
    );
  });

  test('a wrong type says which type, in words, and what was found', () => {
    const report = ksExample('offentligBekymringsmeldingV2.json') as { offentligBarn: Record<string, unknown>[] };
    const child = report.offentligBarn[0] ?? {};
    child['ufoedt'] = 'nei';
    child['personnavn'] = 7;
    expect(formatProblems(problemsOf(OFFENTLIG_V2, report)).split('\n')).toEqual([
      '/offentligBarn/0/ufoedt: must be true or false: whether the child is unborn; got "nei"',
      "/offentligBarn/0/personnavn: must be a string: the child's name, one line of text; got the number 7",
    ]);
  });

  test('a value that is not an object at all is a problem at the root, shown as (root)', () => {
    expect(formatProblems(problemsOf(PRIVAT_V2, ['a', 'list']))).toBe('(root): must be a concern report from a private person, an object; got a list of 2 items');
    expect(pointersOf(PRIVAT_V2, null)).toEqual(['']);
  });

  test('a long value is shortened in the message, with its length', () => {
    const report = ksExample('privatBekymringsmeldingV2.json');
    report['kommunenummer'] = '1'.repeat(500);
    const [problem] = problemsOf(PRIVAT_V2, report);
    expect(problem?.message).toMatch(/got "1{60}"… \(500 characters\)$/);
  });

  test('a name with a line break breaks KS\'s one-line pattern in offentlig reports', () => {
    const report = ksExample('offentligBekymringsmeldingV1.json') as { offentligMelder: Record<string, unknown> };
    report.offentligMelder['personnavn'] = 'Kari\nNordmann';
    expect(pointersOf('no.ks.fiks.bekymringsmelding.offentlig.v1', report)).toEqual(['/offentligMelder/personnavn']);
  });
});

describe('where the project is stricter than KS', () => {
  test("privatBarn: [] is rejected here; KS's minLength on an array constrains nothing, so KS's schema accepts it", () => {
    const report = ksExample('privatBekymringsmeldingV2.json');
    report['privatBarn'] = [];
    expect(formatProblems(problemsOf(PRIVAT_V2, report))).toBe(
      '/privatBarn: must have at least 1 item: the children the report is about, a list of at least one; got none',
    );
    const ks = ksValidator(PRIVAT_V2);
    expect({ valid: ks(report), errors: ks.errors ?? null }).toEqual({ valid: true, errors: null });
  });

  test('sendingstidspunkt must be a real calendar date, with T, with seconds; a zone is optional', () => {
    const withTime = (time: string): Record<string, unknown> => ({ ...ksExample('privatBekymringsmeldingV2.json'), sendingstidspunkt: time });
    expect(validateReport(PRIVAT_V2, withTime('2020-03-16T13:29:33'))).toEqual({ valid: true });
    expect(validateReport(PRIVAT_V2, withTime('2020-03-16T12:29:33Z'))).toEqual({ valid: true });
    expect(validateReport(PRIVAT_V2, withTime('2020-03-16T13:29:33+01:00'))).toEqual({ valid: true });
    expect(pointersOf(PRIVAT_V2, withTime('2020-02-30T10:00:00'))).toEqual(['/sendingstidspunkt']);
    expect(pointersOf(PRIVAT_V2, withTime('2020-03-16 13:29:33'))).toEqual(['/sendingstidspunkt']);
  });
});
