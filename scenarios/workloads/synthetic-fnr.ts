// Synthetic Norwegian national identity numbers (fødselsnummer) that can never be a real person's.
// Skatteetaten's synthetic numbers (Tenor test data) add 80 to the month, so the month field is
// 81–92: the number passes the check-digit arithmetic that receivers run, yet no real person has it.
import type { CalendarDate } from './calendar-date.ts';
import type { Random } from './random.ts';

export const SYNTHETIC_MONTH_OFFSET = 80;

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function checkDigit(digits: string, weights: readonly number[]): number | undefined {
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const digit = (11 - (sum % 11)) % 11;
  return digit === 10 ? undefined : digit;
}

/** The two mod-11 check digits for nine digits, or undefined when either would be 10 (no valid number). */
export function fnrCheckDigits(firstNine: string): string | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`fnrCheckDigits: needs nine digits, got "${firstNine}"`);
  const k1 = checkDigit(firstNine, K1_WEIGHTS);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit(`${firstNine}${k1}`, K2_WEIGHTS);
  return k2 === undefined ? undefined : `${k1}${k2}`;
}

/** The individnummer range that encodes the birth century (Skatteetaten's table, the part in use here). */
function individnummerRange(year: number): readonly [number, number] {
  if (year >= 1900 && year <= 1999) return [0, 499];
  if (year >= 2000 && year <= 2039) return [500, 999];
  throw new RangeError(`syntheticFnr: birth year ${year} is outside 1900–2039, which the generator covers`);
}

/** A synthetic fnr for the birth date: DDMMYY with month + 80, individnummer, two check digits. */
export function syntheticFnr(random: Random, birth: CalendarDate): string {
  const [low, high] = individnummerRange(birth.year);
  const two = (n: number): string => String(n).padStart(2, '0');
  const datePart = `${two(birth.day)}${two(birth.month + SYNTHETIC_MONTH_OFFSET)}${two(birth.year % 100)}`;
  // About one individnummer in six gives a check digit of 10; those numbers do not exist, draw again.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const firstNine = `${datePart}${String(random.int(low, high)).padStart(3, '0')}`;
    const check = fnrCheckDigits(firstNine);
    if (check !== undefined) return `${firstNine}${check}`;
  }
  throw new Error(`syntheticFnr: found no valid individnummer for ${datePart} in 1000 draws; this should not happen`);
}
