import { describe, expect, test } from '@jest/globals';
import { seededRandom } from './random.ts';
import { fnrCheckDigits, syntheticFnr } from './synthetic-fnr.ts';

// An independent mod-11 check (not the generator's code), so one bug cannot make both agree.
function checkDigitsValid(fnr: string): boolean {
  const d = [...fnr].map(Number);
  const mod = (weights: number[]): number => {
    const rest = weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11;
    return rest === 0 ? 0 : 11 - rest;
  };
  return mod([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && mod([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10];
}

describe('syntheticFnr', () => {
  test('DDMMYY with month + 80, individnummer by century, valid check digits', () => {
    const random = seededRandom('fnr');
    for (let i = 0; i < 2000; i++) {
      const birth = { year: random.int(2000, 2039), month: random.int(1, 12), day: random.int(1, 28) };
      const fnr = syntheticFnr(random, birth);
      expect(fnr).toMatch(/^\d{11}$/);
      expect(Number(fnr.slice(0, 2))).toBe(birth.day);
      expect(Number(fnr.slice(2, 4))).toBe(birth.month + 80);
      expect(Number(fnr.slice(4, 6))).toBe(birth.year % 100);
      expect(Number(fnr.slice(6, 9))).toBeGreaterThanOrEqual(500);
      expect(checkDigitsValid(fnr)).toBe(true);
    }
  });

  test('births in the 1900s get individnummer 000–499', () => {
    const fnr = syntheticFnr(seededRandom(2), { year: 1987, month: 12, day: 31 });
    expect(fnr.slice(0, 6)).toBe('319287');
    expect(Number(fnr.slice(6, 9))).toBeLessThan(500);
    expect(checkDigitsValid(fnr)).toBe(true);
  });

  test('a changed digit breaks the check digits', () => {
    const fnr = syntheticFnr(seededRandom(3), { year: 2015, month: 6, day: 15 });
    const changed = `${fnr.slice(0, 7)}${(Number(fnr[7]) + 1) % 10}${fnr.slice(8)}`;
    expect(checkDigitsValid(changed)).toBe(false);
    expect(fnrCheckDigits(changed.slice(0, 9))).not.toBe(changed.slice(9));
  });

  test('fnrCheckDigits reports the individnummer that have no valid number', () => {
    // Roughly one individnummer in six yields a check digit of 10 and so no number at all.
    const results = Array.from({ length: 1000 }, (_, n) => fnrCheckDigits(`018180${String(n).padStart(3, '0')}`));
    expect(results.filter((r) => r === undefined).length).toBeGreaterThan(50);
    for (const [n, check] of results.entries()) {
      if (check !== undefined) expect(checkDigitsValid(`018180${String(n).padStart(3, '0')}${check}`)).toBe(true);
    }
  });

  test('years outside what the generator covers are refused', () => {
    expect(() => syntheticFnr(seededRandom(1), { year: 1850, month: 1, day: 1 })).toThrow(/^syntheticFnr: birth year 1850/);
  });
});
