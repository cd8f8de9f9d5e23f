// The report workload: seeded, synthetic concern reports of all four types, shaped like real
// traffic (mostly v2, mostly public reporters, mostly one child, a long tail of huge texts). The
// same seed gives deep-equal reports on every machine; nothing here reads the clock or Math.random.
import type {
  Adresse,
  Bekymringsmelding,
  Foresatt,
  OffentligBarn,
  OffentligBekymringsmelding,
  PrivatBarn,
  PrivatBekymringsmelding,
} from '../../contracts/bekymringsmelding.ts';
import { type ReportType, describeReportType } from '../../contracts/message-types.ts';
import { type CalendarDate, dayNumber, fromDayNumber, yearsBefore } from './calendar-date.ts';
import { syntheticEmail, syntheticOrgnr, syntheticPhoneNumber } from './contact-details.ts';
import { type ReceivingUnit, drawReceivingUnit } from './municipalities.ts';
import { FIRST_NAMES, SURNAMES, personName } from './norwegian-names.ts';
import { drawPublicReporter } from './public-reporters.ts';
import { type Random, seededRandom } from './random.ts';
import { drawReportText, reportText } from './report-text.ts';
import { type LocalDateTime, drawSendingTime, formatLocalDateTime } from './sending-time.ts';
import { INTERPRETER_NEEDS, NOT_INFORMED_REASONS, OTHER_SERVICES, RELATIONS, UNBORN_REASON } from './short-answers.ts';
import { syntheticAddress, unknownAddress } from './street-addresses.ts';
import { syntheticFnr } from './synthetic-fnr.ts';
import { weightedPick } from './weighted-pick.ts';

export interface GeneratedReport {
  /** The report's own id (AMQP header bekymringsmelding-id), drawn from the Random. */
  readonly bekymringsmeldingId: string;
  readonly meldingstype: ReportType;
  /** The receiving district's id (header bydel-ressurs-id); stable per district, see municipalities.ts. */
  readonly bydelRessursId: string;
  /** What goes into bekymringsmelding.json. */
  readonly content: Bekymringsmelding;
}

export interface ReportOptions {
  /** Force one type; by default drawn with real traffic's mix. */
  readonly type?: ReportType;
  /** Force the length (in characters) of the main texts: melding, and for offentlig also historie. */
  readonly textLength?: number;
  /** Force the number of children (1 or more); by default 1–6, mostly 1. */
  readonly childCount?: number;
  /** Force the number of guardians of a public report (KS allows 1–2); ignored for private reports. */
  readonly guardianCount?: 1 | 2;
}

// Roughly the shares in real traffic: public reporters send most reports, and v2 has replaced v1
// for most municipalities, yet v1 still arrives (a v2 receiver must accept it).
const TYPE_MIX: readonly (readonly [number, ReportType])[] = [
  [60, 'no.ks.fiks.bekymringsmelding.offentlig.v2'],
  [25, 'no.ks.fiks.bekymringsmelding.privat.v2'],
  [10, 'no.ks.fiks.bekymringsmelding.offentlig.v1'],
  [5, 'no.ks.fiks.bekymringsmelding.privat.v1'],
];

const CHILD_COUNT_MIX: readonly (readonly [number, number])[] = [[50, 1], [27, 2], [13, 3], [6, 4], [2.5, 5], [1.5, 6]];

/** Per public report: the chance that one of the children is not yet born. */
const UNBORN_SHARE = 0.04;

function checkOptions(options: ReportOptions): void {
  const { textLength, childCount, guardianCount } = options;
  if (textLength !== undefined && !(Number.isInteger(textLength) && textLength >= 0)) {
    throw new RangeError(`generateReport: textLength must be a whole number >= 0, got ${textLength}`);
  }
  if (childCount !== undefined && !(Number.isInteger(childCount) && childCount >= 1)) {
    throw new RangeError(`generateReport: childCount must be a whole number >= 1 (KS requires at least one child), got ${childCount}`);
  }
  if (guardianCount !== undefined && guardianCount !== 1 && guardianCount !== 2) {
    throw new RangeError(`generateReport: guardianCount must be 1 or 2 (KS's schema allows at most two), got ${String(guardianCount)}`);
  }
}

