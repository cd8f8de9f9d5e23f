import { describe, expect, test } from '@jest/globals';
import type { Bekymringsmelding, OffentligBekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import { isOffentlig } from '../../contracts/bekymringsmelding.ts';
import { REPORT_TYPES } from '../../contracts/message-types.ts';
import { ksValidator } from '../../harness/testing/ks-reference.ts';
import { RECEIVING_UNITS } from './municipalities.ts';
import { seededRandom } from './random.ts';
import { type GeneratedReport, generateReport, generateReports } from './report-workload.ts';

const SAMPLE = generateReports('workload-sample', 1000);

const offentlig = (reports: readonly GeneratedReport[]): OffentligBekymringsmelding[] =>
  reports.map((report) => report.content).filter(isOffentlig);

function texts(content: Bekymringsmelding): string[] {
  if (!isOffentlig(content)) return [content.melding];
  const { melding, historie, andreSynspunkter } = content.melding;
  return andreSynspunkter === undefined ? [melding, historie] : [melding, historie, andreSynspunkter];
}

function names(content: Bekymringsmelding): string[] {
  if (!isOffentlig(content)) return [content.privatMelder.personnavn, ...content.privatBarn.map((child) => child.personnavn)];
  return [
    content.offentligMelder.personnavn,
    ...content.offentligBarn.map((child) => child.personnavn),
    ...content.foresatte.map((guardian) => guardian.personnavn),
  ];
}

// Written apart from the generator on purpose: a shared bug must not make both agree.
function isValidSyntheticFnr(fnr: string): { ok: boolean; why?: string } {
  if (!/^\d{11}$/.test(fnr)) return { ok: false, why: 'not 11 digits' };
  const d = [...fnr].map(Number);
  const [day, month, yy, individ] = [Number(fnr.slice(0, 2)), Number(fnr.slice(2, 4)), Number(fnr.slice(4, 6)), Number(fnr.slice(6, 9))];
  if (month < 81 || month > 92) return { ok: false, why: `month ${month} is not a synthetic month (81–92)` };
  const year = individ >= 500 ? 2000 + yy : 1900 + yy;
  const calendar = new Date(Date.UTC(year, month - 81, day));
  if (calendar.getUTCMonth() !== month - 81 || calendar.getUTCDate() !== day) return { ok: false, why: 'not a calendar date' };
  const sum1 = 3 * d[0]! + 7 * d[1]! + 6 * d[2]! + 1 * d[3]! + 8 * d[4]! + 9 * d[5]! + 4 * d[6]! + 5 * d[7]! + 2 * d[8]!;
  const k1 = sum1 % 11 === 0 ? 0 : 11 - (sum1 % 11);
  const sum2 = 5 * d[0]! + 4 * d[1]! + 3 * d[2]! + 2 * d[3]! + 7 * d[4]! + 6 * d[5]! + 5 * d[6]! + 4 * d[7]! + 3 * d[8]! + 2 * d[9]!;
  const k2 = sum2 % 11 === 0 ? 0 : 11 - (sum2 % 11);
  if (k1 !== d[9] || k2 !== d[10]) return { ok: false, why: `check digits should be ${k1}${k2}` };
  return { ok: true };
}

describe('generateReport against KS own schemas', () => {
  test.each(REPORT_TYPES)('1,000 reports of %s validate', (type) => {
    const validate = ksValidator(type);
    const failures: { id: string; errors: unknown }[] = [];
    for (const report of generateReports(`ks-${type}`, 1000, { type })) {
      expect(report.meldingstype).toBe(type);
      if (!validate(report.content)) failures.push({ id: report.bekymringsmeldingId, errors: validate.errors });
    }
    if (failures.length > 0) {
      throw new Error(`${failures.length} of 1000 ${type} reports fail KS's schema; the first (${failures[0]?.id}):\n${JSON.stringify(failures[0]?.errors, null, 2)}`);
    }
    expect(failures).toHaveLength(0);
    // The validator is live: a report with a broken district number is refused.
    const [first] = generateReports(`ks-${type}`, 1, { type });
    expect(validate({ ...first?.content, bydelsnummer: '1' })).toBe(false);
  });
});

describe('determinism', () => {
  test('the same seed gives deep-equal reports, another seed different ones', () => {
    expect(generateReports('replay', 50)).toEqual(generateReports('replay', 50));
    expect(generateReport(seededRandom(9), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2' })).toEqual(
      generateReport(seededRandom(9), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2' }),
    );
    expect(generateReports('replay', 50)).not.toEqual(generateReports('another', 50));
  });

  test('report i does not depend on how many reports are drawn', () => {
    const few = generateReports('count', 5);
    const many = generateReports('count', 40);
    expect(many.slice(0, 5)).toEqual(few);
  });

  test('ids are unique and uuid-shaped; bydelRessursId is the district’s stable id', () => {
    expect(new Set(SAMPLE.map((report) => report.bekymringsmeldingId)).size).toBe(SAMPLE.length);
    const unitIds = new Map(RECEIVING_UNITS.map((unit) => [`${unit.kommunenummer}/${unit.bydelsnummer}`, unit.bydelRessursId]));
    for (const report of SAMPLE) {
      expect(report.bekymringsmeldingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(report.bydelRessursId).toBe(unitIds.get(`${report.content.kommunenummer}/${report.content.bydelsnummer}`));
    }
  });
});

describe('synthetic national identity numbers', () => {
  test('every fnr has a synthetic month, a real date and valid check digits; unborn children have none', () => {
    const children = offentlig(SAMPLE).flatMap((content) => content.offentligBarn);
    const born = children.filter((child) => !child.ufoedt);
    expect(born.length).toBeGreaterThan(500);
    const bad = born.map((child) => ({ fnr: child.fnr, ...isValidSyntheticFnr(child.fnr) })).filter((result) => !result.ok);
    expect(bad).toEqual([]);
    // A real person's month field is 01–12 (or 41–52 for D-numbers): none may appear.
    expect(born.filter((child) => Number(child.fnr.slice(2, 4)) <= 80)).toEqual([]);
    const unborn = children.filter((child) => child.ufoedt);
    expect(unborn.length).toBeGreaterThan(0);
    for (const child of unborn) expect(child.fnr).toBe('');
  });

  test('children are 0–17 years old when the report is sent', () => {
    for (const content of offentlig(SAMPLE)) {
      const sent = content.sendingstidspunkt.slice(0, 10);
      for (const child of content.offentligBarn.filter((c) => !c.ufoedt)) {
        const [dd, mm, yy] = [child.fnr.slice(0, 2), Number(child.fnr.slice(2, 4)) - 80, child.fnr.slice(4, 6)];
        const birth = `20${yy}-${String(mm).padStart(2, '0')}-${dd}`;
        expect(birth <= sent).toBe(true);
        expect(birth > `${Number(sent.slice(0, 4)) - 18}${sent.slice(4)}`).toBe(true);
      }
    }
  });
});

describe('shape of the traffic', () => {
  test('all four types occur, weighted towards v2 and offentlig', () => {
    const counts = new Map<string, number>();
    for (const report of SAMPLE) counts.set(report.meldingstype, (counts.get(report.meldingstype) ?? 0) + 1);
    for (const type of REPORT_TYPES) expect(counts.get(type) ?? 0).toBeGreaterThan(20);
    const share = (pred: (type: string) => boolean): number => SAMPLE.filter((r) => pred(r.meldingstype)).length / SAMPLE.length;
    expect(share((type) => type.endsWith('.v2'))).toBeGreaterThan(0.7);
    expect(share((type) => type.includes('.offentlig.'))).toBeGreaterThan(0.55);
  });

  test('children 1..6 and guardians 1..2 all occur', () => {
    const childCounts = new Set(SAMPLE.map(({ content }) => (isOffentlig(content) ? content.offentligBarn.length : content.privatBarn.length)));
    expect([...childCounts].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...new Set(offentlig(SAMPLE).map((content) => content.foresatte.length))].sort()).toEqual([1, 2]);
  });

  test('texts range from a few words to over 50,000 characters', () => {
    const lengths = SAMPLE.flatMap(({ content }) => texts(content)).map((text) => text.length);
    expect(Math.max(...lengths)).toBeGreaterThan(50_000);
    expect(Math.min(...lengths)).toBeLessThan(40);
  });

  test('texts are Norwegian sentences, not random letters', () => {
    const text = texts(SAMPLE[0]!.content)[0]!;
    expect(text).toMatch(/^[A-ZÆØÅ«]/u);
    expect(text.split(' ').every((word) => word.length < 30)).toBe(true);
  });

  test('æ, ø and å all occur in names', () => {
    const all = SAMPLE.flatMap(({ content }) => names(content)).join(' ');
    for (const letter of ['æ', 'ø', 'å', 'Ø', 'Å']) expect(all).toContain(letter);
  });

  test('andreSynspunkter only in v2, and there sometimes', () => {
    const withOther = SAMPLE.filter(({ content }) => isOffentlig(content) && content.melding.andreSynspunkter !== undefined);
    expect(withOther.length).toBeGreaterThan(0);
    for (const report of withOther) expect(report.meldingstype).toBe('no.ks.fiks.bekymringsmelding.offentlig.v2');
  });

  test('sendingstidspunkt is local time with no zone; leveringskanal is Fagsystem', () => {
    for (const { content } of SAMPLE) {
      expect(content.sendingstidspunkt).toMatch(/^20(25|26)-\d{2}-\d{2}T(0[013-9]|1\d|2[0-3]):[0-5]\d:[0-5]\d$/);
      expect(content.leveringskanal).toBe('Fagsystem');
    }
  });

  test('phone numbers start with 0 and e-mails are under .example', () => {
    for (const content of offentlig(SAMPLE)) {
      expect(content.offentligMelder.telefonnummer.replace(/^\+47 /, '')).toMatch(/^0\d{2} ?\d{2} ?\d{3}$/);
      expect(content.offentligMelder.epost).toMatch(/@[^@]+\.example$/);
      const orgnr = content.offentligMelder.virksomhet.orgnr;
      if (orgnr !== undefined) expect(orgnr).toMatch(/^\d{9}$/);
    }
  });
});

describe('options', () => {
  test('textLength forces the length of the main texts', () => {
    for (const length of [0, 1, 17, 2_000, 60_000]) {
      for (const type of REPORT_TYPES) {
        const { content } = generateReport(seededRandom(`len-${length}`), { type, textLength: length });
        const main = isOffentlig(content) ? [content.melding.melding, content.melding.historie] : [content.melding];
        for (const text of main) expect(text).toHaveLength(length);
      }
    }
  });

  test('childCount and guardianCount force the counts', () => {
    const report = generateReport(seededRandom(1), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v1', childCount: 4, guardianCount: 2 });
    const content = report.content as OffentligBekymringsmelding;
    expect(content.offentligBarn).toHaveLength(4);
    expect(content.foresatte).toHaveLength(2);
    const privat = generateReport(seededRandom(1), { type: 'no.ks.fiks.bekymringsmelding.privat.v2', childCount: 6 }).content;
    expect(isOffentlig(privat) ? -1 : privat.privatBarn.length).toBe(6);
  });

  test('bad options are refused with a message naming the function', () => {
    expect(() => generateReport(seededRandom(1), { childCount: 0 })).toThrow(/^generateReport: childCount/);
    expect(() => generateReport(seededRandom(1), { textLength: -1 })).toThrow(/^generateReport: textLength/);
    expect(() => generateReports(1, -1)).toThrow(/^generateReports: count/);
  });
});
