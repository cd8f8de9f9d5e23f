// Synthetic telephone numbers, e-mail addresses and organisation numbers that reach no one.
import type { Random } from './random.ts';
import { weightedPick } from './weighted-pick.ts';

/**
 * Eight digits starting with 0. Norway's numbering plan (Nkom) gives eight-digit subscriber
 * numbers first digits 2–9 only; 0 starts the five-digit service numbers, so an eight-digit number
 * beginning with 0 belongs to no subscriber. Sometimes written the way people type them, with the
 * country code and spaces; every form matches KS's pattern ^[+]?[0-9]+([- ][0-9]+)*$.
 */
export function syntheticPhoneNumber(random: Random): string {
  const digits = `0${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  const grouped = `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
  return weightedPick(random, [
    [6, digits],
    [2.5, `+47 ${grouped}`],
    [1.5, grouped],
  ]);
}

/**
 * Lower case, letters other than a–z and æøå folded to their base letter (á → a, é → e, ć → c),
 * runs of anything else turned into one separator: KS's e-mail pattern allows only A–Z, æøå,
 * digits, '-' and '_' between the dots.
 */
function emailPart(text: string, separator: '.' | '-'): string {
  const folded = [...text.toLowerCase()]
    .map((char) => (/[æøå]/u.test(char) ? char : char.normalize('NFD').replaceAll(/\p{M}/gu, '')))
    .join('');
  return folded
    .split(/[^a-zæøå0-9-]+/u)
    .filter((part) => part !== '')
    .join(separator);
}

/** firstname.lastname@<organisation>.example: the .example TLD is reserved (RFC 2606), so mail can reach no one. */
export function syntheticEmail(personName: string, organisation: string): string {
  return `${emailPart(personName, '.') || 'melder'}@${emailPart(organisation, '-') || 'virksomhet'}.example`;
}

/**
 * Nine digits with a valid mod-11 check digit, starting with 1: Brønnøysund issues organisation
 * numbers from the 8 and 9 series, so these name no real organisation yet pass the check digit.
 */
export function syntheticOrgnr(random: Random): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const firstEight = `1${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
    const sum = weights.reduce((total, weight, index) => total + weight * Number(firstEight[index]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${firstEight}${check}`;
  }
}
