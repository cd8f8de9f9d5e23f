// Free text for reports (melding, historie): readable Norwegian-ish sentences built from a phrase
// bank, from a few words to tens of thousands of characters. Real reports are mostly a few
// paragraphs, with a long tail of very long ones (a school pasting a year's log); the long tail is
// what breaks receivers (column limits, message-size limits, PDF pagination), so it must occur.
import type { Random } from './random.ts';
import { weightedPick } from './weighted-pick.ts';

const OPENERS = [
  'De siste ukene', 'Etter høstferien', 'Siden skolestart i august', 'Ved flere anledninger', 'I løpet av våren',
  'Før jul', 'I dag', 'Forrige fredag', 'Etter skoletid', 'Tidligere i år', 'På foreldremøtet', 'Nå i vinter',
  'Gjennom hele barnehageåret', 'Etter påske', 'I perioder', 'Både før og etter sommerferien',
];

const CHILD_SUBJECTS = ['barnet', 'gutten', 'jenta', 'eleven', 'den yngste', 'storesøsteren', 'lillebroren'];
const ADULT_SUBJECTS = ['mor', 'far', 'stefaren', 'foresatte', 'familien', 'moren til barna', 'faren'];

/** [finite verb, rest]: split so an opener can take the verb second, as Norwegian word order wants. */
type Predicate = readonly [verb: string, rest: string];

const CHILD_PREDICATES: readonly Predicate[] = [
  ['har', 'vært borte fra skolen flere dager uten at vi har fått beskjed'],
  ['virker', 'sliten og trøtt om morgenen'],
  ['møter', 'ofte uten matpakke og med for lite klær etter været'],
  ['har', 'blåmerker på armene som ingen har forklart'],
  ['forteller', 'om mye krangling og høye stemmer hjemme'],
  ['gir', 'uttrykk for at det er vanskelig å være hjemme'],
  ['gruer', 'seg til helgene og vil helst bli igjen på skolen'],
  ['sier', 'at det ikke er mat i kjøleskapet på slutten av måneden'],
  ['har', 'sluttet å være med på fotballtreningene'],
  ['trekker', 'seg unna de andre barna i friminuttene'],
  ['blir', 'hentet sent, og noen ganger av voksne vi ikke kjenner'],
  ['passer', 'ofte på småsøsknene alene om kvelden'],
  ['virker', 'redd når voksne hever stemmen'],
  ['har', 'gått ned i vekt det siste halvåret'],
  ['klager', 'ofte over vondt i magen og hodepine'],
  ['sovner', 'i timene og klarer ikke å følge med'],
  ['har', 'hatt mye fravær, særlig på mandager'],
  ['reagerer', 'sterkt på fysisk kontakt'],
  ['snakker', 'lite og svarer kort når vi spør hvordan det går'],
  ['kommer', 'på skolen med skitne klær flere dager på rad'],
  ['har', 'sagt at det er ekkelt å være alene med en av de voksne hjemme'],
  ['bruker', 'mye tid alene ute etter at det har blitt mørkt'],
  ['får', 'ikke den oppfølgingen hos tannlegen som det trenger'],
  ['gråter', 'ofte når det er tid for å gå hjem'],
  ['har', 'fått flere bekymringsfulle meldinger på mobilen fra eldre ungdommer'],
  ['er', 'ofte urolig og havner i konflikter med de andre barna'],
  ['viser', 'tegn på å ikke få nok søvn'],
  ['har', 'fortalt om en episode hjemme som gjorde det svært redd'],
  ['spiser', 'fort og mye når det får mat på skolen, som om det er sultent'],
  ['mangler', 'ofte gymtøy, bøker og andre ting det trenger på skolen'],
];

const ADULT_PREDICATES: readonly Predicate[] = [
  ['har', 'ikke møtt til avtalte samtaler med skolen'],
  ['virket', 'påvirket av rus da barnet ble hentet'],
  ['har', 'selv fortalt om psykiske plager og lite overskudd'],
  ['svarer', 'ikke på telefon eller meldinger fra barnehagen'],
  ['har', 'sagt at de ikke klarer mer'],
  ['kjeftet', 'høylytt på barnet i garderoben'],
  ['har', 'vært i konflikt med naboene, og politiet har vært der flere ganger'],
  ['bor', 'trangt og har svært dårlig økonomi'],
  ['har', 'sagt at barnet «må lære å klare seg selv»'],
  ['møtte', 'opp tydelig beruset på foreldremøtet'],
  ['avviser', 'at det er noe å bekymre seg for'],
  ['ønsker', 'hjelp, men vet ikke hvor de skal henvende seg'],
  ['har', 'flyttet mange ganger de siste to årene'],
];

