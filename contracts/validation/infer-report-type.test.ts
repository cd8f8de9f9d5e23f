import { describe, expect, test } from '@jest/globals';
import { inferMessageType, inferReportType } from './index.ts';
import { ksExample } from './ks-example-types.ts';

describe('inferReportType', () => {
  test('privat examples are privat v2: v1 and v2 have the same shape', () => {
    expect(inferReportType(ksExample('privatBekymringsmeldingV1.json'))).toBe('no.ks.fiks.bekymringsmelding.privat.v2');
    expect(inferReportType(ksExample('privatBekymringsmeldingV2.json'))).toBe('no.ks.fiks.bekymringsmelding.privat.v2');
  });

  test('offentlig examples are offentlig v2, since a v2 receiver takes v1 content as it is', () => {
    expect(inferReportType(ksExample('offentligBekymringsmeldingV1.json'))).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
    expect(inferReportType(ksExample('offentligBekymringsmeldingV2.json'))).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
  });

  test('offentlig content that only v1 accepts is v1', () => {
    const report = ksExample('offentligBekymringsmeldingV1.json') as { melding: Record<string, unknown> };
    report.melding['andreSynspunkter'] = 3; // unknown to v1, which allows extra properties; wrong for v2
    expect(inferReportType(report)).toBe('no.ks.fiks.bekymringsmelding.offentlig.v1');
  });

  test('a broken report is still recognised by its reporter, so its problems can be listed', () => {
    const privat = ksExample('privatBekymringsmeldingV2.json');
    delete privat['privatMelder'];
    delete privat['kommunenummer'];
    expect(inferReportType(privat)).toBe('no.ks.fiks.bekymringsmelding.privat.v2');
    expect(inferReportType({ offentligBarn: [] })).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
    expect(inferReportType({ melding: { melding: 'x', historie: 'y' } })).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
    expect(inferReportType({ kommunenummer: '1201', melding: 'x' })).toBe('no.ks.fiks.bekymringsmelding.privat.v2');
  });

  test('content that does not say is undefined: not an object, no reporter, or both reporters', () => {
    for (const value of [null, 'text', 42, [], {}, { melding: 'Kunne ikke lagre' }, { privatMelder: {}, offentligMelder: {} }]) {
      expect({ value, type: inferReportType(value) }).toEqual({ value, type: undefined });
    }
  });
});

describe('inferMessageType', () => {
  test('is inferReportType for reports, and feilet for an object with only a string melding', () => {
    expect(inferMessageType(ksExample('offentligBekymringsmeldingV2.json'))).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
    expect(inferMessageType(ksExample('feilmelding.json'))).toBe('no.ks.fiks.bekymringsmelding.feilet.v1');
    expect(inferMessageType({ melding: 'Kunne ikke lagre', tidspunkt: 'i går' })).toBe('no.ks.fiks.bekymringsmelding.feilet.v1');
  });

  test('an empty object, a string melding beside report fields, or both reporters are not a feilmelding', () => {
    expect(inferMessageType(ksExample('feilmelding_tom.json'))).toBeUndefined();
    expect(inferMessageType({ melding: 'x', kommunenummer: '1201' })).toBe('no.ks.fiks.bekymringsmelding.privat.v2');
    expect(inferMessageType({ melding: 'x', privatMelder: {}, offentligMelder: {} })).toBeUndefined();
  });
});
