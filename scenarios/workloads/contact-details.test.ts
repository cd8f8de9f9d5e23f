import { describe, expect, test } from '@jest/globals';
import { syntheticEmail, syntheticOrgnr, syntheticPhoneNumber } from './contact-details.ts';
import { seededRandom } from './random.ts';

// KS's patterns, as their schemas state them (checked against the schemas themselves in report-workload.test.ts).
const KS_PHONE = /^[+]?[0-9]+([- ][0-9]+)*$/u;
const KS_EMAIL = /^[A-Za-zæøåÆØÅ0-9-_]+(\.[A-Za-zæøåÆØÅ0-9-_]+)*@[A-Za-zæøåÆØÅ0-9-]+(\.[A-Za-zæøåÆØÅ0-9-]+)*(\.[A-Za-z]{2,})$/u;

describe('contact details', () => {
  test('phone numbers: eight digits starting with 0, in the forms people type, all matching KS', () => {
    const random = seededRandom('phone');
    const numbers = Array.from({ length: 500 }, () => syntheticPhoneNumber(random));
    for (const number of numbers) {
      expect(number).toMatch(KS_PHONE);
      const digits = number.replace(/^\+47/, '').replaceAll(' ', '');
      expect(digits).toMatch(/^0\d{7}$/);
    }
    expect(numbers.some((n) => n.startsWith('+47 0'))).toBe(true);
    expect(numbers.some((n) => /^0\d{7}$/.test(n))).toBe(true);
  });

  test('e-mails keep æøå, fold other accents, sit under .example and match KS', () => {
    expect(syntheticEmail('Åse Ødegård-Sæther', 'Grønnåsen skole Bærum')).toBe('åse.ødegård-sæther@grønnåsen-skole-bærum.example');
    expect(syntheticEmail('Linnéa Máret Petrović', 'Politiet, St. Hanshaugen')).toBe('linnea.maret.petrovic@politiet-st-hanshaugen.example');
    expect(syntheticEmail('!!!', '???')).toBe('melder@virksomhet.example');
    for (const email of ['åse.ødegård-sæther@grønnåsen-skole-bærum.example', syntheticEmail('Njål Ås', 'NAV Ås')]) {
      expect(email).toMatch(KS_EMAIL);
    }
  });

  test('organisation numbers: nine digits, outside the issued 8/9 series, valid mod-11', () => {
    const random = seededRandom('orgnr');
    for (let i = 0; i < 500; i++) {
      const orgnr = syntheticOrgnr(random);
      expect(orgnr).toMatch(/^1\d{8}$/);
      const d = [...orgnr].map(Number);
      const rest = [3, 2, 7, 6, 5, 4, 3, 2].reduce((sum, w, j) => sum + w * d[j]!, 0) % 11;
      expect(d[8]).toBe(rest === 0 ? 0 : 11 - rest);
    }
  });
});
