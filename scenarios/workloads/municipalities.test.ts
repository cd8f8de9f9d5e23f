import { describe, expect, test } from '@jest/globals';
import { MUNICIPALITIES, RECEIVING_UNITS, bydelRessursId, drawReceivingUnit, findReceivingUnit } from './municipalities.ts';
import { nameBasedUuid } from './name-based-uuid.ts';
import { seededRandom } from './random.ts';

describe('municipalities and receiving units', () => {
  test('numbers have the shapes KS requires, and units are unique', () => {
    expect(MUNICIPALITIES.length).toBeGreaterThanOrEqual(15);
    expect(MUNICIPALITIES.length).toBeLessThanOrEqual(25);
    for (const unit of RECEIVING_UNITS) {
      expect(unit.kommunenummer).toMatch(/^\d{4}$/);
      expect(unit.bydelsnummer).toMatch(/^[0-9]{2}$/);
      expect(unit.bydelsnummer === '00').toBe(unit.bydelsnavn === '');
    }
    expect(new Set(RECEIVING_UNITS.map((unit) => unit.bydelRessursId)).size).toBe(RECEIVING_UNITS.length);
    expect(new Set(MUNICIPALITIES.map((m) => m.kommunenummer)).size).toBe(MUNICIPALITIES.length);
  });

  test('Oslo and Bergen are split into districts; most municipalities are not', () => {
    const oslo = RECEIVING_UNITS.filter((unit) => unit.kommunenummer === '0301');
    expect(oslo.find((unit) => unit.bydelsnavn === 'Grünerløkka')?.bydelsnummer).toBe('02');
    expect(RECEIVING_UNITS.find((unit) => unit.kommunenummer === '4601' && unit.bydelsnavn === 'Åsane')).toBeDefined();
    expect(MUNICIPALITIES.filter((m) => m.districts.length === 0).length).toBeGreaterThan(MUNICIPALITIES.length / 2);
  });

  test('bydelRessursId is derived from the names: the same in every run, a UUID v5', () => {
    const id = bydelRessursId('0301', 'Oslo', '03', 'Sagene');
    expect(id).toBe(bydelRessursId('0301', 'Oslo', '03', 'Sagene'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(findReceivingUnit(id)?.bydelsnavn).toBe('Sagene');
    expect(findReceivingUnit('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('nameBasedUuid matches RFC 9562’s published version-5 example', () => {
    // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('drawReceivingUnit favours the big municipalities but reaches small ones', () => {
    const random = seededRandom('units');
    const drawn = Array.from({ length: 3000 }, () => drawReceivingUnit(random).kommunenummer);
    const oslo = drawn.filter((nr) => nr === '0301').length;
    const alta = drawn.filter((nr) => nr === '5601').length;
    expect(oslo).toBeGreaterThan(alta * 5);
    expect(alta).toBeGreaterThan(0);
  });
});
