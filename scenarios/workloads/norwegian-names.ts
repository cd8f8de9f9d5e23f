// Synthetic Norwegian person names. Names are common ones, combined at random, so no combination
// points at a real person. æ, ø and å are well represented because they are what integrations
// break (encoding, truncation, PDF fonts); a few Sami and immigrant names keep the mix realistic
// and put letters outside æøå (á, é, š, ć) into reports too.
import type { Random } from './random.ts';

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Åse', 'Åshild', 'Åsne', 'Åsta', 'Sølvi', 'Bjørg', 'Torbjørg', 'Frøya', 'Gunnhild', 'Ragnhild', 'Solveig',
  'Ingrid', 'Kari', 'Dagny', 'Signe', 'Tone', 'Hege', 'Mari', 'Nora', 'Emma', 'Sofie', 'Ella', 'Maja',
  'Sigrid', 'Tiril', 'Ylva', 'Idunn', 'Mette', 'Siri', 'Marte', 'Hanne', 'Liv', 'Astrid', 'Jorunn',
  'Maren', 'Hedda', 'Vår', 'Dagrun', 'Linnéa', 'Máret', 'Biret', 'Fatima', 'Amina', 'Zainab', 'Oliwia',
];

export const MALE_FIRST_NAMES: readonly string[] = [
  'Bjørn', 'Øystein', 'Håkon', 'Ørjan', 'Ståle', 'Pål', 'Jørgen', 'Søren', 'Kåre', 'Asbjørn', 'Torbjørn',
  'Øyvind', 'Åsmund', 'Bård', 'Håvard', 'Sæmund', 'Steinar', 'Tormod', 'Jon', 'Ola', 'Per', 'Lars',
  'Magnus', 'Jakob', 'Noah', 'Emil', 'Filip', 'Aksel', 'Oskar', 'Sverre', 'Eirik', 'Geir', 'Rune',
  'Trygve', 'Halvor', 'Gaute', 'Snorre', 'Njål', 'Ivar', 'André', 'Ánde', 'Niillas', 'Mohammed', 'Yusuf',
  'Kacper', 'Luka',
];

export const FIRST_NAMES: readonly string[] = [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES];

export const SURNAMES: readonly string[] = [
  'Ødegård', 'Sæther', 'Løvås', 'Grønvold', 'Bråten', 'Dæhli', 'Mæland', 'Skjæveland', 'Næss', 'Hæhre',
  'Bækken', 'Rønning', 'Sørli', 'Sjøberg', 'Bjørnstad', 'Grønli', 'Kjølstad', 'Øverby', 'Løken',
  'Sundsbø', 'Kåsa', 'Råheim', 'Hålien', 'Ås', 'Fjæra', 'Jørgensen', 'Sørensen', 'Nygård', 'Bøe',
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen',
  'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Dahl', 'Halvorsen', 'Lund',
  'Moen', 'Strand', 'Solberg', 'Eide', 'Bakken', 'Lie', 'Lunde', 'Solheim', 'Holm', 'Haugland',
  'Hætta', 'Somby', 'Eira', 'Nguyen', 'Ahmed', 'Ali', 'Hussain', 'Nowak', 'Kowalczyk', 'Horvat', 'Petrović',
];

/** "Fornavn Etternavn", sometimes with a middle name (of the same gender) or a double surname. */
export function personName(random: Random, surname: string = random.pick(SURNAMES)): string {
  const names = random.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
  const first = random.pick(names);
  const middle = random.chance(0.15) ? ` ${random.pick(names.filter((name) => name !== first))}` : '';
  const last = random.chance(0.08) ? `${random.pick(SURNAMES.filter((name) => name !== surname))}-${surname}` : surname;
  return `${first}${middle} ${last}`;
}
