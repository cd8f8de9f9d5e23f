// The rules a scenario checks, quoted from their sources (DESIGN.md): KS's best practice for Fiks
// IO receivers, the concern-report protocol, Fiks IO's own behaviour, and ackproof's invariant.
// The certification report shows this table: each requirement, where it comes from, how binding it
// is, which scenarios check it and whether it held. A requirement no scenario names is shown as
// untested (requirements.test.ts fails on one, naming it).
export type RequirementSource = 'KS best practice' | 'concern-report protocol' | 'Fiks IO' | 'ackproof';

/** SHALL: a receiver that breaks it can lose a report or break the protocol. SHOULD: KS's advice, broken only with a reason. */
export type RequirementLevel = 'SHALL' | 'SHOULD';

export interface Requirement {
  /** Stable, dotted: `ks.ack-after-handled`; the report and its readers refer to it by this. */
  readonly id: string;
  readonly source: RequirementSource;
  /** Where exactly, for a reader who wants to look it up. */
  readonly reference: string;
  readonly level: RequirementLevel;
  /** The rule, quoted. */
  readonly rule: string;
}

const KS_PAGE = "KS, Fiks IO best practice for receivers (quoted in DESIGN.md, 'Why it exists')";
const PROTOCOL = "no.ks.fiks.bekymringsmelding v1/v2 (DESIGN.md, 'The real protocol')";
const PLATFORM = "Fiks IO platform behaviour (DESIGN.md, 'The real protocol')";

export const REQUIREMENTS = {
  ackAfterHandled: {
    id: 'ks.ack-after-handled',
    source: 'KS best practice',
    reference: KS_PAGE,
    level: 'SHALL',
    rule: 'ack only after the message is safely handled (typically persisted), never before',
  },
  feiletThenAck: { id: 'ks.feilet-then-ack', source: 'KS best practice', reference: KS_PAGE, level: 'SHOULD', rule: "on failure send the protocol's error reply and then ack" },
  neverNack: { id: 'ks.never-nack', source: 'KS best practice', reference: KS_PAGE, level: 'SHOULD', rule: 'never use nack' },
  mottattWhenStored: {
    id: 'protocol.mottatt-when-stored',
    source: 'concern-report protocol',
    reference: `${PROTOCOL}: no.ks.fiks.bekymringsmelding.mottatt.v1`,
    level: 'SHALL',
    rule: 'send mottatt when the report is imported and stored',
  },
  feiletWhenNotImported: {
    id: 'protocol.feilet-when-not-imported',
    source: 'concern-report protocol',
    reference: `${PROTOCOL}: no.ks.fiks.bekymringsmelding.feilet.v1`,
    level: 'SHALL',
    rule: 'a report that cannot be imported is answered feilet, with feilmelding.json {"melding": "..."}; feilet sends it to letter post',
  },
  svarTil: { id: 'protocol.svar-til', source: 'concern-report protocol', reference: PROTOCOL, level: 'SHALL', rule: "a receipt's svar-til is the incoming melding-id" },
  v2AcceptsV1: { id: 'protocol.v2-accepts-v1', source: 'concern-report protocol', reference: PROTOCOL, level: 'SHALL', rule: 'a receiver that supports v2 must accept v1' },
  redeliveredWithoutAck: {
    id: 'fiks-io.redelivery',
    source: 'Fiks IO',
    reference: PLATFORM,
    level: 'SHALL',
    rule: 'no ack (channel closes) → redelivered; after 3 failed deliveries → dead letter queue',
  },
  payloadByReference: { id: 'fiks-io.dokumentlager', source: 'Fiks IO', reference: PLATFORM, level: 'SHALL', rule: 'payloads over 5 MB travel by reference (dokumentlager-id)' },
  ttlExpiry: { id: 'fiks-io.ttl-expiry', source: 'Fiks IO', reference: PLATFORM, level: 'SHALL', rule: 'TTL expiry → sender gets no.ks.fiks.kvittering.tidsavbrudd' },
  noLoss: {
    id: 'ackproof.no-loss',
    source: 'ackproof',
    reference: "ackproof's one promise (DESIGN.md): a release fails CI if an acknowledged message can be lost",
    level: 'SHALL',
    rule: 'a report answered mottatt is never lost: the case system holds exactly what was sent, once, visible to the municipality and district it was sent to',
  },
} as const satisfies Readonly<Record<string, Requirement>>;

/** Every requirement, in the order the report's table shows them. */
export const REQUIREMENT_TABLE: readonly Requirement[] = Object.values(REQUIREMENTS);

/** The requirements no scenario of `scenarios` names (each scenario lists its requirements). */
export function uncoveredRequirements(scenarios: readonly { readonly requirements: readonly Requirement[] }[]): Requirement[] {
  const named = new Set(scenarios.flatMap((scenario) => scenario.requirements.map((requirement) => requirement.id)));
  return REQUIREMENT_TABLE.filter((requirement) => !named.has(requirement.id));
}
