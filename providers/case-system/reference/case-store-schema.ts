// The reference case system's tables. Names are Norwegian where the domain is (sak = case,
// mottak = inbox of received reports, kvittering_utboks = receipt outbox), like the case systems
// this stands in for.
//
// What is deliberately NOT constrained, so faulty variants (providers/case-system/faulty/) can be
// built by small departures from the reference steps rather than a second schema:
// - sak.bekymringsmelding_id is not unique: idempotency comes from mottak's primary key, and a
//   store that skips that step really does create a second case;
// - sak.pdf may be null: a store that drops the PDF can do so, and the read-back shows it.
import type { Database } from '../../../harness/environments/database/index.ts';

const STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sak (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bekymringsmelding_id text NOT NULL,
    meldingstype text NOT NULL,
    -- bekymringsmelding.json exactly as received, not re-serialised: the read-back compares it.
    content_json text NOT NULL,
    pdf bytea,
    pdf_sha256 text,
    kommunenummer text NOT NULL,
    bydelsnummer text NOT NULL,
    melding_id text NOT NULL,
    stored_at timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS sak_bekymringsmelding_id ON sak (bekymringsmelding_id)',
  'CREATE INDEX IF NOT EXISTS sak_synlig_for ON sak (kommunenummer, bydelsnummer)',
  `CREATE TABLE IF NOT EXISTS mottak (
    bekymringsmelding_id text PRIMARY KEY,
    -- The melding-id and klientMeldingId of the first delivery; later ones are duplicates.
    melding_id text NOT NULL,
    klient_melding_id text,
    avsender_id text NOT NULL,
    mottatt_at timestamptz NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS kvittering_utboks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The melding-id answered (svar-til) and the account to answer (the delivery's avsender-id).
    svar_til text NOT NULL,
    mottaker_konto_id text NOT NULL,
    meldingstype text NOT NULL,
    body bytea NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz
  )`,
  'CREATE INDEX IF NOT EXISTS kvittering_utboks_svar_til ON kvittering_utboks (svar_til)',
  'CREATE INDEX IF NOT EXISTS kvittering_utboks_ikke_sendt ON kvittering_utboks (id) WHERE sent_at IS NULL',
];

/** Creates the case store's tables; safe to run again on a database that has them. */
export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of STATEMENTS) await tx.query(statement);
  });
}
