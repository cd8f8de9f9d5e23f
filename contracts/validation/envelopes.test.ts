// The contracts around the report: Fiks IO delivery headers, the send API's metadata, and the case
// system's read-back answer. One valid example each, and the faults that matter.
import { describe, expect, test } from '@jest/globals';
import { formatProblems, validateDeliveryHeaders, validateReadBack, validateSendMetadata } from './index.ts';
import type { ValidationResult } from './index.ts';

const PORTAL_ACCOUNT = '6a1f1a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const CASE_SYSTEM_ACCOUNT = '0b7c7e0a-8f3e-4d2c-9b1a-5e6f7a8b9c0d';
const MELDING_ID = 'f3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d';
const REPORT_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

function without(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function pointers(result: ValidationResult): string[] {
  return result.valid ? [] : result.problems.map((problem) => problem.pointer);
}

function explain(result: ValidationResult): string {
  return result.valid ? 'valid' : formatProblems(result.problems);
}

describe('delivery headers', () => {
  const report = {
    'avsender-id': PORTAL_ACCOUNT,
    'melding-id': MELDING_ID,
    type: 'no.ks.fiks.bekymringsmelding.privat.v2',
    'egendefinert-header.bekymringsmelding-id': REPORT_ID,
    'egendefinert-header.bydel-ressurs-id': 'bergen-bergenhus',
    'egendefinert-header.klientMeldingId': '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  };
  const receipt = {
    'avsender-id': CASE_SYSTEM_ACCOUNT,
    'melding-id': '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    type: 'no.ks.fiks.bekymringsmelding.mottatt.v1',
    'svar-til': MELDING_ID,
  };

  test('a report and a receipt as Fiks IO delivers them are valid, other headers too', () => {
    expect(explain(validateDeliveryHeaders(report))).toBe('valid');
    expect(explain(validateDeliveryHeaders(receipt))).toBe('valid');
    expect(explain(validateDeliveryHeaders({ ...report, 'x-first-death-reason': 'expired', 'egendefinert-header.annet': 'x' }))).toBe('valid');
  });

  test('a melding-id that is not a UUID is rejected, and so is the urn:uuid: form', () => {
    expect(pointers(validateDeliveryHeaders({ ...report, 'melding-id': 'melding-1' }))).toEqual(['/melding-id']);
    expect(pointers(validateDeliveryHeaders({ ...report, 'melding-id': `urn:uuid:${MELDING_ID}` }))).toEqual(['/melding-id']);
  });

  test('a report without the bekymringsmelding-id header is rejected, with the header as pointer', () => {
    const result = validateDeliveryHeaders(without(report, 'egendefinert-header.bekymringsmelding-id'));
    expect(explain(result)).toBe(
      "/egendefinert-header.bekymringsmelding-id: required but missing: the report's own id, a UUID (the portal's custom header bekymringsmelding-id; required on a report)",
    );
  });

  test('a receipt does not need bekymringsmelding-id, but mottatt, feilet and the platform receipts need svar-til', () => {
    const withoutSvarTil = without(receipt, 'svar-til');
    for (const type of ['no.ks.fiks.bekymringsmelding.mottatt.v1', 'no.ks.fiks.bekymringsmelding.feilet.v1', 'no.ks.fiks.kvittering.tidsavbrudd', 'no.ks.fiks.kvittering.serverfeil.v1']) {
      expect({ type, pointers: pointers(validateDeliveryHeaders({ ...withoutSvarTil, type })) }).toEqual({ type, pointers: ['/svar-til'] });
    }
  });

  test('a custom header that is not a string, and missing basics, are all reported', () => {
    const result = validateDeliveryHeaders({ type: '', 'egendefinert-header.klientMeldingId': 17 });
    expect(pointers(result).sort()).toEqual(['/avsender-id', '/egendefinert-header.klientMeldingId', '/melding-id', '/type'].sort());
  });
});

describe('send metadata', () => {
  const metadata = {
    avsenderKontoId: CASE_SYSTEM_ACCOUNT,
    mottakerKontoId: PORTAL_ACCOUNT,
    meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1',
    ttl: 2 * 24 * 60 * 60 * 1000,
    svarPaMelding: MELDING_ID,
    headere: { klientMeldingId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' },
  };

  test('a receipt send is valid; svarPaMelding may be null or left out, ttl and headere too', () => {
    expect(explain(validateSendMetadata(metadata))).toBe('valid');
    expect(explain(validateSendMetadata({ ...metadata, svarPaMelding: null }))).toBe('valid');
    expect(explain(validateSendMetadata({ avsenderKontoId: PORTAL_ACCOUNT, mottakerKontoId: CASE_SYSTEM_ACCOUNT, meldingType: 'x.y' }))).toBe('valid');
  });

  test('ttl 0 is rejected in words', () => {
    expect(explain(validateSendMetadata({ ...metadata, ttl: 0 }))).toBe("/ttl: must be the message's time to live in milliseconds, a whole number above 0; got the number 0");
  });

  test('a fractional ttl, a non-UUID account and a header that is not a string are each found', () => {
    const result = validateSendMetadata({ ...metadata, ttl: 1.5, mottakerKontoId: 'portal', headere: { 'bekymringsmelding-id': 42 } });
    expect(pointers(result).sort()).toEqual(['/headere/bekymringsmelding-id', '/mottakerKontoId', '/ttl']);
  });

  test('the three required fields are named when missing', () => {
    expect(pointers(validateSendMetadata({})).sort()).toEqual(['/avsenderKontoId', '/meldingType', '/mottakerKontoId']);
  });
});

describe('read-back', () => {
  const stored = {
    bekymringsmeldingId: REPORT_ID,
    meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v2',
    bekymringsmelding: { kommunenummer: '1201' },
    pdf: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', bytes: 0 },
    synligFor: [{ kommunenummer: '1201', bydelsnummer: '02' }],
    antallSaker: 1,
  };

  test('a stored report is valid; no PDF (null), visible to nobody and no case are valid answers too', () => {
    expect(explain(validateReadBack(stored))).toBe('valid');
    expect(explain(validateReadBack({ ...stored, pdf: null, synligFor: [], antallSaker: 0 }))).toBe('valid');
  });

  test('a sha256 that is not 64 lowercase hex characters is rejected', () => {
    for (const sha256 of ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', 'abc', `${stored.pdf.sha256}0`]) {
      expect({ sha256, pointers: pointers(validateReadBack({ ...stored, pdf: { ...stored.pdf, sha256 } })) }).toEqual({ sha256, pointers: ['/pdf/sha256'] });
    }
  });

  test('an unknown meldingstype lists the four it may be', () => {
    const result = validateReadBack({ ...stored, meldingstype: 'no.ks.fiks.bekymringsmelding.mottatt.v1' });
    expect(explain(result)).toContain('/meldingstype: must be the report type it arrived as, one of the four report types ("no.ks.fiks.bekymringsmelding.privat.v1"');
  });

  test('every field is required, and a missing pdf is not the same as pdf: null', () => {
    expect(pointers(validateReadBack({})).sort()).toEqual(['/antallSaker', '/bekymringsmelding', '/bekymringsmeldingId', '/meldingstype', '/pdf', '/synligFor']);
    expect(pointers(validateReadBack(without(stored, 'pdf')))).toEqual(['/pdf']);
  });

  test('bad visibility, a negative case count and a PDF as text are each found', () => {
    const result = validateReadBack({ ...stored, synligFor: [{ kommunenummer: '1201', bydelsnummer: '2' }], antallSaker: -1, pdf: 'yes' });
    expect(pointers(result).sort()).toEqual(['/antallSaker', '/pdf', '/synligFor/0/bydelsnummer']);
    expect(explain(result)).toContain('/pdf: must be an object or null: the stored bekymringsmelding.pdf');
  });
});
