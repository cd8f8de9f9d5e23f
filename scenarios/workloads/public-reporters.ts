// Who sends public-sector reports (offentlig melder): a role and the kind of workplace that goes with
// it. Schools, kindergartens and health services send most reports in real traffic.
import type { Municipality } from './municipalities.ts';
import type { Random } from './random.ts';
import { weightedPick } from './weighted-pick.ts';

interface ReporterProfile {
  readonly roles: readonly string[];
  readonly workplace: (place: string, municipality: Municipality) => string;
}

const PLACE_NAMES = [
  'Grønnåsen', 'Bjørkelia', 'Sølvberget', 'Fjellstad', 'Løvåsen', 'Sjøhagen', 'Bråtejordet', 'Kjærnes', 'Øvre Vang',
  'Nordmoen', 'Tårnby', 'Ekrehagen', 'Skåla', 'Lyngbø', 'Vestre Haugen', 'Hølen',
];

const PROFILES: readonly (readonly [number, ReporterProfile])[] = [
  [30, { roles: ['Lærer', 'Kontaktlærer', 'Rektor', 'Sosiallærer', 'Spesialpedagog', 'Miljøterapeut'], workplace: (place) => `${place} skole` }],
  [22, { roles: ['Barnehagelærer', 'Pedagogisk leder', 'Styrer', 'Fagarbeider i barnehage'], workplace: (place) => `${place} barnehage` }],
  [16, { roles: ['Helsesykepleier', 'Jordmor'], workplace: (_place, m) => `Helsestasjonen i ${m.kommunenavn}` }],
  [8, { roles: ['Fastlege', 'Lege'], workplace: (place) => `${place} legesenter` }],
  [8, { roles: ['Politibetjent', 'Politioverbetjent'], workplace: (_place, m) => `Politiet, ${m.kommunenavn} politistasjon` }],
  [6, { roles: ['NAV-veileder', 'Sosialkonsulent'], workplace: (_place, m) => `NAV ${m.kommunenavn}` }],
  [5, { roles: ['Psykolog', 'Psykologspesialist'], workplace: (_place, m) => `BUP ${m.kommunenavn}` }],
  [3, { roles: ['Tannlege', 'Tannpleier'], workplace: (place) => `${place} tannklinikk` }],
  [2, { roles: ['Leder', 'Fritidsleder'], workplace: (place) => `${place} fritidsklubb` }],
];

export function drawPublicReporter(random: Random, municipality: Municipality): { rolle: string; virksomhet: string } {
  const profile = weightedPick(random, PROFILES);
  return { rolle: random.pick(profile.roles), virksomhet: profile.workplace(random.pick(PLACE_NAMES), municipality) };
}