const TAILS = [
  ', ifølge kontaktlæreren', ', noe flere ansatte har lagt merke til', ' uten at det har blitt bedre',
  ', og dette har økt den siste tiden', ', slik det også ble beskrevet i forrige samtale', ' – og det bekymrer oss',
  ' (jf. logg fra 2.–3. trinn)', ', selv om vi har tatt det opp med hjemmet',
];

const STATEMENTS = [
  'Vi har snakket med foresatte om bekymringen.',
  'Jeg er usikker på om dette er alvorlig nok, men velger å melde.',
  'Barneverntjenesten bør vurdere om det er behov for tiltak.',
  'Skolen har hatt samarbeidsmøte med helsesykepleier.',
  'Fraværet er ført i egen logg, som kan ettersendes.',
  'Jeg kan kontaktes på dagtid for utdypende opplysninger.',
  'Bekymringen gjelder først og fremst omsorgssituasjonen i hjemmet.',
  'Søsknene går på samme skole og kan også være berørt.',
  'Vi ønsker tilbakemelding på at meldingen er mottatt.',
  'Vi mener forholdet kan falle inn under barnevernsloven § 2-1, men overlater vurderingen til dere.',
  'Det har vært 2–3 slike episoder i måneden siden nyttår.',
  'Familien snakker nordsamisk hjemme, og barnet bruker ord som «čáhci» og «ruoktu» når det forteller om hjemmet.',
  'Barnet sa: «Jeg vil ikke at mamma skal få vite at jeg har sagt noe.»',
  'Helsestasjonen har også uttrykt bekymring for vektøkningen og søvnen.',
];

/** Whole short texts for the "a few words" end of the distribution (all under 40 characters). */
export const SHORT_TEXTS: readonly string[] = [
  'Ring meg.', 'Haster!', 'Se tidligere melding.', 'Bekymret for barnet.', 'Barnet er redd for å gå hjem.',
  'Mistanke om vold i hjemmet.', 'Mor virker ruset.', 'Gutten sover ute.', 'Jenta spiser ikke.', 'Ønsker å bli kontaktet.',
  'Har blåmerker igjen.', 'Mye fravær. Ingen svarer.', 'Se vedlagt logg.', 'Barna er alene hjemme.',
];

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function sentence(random: Random): string {
  if (random.chance(0.15)) return random.pick(STATEMENTS);
  const adult = random.chance(0.3);
  const subject = random.pick(adult ? ADULT_SUBJECTS : CHILD_SUBJECTS);
  const [verb, rest] = random.pick(adult ? ADULT_PREDICATES : CHILD_PREDICATES);
  const tail = random.chance(0.25) ? random.pick(TAILS) : '';
  const body = random.chance(0.4) ? `${random.pick(OPENERS)} ${verb} ${subject} ${rest}` : `${capitalise(subject)} ${verb} ${rest}`;
  return `${body}${tail}.`;
}

/**
 * Text of exactly `length` characters (UTF-16 units; the bank holds no surrogate pairs, so also code
 * points): sentences in paragraphs of three to seven, cut at the length and closed with a full stop.
 */
export function reportText(random: Random, length: number): string {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`reportText: length must be a whole number >= 0, got ${length}`);
  const parts: string[] = [];
  let size = 0;
  let inParagraph = 0;
  let paragraphLength = random.int(3, 7);
  while (size < length) {
    const separator = parts.length === 0 ? '' : inParagraph === 0 ? '\n\n' : ' ';
    const next = `${separator}${sentence(random)}`;
    parts.push(next);
    size += next.length;
    inParagraph += 1;
    if (inParagraph === paragraphLength) {
      inParagraph = 0;
      paragraphLength = random.int(3, 7);
    }
  }
  const text = parts.join('');
  if (text.length === length) return text;
  return length < 2 ? text.slice(0, length) : `${text.slice(0, length - 1).trimEnd().padEnd(length - 1, '.')}.`;
}

/**
 * A report text of drawn size. Shares: a few words 6 %, up to 800 characters 30 %, up to 4,000
 * 38 %, up to 15,000 18 %, up to 40,000 6 %, up to 80,000 2 % (the tail past 50,000 that must occur).
 */
export function drawReportText(random: Random): string {
  const bucket = weightedPick<readonly [number, number] | 'short'>(random, [
    [6, 'short'],
    [30, [40, 800]],
    [38, [800, 4_000]],
    [18, [4_000, 15_000]],
    [6, [15_000, 40_000]],
    [2, [40_000, 80_000]],
  ]);
  if (bucket === 'short') return random.pick(SHORT_TEXTS);
  return reportText(random, random.int(bucket[0], bucket[1]));
}
