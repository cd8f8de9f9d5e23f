// KS's own examples are the outside truth: each must pass the project's validation for its type.
import { describe, expect, test } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { FEILET, REPORT_TYPES } from '../message-types.ts';
import type { ReportType } from '../message-types.ts';
import { ksExampleFiles, ksValidator, readKsJson } from '../../harness/testing/ks-reference.ts';
import { KS_EXAMPLE_TYPES, ksExample } from './ks-example-types.ts';
import { formatProblems, validateFeilmelding, validateReport } from './index.ts';
import type { ValidationResult } from './index.ts';

const ksReportExamples = Object.entries(KS_EXAMPLE_TYPES).filter((entry): entry is [string, ReportType] => entry[1] !== FEILET);

function explain(result: ValidationResult): string {
  return result.valid ? 'valid' : formatProblems(result.problems);
}

describe("KS's examples", () => {
  test('every example file KS publishes has a known type here', () => {
    expect(ksExampleFiles().sort()).toEqual(Object.keys(KS_EXAMPLE_TYPES).sort());
  });

  test.each(Object.entries(KS_EXAMPLE_TYPES))('%s passes the project schema for %s', (file, type) => {
    const content = ksExample(file);
    const result = type === FEILET ? validateFeilmelding(content) : validateReport(type, content);
    expect(explain(result)).toBe('valid');
  });

  test('a receiver that supports v2 must accept v1: every v1 example also passes its v2 schema', () => {
    expect(explain(validateReport('no.ks.fiks.bekymringsmelding.privat.v2', ksExample('privatBekymringsmeldingV1.json')))).toBe('valid');
    expect(explain(validateReport('no.ks.fiks.bekymringsmelding.offentlig.v2', ksExample('offentligBekymringsmeldingV1.json')))).toBe('valid');
  });

  test('and each passes KS\'s own schema (with date-time relaxed, see the next test)', () => {
    for (const [file, type] of Object.entries(KS_EXAMPLE_TYPES)) {
      const validate = ksValidator(type === FEILET ? 'feilmelding' : type);
      expect({ file, valid: validate(ksExample(file)), errors: validate.errors ?? null }).toEqual({ file, valid: true, errors: null });
    }
  });
});

describe("KS's sendingstidspunkt: format date-time, yet sent without a zone", () => {
  // Built here with ajv-formats' standard date-time, which follows RFC 3339 and requires a zone.
  // Everything else is as in ksValidator: the address schema registered where KS's $refs point.
  function strictKsValidator(type: ReportType): ReturnType<Ajv2019['compile']> {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (instance: Ajv2019) => void)(ajv);
    ajv.addSchema({ ...(readKsJson('domain/adresse.json') as object), $id: 'https://fiks.ks.no/adresse.json' });
    const file = type.endsWith('.v1') ? `domain/${type.split('.')[4]}.bekymringsmelding.v1.json` : `domain/v2/${type.split('.')[4]}.bekymringsmelding.v2.json`;
    return ajv.compile(readKsJson(file) as object);
  }

  test.each(ksReportExamples)(
    "KS's schema read strictly rejects KS's own %s, and only for sendingstidspunkt; that is why the cross-check relaxes date-time and nothing else",
    (file, type) => {
      const validate = strictKsValidator(type);
      expect(validate(ksExample(file))).toBe(false);
      expect(validate.errors?.map((error) => [error.instancePath, error.keyword, error.params])).toEqual([['/sendingstidspunkt', 'format', { format: 'date-time' }]]);
    },
  );

  test('every report type has a KS example to prove the point with', () => {
    expect(ksReportExamples.map(([, type]) => type).sort()).toEqual([...REPORT_TYPES].sort());
  });
});
