// The municipalities (and districts) reports are sent to. Municipality numbers and names are the
// real, public ones (2024 numbering); district numbers are the last two digits of SSB's district
// codes. Post numbers are real post places in the municipality; the street addresses built on them
// (street-addresses.ts) are random combinations.
import type { Random } from './random.ts';
import { nameBasedUuid } from './name-based-uuid.ts';
import { weightedPick } from './weighted-pick.ts';

export interface PostPlace {
  readonly postnummer: string;
  readonly poststed: string;
}

export interface Municipality {
  readonly kommunenummer: string;
  readonly kommunenavn: string;
  /** Districts with their own child-welfare service; empty where the municipality has one service. */
  readonly districts: readonly { readonly bydelsnummer: string; readonly bydelsnavn: string }[];
  readonly postPlaces: readonly PostPlace[];
  /** Relative share of report traffic, roughly by population. */
  readonly weight: number;
}

/** One addressee of reports: a district, or a whole municipality without districts (bydelsnummer "00"). */
export interface ReceivingUnit {
  readonly kommunenummer: string;
  readonly kommunenavn: string;
  readonly bydelsnummer: string;
  readonly bydelsnavn: string;
  /** Stable across runs: derived from the names, never drawn. */
  readonly bydelRessursId: string;
  readonly municipality: Municipality;
}

const districts = (...names: string[]): Municipality['districts'] =>
  names.map((bydelsnavn, index) => ({ bydelsnummer: String(index + 1).padStart(2, '0'), bydelsnavn }));

const places = (...pairs: [string, string][]): PostPlace[] => pairs.map(([postnummer, poststed]) => ({ postnummer, poststed }));

export const MUNICIPALITIES: readonly Municipality[] = [
  {
    kommunenummer: '0301', kommunenavn: 'Oslo', weight: 7,
    districts: districts('Gamle Oslo', 'Grünerløkka', 'Sagene', 'St. Hanshaugen', 'Frogner', 'Ullern', 'Vestre Aker',
      'Nordre Aker', 'Bjerke', 'Grorud', 'Stovner', 'Alna', 'Østensjø', 'Nordstrand', 'Søndre Nordstrand'),
    postPlaces: places(['0150', 'Oslo'], ['0557', 'Oslo'], ['0473', 'Oslo'], ['0260', 'Oslo'], ['0975', 'Oslo'], ['1164', 'Oslo']),
  },
  {
    kommunenummer: '4601', kommunenavn: 'Bergen', weight: 4,
    districts: districts('Arna', 'Bergenhus', 'Fana', 'Fyllingsdalen', 'Laksevåg', 'Ytrebygda', 'Årstad', 'Åsane'),
    postPlaces: places(['5003', 'Bergen'], ['5020', 'Bergen'], ['5114', 'Tertnes'], ['5221', 'Nesttun'], ['5161', 'Laksevåg']),
  },
  {
    kommunenummer: '5001', kommunenavn: 'Trondheim', weight: 3,
    districts: districts('Midtbyen', 'Østbyen', 'Lerkendal', 'Heimdal'),
    postPlaces: places(['7010', 'Trondheim'], ['7030', 'Trondheim'], ['7049', 'Trondheim'], ['7080', 'Heimdal']),
  },
  { kommunenummer: '1103', kommunenavn: 'Stavanger', weight: 2, districts: [], postPlaces: places(['4006', 'Stavanger'], ['4015', 'Stavanger']) },
  { kommunenummer: '3201', kommunenavn: 'Bærum', weight: 2, districts: [], postPlaces: places(['1337', 'Sandvika'], ['1363', 'Høvik']) },
  { kommunenummer: '3203', kommunenavn: 'Asker', weight: 1, districts: [], postPlaces: places(['1383', 'Asker'], ['1394', 'Nesbru']) },
  { kommunenummer: '3205', kommunenavn: 'Lillestrøm', weight: 1, districts: [], postPlaces: places(['2000', 'Lillestrøm'], ['2013', 'Skjetten']) },
  { kommunenummer: '3218', kommunenavn: 'Ås', weight: 1, districts: [], postPlaces: places(['1430', 'Ås']) },
  { kommunenummer: '3301', kommunenavn: 'Drammen', weight: 1, districts: [], postPlaces: places(['3015', 'Drammen'], ['3036', 'Drammen']) },
  { kommunenummer: '3107', kommunenavn: 'Fredrikstad', weight: 1, districts: [], postPlaces: places(['1606', 'Fredrikstad'], ['1661', 'Rolvsøy']) },
  { kommunenummer: '3905', kommunenavn: 'Tønsberg', weight: 1, districts: [], postPlaces: places(['3110', 'Tønsberg']) },
  { kommunenummer: '4003', kommunenavn: 'Skien', weight: 1, districts: [], postPlaces: places(['3724', 'Skien']) },
  { kommunenummer: '4204', kommunenavn: 'Kristiansand', weight: 1, districts: [], postPlaces: places(['4611', 'Kristiansand S'], ['4632', 'Kristiansand S']) },
  { kommunenummer: '3403', kommunenavn: 'Hamar', weight: 1, districts: [], postPlaces: places(['2317', 'Hamar']) },
  { kommunenummer: '3405', kommunenavn: 'Lillehammer', weight: 1, districts: [], postPlaces: places(['2609', 'Lillehammer']) },
  { kommunenummer: '3407', kommunenavn: 'Gjøvik', weight: 1, districts: [], postPlaces: places(['2815', 'Gjøvik']) },
  { kommunenummer: '3423', kommunenavn: 'Stor-Elvdal', weight: 0.5, districts: [], postPlaces: places(['2480', 'Koppang']) },
  { kommunenummer: '1508', kommunenavn: 'Ålesund', weight: 1, districts: [], postPlaces: places(['6002', 'Ålesund'], ['6018', 'Ålesund']) },
  { kommunenummer: '4621', kommunenavn: 'Voss', weight: 0.5, districts: [], postPlaces: places(['5700', 'Voss']) },
  { kommunenummer: '4647', kommunenavn: 'Sunnfjord', weight: 0.5, districts: [], postPlaces: places(['6800', 'Førde']) },
  { kommunenummer: '5057', kommunenavn: 'Ørland', weight: 0.5, districts: [], postPlaces: places(['7130', 'Brekstad']) },
  { kommunenummer: '1804', kommunenavn: 'Bodø', weight: 1, districts: [], postPlaces: places(['8006', 'Bodø']) },
  { kommunenummer: '5501', kommunenavn: 'Tromsø', weight: 1, districts: [], postPlaces: places(['9008', 'Tromsø'], ['9020', 'Tromsdalen']) },
  { kommunenummer: '5601', kommunenavn: 'Alta', weight: 0.5, districts: [], postPlaces: places(['9510', 'Alta']) },
];

