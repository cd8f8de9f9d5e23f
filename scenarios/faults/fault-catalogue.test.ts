// The fault catalogue as data: every fault a package with a description, a target and parameters
// that say what they count; schedules round-trip through the one-line form a replay command
// carries; a mistyped schedule is refused by name.
import { describe, expect, test } from '@jest/globals';
import { FAULTS, FAULT_NAMES, FaultPlanError, faultPackage, formatFaultPlans, parseFaultPlans, resolveParams } from './index.ts';
import { POISON_KINDS, poisonSend } from './poison-payloads.ts';
import { packPayload, unpackPayload } from '../../contracts/payload-zip.ts';

describe('the fault catalogue', () => {
  test('one package per name, each with a description, a target and described parameters with sane defaults', () => {
    expect(FAULTS.map((fault) => fault.name)).toEqual([...FAULT_NAMES]);
    for (const fault of FAULTS) {
      expect(fault.description.length).toBeGreaterThan(20);
      for (const [name, parameter] of Object.entries(fault.parameters)) {
        expect({ fault: fault.name, name, ok: parameter.default >= parameter.min && parameter.description.length > 10 }).toEqual({ fault: fault.name, name, ok: true });
      }
    }
  });

  test('an unknown fault is refused, listing the faults there are', () => {
    expect(() => faultPackage('meteor-strike')).toThrow(/no fault named "meteor-strike"; the faults are: crash-after-delivery, /);
  });

  test('parameters: defaults fill in, unknown names and values below the minimum are refused', () => {
    expect(resolveParams(faultPackage('storage-outage'), { count: 1 })).toEqual({ from: 2, count: 1 });
    expect(() => resolveParams(faultPackage('storage-outage'), { nth: 1 })).toThrow('fault storage-outage: no parameter named "nth"; its parameters are: from, count');
    expect(() => resolveParams(faultPackage('crash-after-commit'), { nth: 0 })).toThrow(FaultPlanError);
    expect(() => resolveParams(faultPackage('burst'), { size: 3 })).toThrow('it takes none');
  });
});

describe('fault schedules as one line', () => {
  test('format and parse are inverse', () => {
    const plans = [{ fault: 'crash-after-commit', params: { nth: 3 } }, { fault: 'storage-outage', params: { from: 2, count: 3 } }, { fault: 'burst' }] as const;
    const text = formatFaultPlans(plans);
    expect(text).toBe('crash-after-commit:nth=3,storage-outage:from=2;count=3,burst');
    expect(parseFaultPlans(text)).toEqual(plans);
    expect(formatFaultPlans([])).toBe('none');
    expect(parseFaultPlans('none')).toEqual([]);
  });

  test('a mistyped schedule names what is wrong', () => {
    expect(() => parseFaultPlans('crash-after-lunch')).toThrow('"crash-after-lunch" is no fault');
    expect(() => parseFaultPlans('storage-outage:count=three')).toThrow('"count=three" is not name=whole-number');
  });
});

describe('poison messages', () => {
  const json = new TextEncoder().encode(JSON.stringify({ kommunenummer: '4601', bydelsnummer: '03', melding: 'Bekymring for barnet på Årstad.' }));
  const pdf = new TextEncoder().encode('%PDF-1.7 syntetisk');
  const send = { metadata: { avsenderKontoId: 'a', mottakerKontoId: 'b', meldingType: 'no.ks.fiks.bekymringsmelding.offentlig.v2' }, data: packPayload({ json, pdf }) };

  test('each kind breaks exactly one thing', () => {
    const poisoned = Object.fromEntries(POISON_KINDS.map((kind) => [kind, poisonSend(kind, send)]));
    expect(() => unpackPayload(poisoned['broken-zip']?.data ?? new Uint8Array())).toThrow();
    const invalid = unpackPayload(poisoned['invalid-json']?.data ?? new Uint8Array()).get('bekymringsmelding.json') ?? new Uint8Array();
    expect(() => JSON.parse(new TextDecoder().decode(invalid)) as unknown).toThrow();
    const schemaInvalid = JSON.parse(new TextDecoder().decode(unpackPayload(poisoned['schema-invalid']?.data ?? new Uint8Array()).get('bekymringsmelding.json'))) as Record<string, unknown>;
    expect(schemaInvalid).toEqual({ kommunenummer: '4601', bydelsnummer: '03' });
    expect(poisoned['unknown-type']?.metadata.meldingType).toBe('no.ks.fiks.bekymringsmelding.ukjent.v1');
    expect(poisoned['unknown-type']?.data).toBe(send.data);
    expect([...unpackPayload(poisoned['missing-pdf']?.data ?? new Uint8Array()).keys()]).toEqual(['bekymringsmelding.json']);
  });
});