/** Everything both report kinds share: who receives it, when, the family. */
interface Setting {
  readonly random: Random;
  readonly options: ReportOptions;
  readonly unit: ReceivingUnit;
  readonly sent: LocalDateTime;
  readonly surname: string;
  readonly home: Adresse;
  readonly childCount: number;
}

function commonFields(setting: Setting): Pick<Bekymringsmelding, 'kommunenummer' | 'kommunenavn' | 'bydelsnummer' | 'bydelsnavn'> {
  const { kommunenummer, kommunenavn, bydelsnummer, bydelsnavn } = setting.unit;
  return { kommunenummer, kommunenavn, bydelsnummer, bydelsnavn };
}

const mainText = (setting: Setting): string =>
  setting.options.textLength === undefined ? drawReportText(setting.random) : reportText(setting.random, setting.options.textLength);

/** A birth date 0–17 years before the report was sent. */
function drawBirthDate(random: Random, sent: CalendarDate): CalendarDate {
  return fromDayNumber(random.int(dayNumber(yearsBefore(sent, 18)) + 1, dayNumber(sent)));
}

function ageOn(birth: CalendarDate, day: CalendarDate): number {
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

function privatChild(setting: Setting): PrivatBarn {
  const { random, unit } = setting;
  const age = ageOn(drawBirthDate(random, setting.sent), setting.sent);
  // A private reporter often knows only the first name, the rough age and roughly where the child lives.
  const personnavn = random.chance(0.1) ? random.pick(FIRST_NAMES) : personName(random, setting.surname);
  const adresse = random.chance(0.85) ? setting.home : random.chance(0.5) ? syntheticAddress(random, unit.municipality) : unknownAddress();
  return {
    personnavn,
    ...(random.chance(0.85) ? { antattAlder: random.chance(0.2) ? `ca. ${age}` : String(age) } : {}),
    ...(random.chance(0.85) ? { relasjon: random.pick(RELATIONS) } : {}),
    adresse,
  };
}

function privatReport(setting: Setting): PrivatBekymringsmelding {
  const { random, unit } = setting;
  return {
    ...commonFields(setting),
    privatMelder: {
      personnavn: personName(random),
      ...(random.chance(0.8) ? { telefonnummer: syntheticPhoneNumber(random) } : {}),
      ...(random.chance(0.6) ? { adresse: syntheticAddress(random, unit.municipality) } : {}),
    },
    privatBarn: Array.from({ length: setting.childCount }, () => privatChild(setting)),
    melding: mainText(setting),
    sendingstidspunkt: formatLocalDateTime(setting.sent),
    leveringskanal: 'Fagsystem',
  };
}

/** orientert and, sometimes, orientertGrunn: a reason when not told, now and then "" when told (as KS's example). */
function informed(random: Random, chanceTold: number): { orientert: boolean; orientertGrunn?: string } {
  const orientert = random.chance(chanceTold);
  if (!orientert) return random.chance(0.7) ? { orientert, orientertGrunn: random.pick(NOT_INFORMED_REASONS) } : { orientert };
  return random.chance(0.3) ? { orientert, orientertGrunn: '' } : { orientert };
}

function offentligChild(setting: Setting, unborn: boolean): OffentligBarn {
  const { random } = setting;
  if (unborn) {
    return { fnr: '', ufoedt: true, personnavn: 'Ufødt barn', adresse: setting.home, orientert: false, orientertGrunn: UNBORN_REASON };
  }
  const birth = drawBirthDate(random, setting.sent);
  const age = ageOn(birth, setting.sent);
  return {
    fnr: syntheticFnr(random, birth),
    ufoedt: false,
    personnavn: personName(random, setting.surname),
    ...(age >= 10 && random.chance(0.4) ? { telefonnummer: syntheticPhoneNumber(random) } : {}),
    adresse: random.chance(0.9) ? setting.home : syntheticAddress(random, setting.unit.municipality),
    ...informed(random, age < 6 ? 0.2 : 0.6),
  };
}

function guardian(setting: Setting, index: number): Foresatt {
  const { random } = setting;
  return {
    personnavn: index === 0 ? personName(random, setting.surname) : personName(random),
    ...(random.chance(0.85) ? { telefonnummer: syntheticPhoneNumber(random) } : {}),
    ...informed(random, 0.65),
  };
}

function offentligReport(setting: Setting, version: 1 | 2): OffentligBekymringsmelding {
  const { random, unit, options } = setting;
  const reporter = drawPublicReporter(random, unit.municipality);
  const reporterName = personName(random);
  const unbornIndex = random.chance(UNBORN_SHARE) ? setting.childCount - 1 : -1;
  const guardianCount = options.guardianCount ?? (random.chance(0.55) ? 2 : 1);
  const offentligBarn = Array.from({ length: setting.childCount }, (_, index) => offentligChild(setting, index === unbornIndex));
  const foresatte = Array.from({ length: guardianCount }, (_, index) => guardian(setting, index));
  const melding = mainText(setting);
  const historie = mainText(setting);
  const andreSynspunkter = version === 2 && random.chance(0.35) ? reportText(random, random.int(20, 1_200)) : undefined;
  return {
    ...commonFields(setting),
    offentligMelder: {
      personnavn: reporterName,
      rolle: reporter.rolle,
      telefonnummer: syntheticPhoneNumber(random),
      epost: syntheticEmail(reporterName, `${reporter.virksomhet} ${unit.kommunenavn}`),
      virksomhet: {
        navn: reporter.virksomhet,
        ...(random.chance(0.85) ? { orgnr: syntheticOrgnr(random) } : {}),
        adresse: syntheticAddress(random, unit.municipality),
      },
    },
    offentligBarn,
    foresatte,
    ...(random.chance(0.6) ? { behovForTolk: random.pick(INTERPRETER_NEEDS) } : {}),
    ...(random.chance(0.6) ? { andreHjelpeinstanser: random.pick(OTHER_SERVICES) } : {}),
    melding: { melding, historie, ...(andreSynspunkter === undefined ? {} : { andreSynspunkter }) },
    sendingstidspunkt: formatLocalDateTime(setting.sent),
    leveringskanal: 'Fagsystem',
  };
}

/** One synthetic report drawn from `random`. */
export function generateReport(random: Random, options: ReportOptions = {}): GeneratedReport {
  checkOptions(options);
  const bekymringsmeldingId = random.uuid();
  const meldingstype = options.type ?? weightedPick(random, TYPE_MIX);
  const { reporter, version } = describeReportType(meldingstype);
  const unit = drawReceivingUnit(random);
  const setting: Setting = {
    random,
    options,
    unit,
    sent: drawSendingTime(random, reporter),
    surname: random.pick(SURNAMES),
    home: syntheticAddress(random, unit.municipality),
    childCount: options.childCount ?? weightedPick(random, CHILD_COUNT_MIX),
  };
  const content = reporter === 'privat' ? privatReport(setting) : offentligReport(setting, version);
  return { bekymringsmeldingId, meldingstype, bydelRessursId: unit.bydelRessursId, content };
}

/** `count` reports from one seed; report i is drawn from its own fork, so it does not depend on count. */
export function generateReports(seed: string | number, count: number, options: ReportOptions = {}): GeneratedReport[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateReports: count must be a whole number >= 0, got ${count}`);
  const root = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => reportAt(root, index, options));
}

/** Report `index` of the reports drawn from `root` (generateReports, a scenario's workload), made alone. */
export function reportAt(root: Random, index: number, options: ReportOptions = {}): GeneratedReport {
  return generateReport(root.fork(`report-${index}`), options);
}