/** The bydelRessursId of a district (or of a municipality without districts, bydelsnummer "00"). */
export function bydelRessursId(kommunenummer: string, kommunenavn: string, bydelsnummer: string, bydelsnavn: string): string {
  return nameBasedUuid(`urn:ackproof:bydel:${kommunenummer}:${bydelsnummer}:${kommunenavn}:${bydelsnavn}`);
}

function unitsOf(municipality: Municipality): ReceivingUnit[] {
  const { kommunenummer, kommunenavn } = municipality;
  const parts = municipality.districts.length > 0 ? municipality.districts : [{ bydelsnummer: '00', bydelsnavn: '' }];
  return parts.map(({ bydelsnummer, bydelsnavn }) => ({
    kommunenummer, kommunenavn, bydelsnummer, bydelsnavn,
    bydelRessursId: bydelRessursId(kommunenummer, kommunenavn, bydelsnummer, bydelsnavn),
    municipality,
  }));
}

/** Every district and district-less municipality that can receive reports. */
export const RECEIVING_UNITS: readonly ReceivingUnit[] = MUNICIPALITIES.flatMap(unitsOf);

export function findReceivingUnit(bydelRessursId: string): ReceivingUnit | undefined {
  return RECEIVING_UNITS.find((unit) => unit.bydelRessursId === bydelRessursId);
}

/** A municipality by traffic weight, then one of its districts uniformly. */
export function drawReceivingUnit(random: Random): ReceivingUnit {
  const municipality = weightedPick(random, MUNICIPALITIES.map((m) => [m.weight, m] as const));
  return random.pick(RECEIVING_UNITS.filter((unit) => unit.municipality === municipality));
}
