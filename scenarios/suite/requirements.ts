// The rules a scenario checks, quoted from their sources (DESIGN.md): KS's best practice for Fiks
// IO receivers, the concern-report protocol, Fiks IO's own behaviour, and ackproof's invariant.
export type RequirementSource = 'KS best practice' | 'concern-report protocol' | 'Fiks IO' | 'ackproof';

export interface Requirement {
  readonly source: RequirementSource;
  /** The rule, quoted. */
  readonly rule: string;
}

export const REQUIREMENTS = {
  ackAfterHandled: { source: 'KS best practice', rule: 'ack only after the message is safely handled (typically persisted), never before' },
  feiletThenAck: { source: 'KS best practice', rule: "on failure send the protocol's error reply and then ack" },
  neverNack: { source: 'KS best practice', rule: 'never use nack' },
  mottattWhenStored: { source: 'concern-report protocol', rule: 'send mottatt when the report is imported and stored' },
  svarTil: { source: 'concern-report protocol', rule: "a receipt's svar-til is the incoming melding-id" },
  v2AcceptsV1: { source: 'concern-report protocol', rule: 'a receiver that supports v2 must accept v1' },
  redeliveredWithoutAck: { source: 'Fiks IO', rule: 'no ack (channel closes) → redelivered; after 3 failed deliveries → dead letter queue' },
  payloadByReference: { source: 'Fiks IO', rule: 'payloads over 5 MB travel by reference (dokumentlager-id)' },
  ttlExpiry: { source: 'Fiks IO', rule: 'TTL expiry → sender gets no.ks.fiks.kvittering.tidsavbrudd' },
  noLoss: {
    source: 'ackproof',
    rule: 'a report answered mottatt is never lost: the case system holds exactly what was sent, once, visible to the municipality and district it was sent to',
  },
} as const satisfies Readonly<Record<string, Requirement>>;
