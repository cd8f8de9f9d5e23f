// Synthetic street addresses: a common street name, a house number and a real post place of the
// municipality. Random combinations, so they point at no one in particular.
import type { Adresse } from '../../contracts/bekymringsmelding.ts';
import type { Municipality } from './municipalities.ts';
import type { Random } from './random.ts';

export const STREET_NAMES: readonly string[] = [
  'Storgata', 'Kirkegata', 'Skolegata', 'Kongens gate', 'Rådhusgata', 'Sjøgata', 'Møllergata', 'Torggata',
  'Bjørkeveien', 'Løkkeveien', 'Fjellveien', 'Åsveien', 'Granåsen', 'Bekkeliveien', 'Grønnegata', 'Blåbærstien',
  'Tyttebærveien', 'Gåsevikveien', 'Smørbukkveien', 'Skogsløkka', 'Fjærevegen', 'Øvre Slottsgate', 'Nedre Åsvei',
  'Bærvegen', 'Kjærlighetsstien', 'Sørlibakken', 'Nordåsvegen', 'Hølaløkka', 'Solbærvegen', 'Rønningsvegen',
  'Furumoen', 'Lyngåsen', 'Tårnveien', 'Ørnevegen', 'Måkeveien', 'Jærveien', 'Bryggen', 'Elvebakken',
];

function streetLine(random: Random): string {
  const letter = random.chance(0.15) ? random.pick(['A', 'B', 'C']) : '';
  return `${random.pick(STREET_NAMES)} ${random.int(1, 140)}${letter}`;
}

/**
 * An address in the municipality. Unused lines are sometimes "" (as KS's own examples send them)
 * and sometimes left out, so receivers meet both.
 */
export function syntheticAddress(random: Random, municipality: Municipality): Adresse {
  const place = random.pick(municipality.postPlaces);
  const address: Adresse = { adresselinje1: streetLine(random) };
  const flat = random.chance(0.25) ? `H0${random.int(1, 4)}0${random.int(1, 6)}` : '';
  if (random.chance(0.6)) {
    address.adresselinje2 = flat;
    address.adresselinje3 = '';
  } else if (flat !== '') {
    address.adresselinje2 = flat;
  }
  address.postnummer = place.postnummer;
  address.poststed = place.poststed;
  return address;
}

/** What a private reporter writes when they do not know where the child lives. */
export function unknownAddress(): Adresse {
  return { adresselinje1: 'Ukjent adresse' };
}
