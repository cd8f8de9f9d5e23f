// The content of bekymringsmelding.json, as TypeScript types that mirror contracts/schemas/.
// The schemas are the authority; these types only spare code from casting.

export interface Adresse {
  adresselinje1: string;
  adresselinje2?: string;
  adresselinje3?: string;
  postnummer?: string;
  poststed?: string;
}

interface Felles {
  kommunenummer: string;
  kommunenavn: string;
  /** "00" where the municipality has no districts. */
  bydelsnummer: string;
  bydelsnavn: string;
  /** Local Norwegian time with no zone, as the portal sends it: "2020-03-16T13:29:33". */
  sendingstidspunkt: string;
  leveringskanal: string;
}

export interface PrivatBarn {
  personnavn: string;
  antattAlder?: string;
  relasjon?: string;
  adresse: Adresse;
}

export interface PrivatBekymringsmelding extends Felles {
  privatMelder: { personnavn: string; telefonnummer?: string; adresse?: Adresse };
  privatBarn: PrivatBarn[];
  melding: string;
}

export interface OffentligBarn {
  fnr: string;
  ufoedt: boolean;
  personnavn: string;
  telefonnummer?: string;
  adresse: Adresse;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface Foresatt {
  personnavn: string;
  telefonnummer?: string;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface OffentligBekymringsmelding extends Felles {
  offentligMelder: {
    personnavn: string;
    rolle: string;
    telefonnummer: string;
    epost: string;
    virksomhet: { navn: string; orgnr?: string; adresse: Adresse };
  };
  offentligBarn: OffentligBarn[];
  foresatte: Foresatt[];
  behovForTolk?: string;
  andreHjelpeinstanser?: string;
  /** andreSynspunkter is new in v2. */
  melding: { melding: string; historie: string; andreSynspunkter?: string };
}

export type Bekymringsmelding = PrivatBekymringsmelding | OffentligBekymringsmelding;

export function isOffentlig(report: Bekymringsmelding): report is OffentligBekymringsmelding {
  return 'offentligMelder' in report;
}
